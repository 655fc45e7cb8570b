package dev.oktaprov.runtime;

import dev.oktaprov.okta.CredentialSource;
import java.util.Objects;

/** An API token given directly ({@code OKTA_API_TOKEN}): for local runs; nothing to refresh. */
public final class StaticTokenCredentialSource implements CredentialSource {

    private final Secret token;

    public StaticTokenCredentialSource(Secret token) {
        this.token = Objects.requireNonNull(token, "token");
    }

    @Override
    public String authorizationHeader() {
        return "SSWS " + token.reveal();
    }

    @Override
    public void invalidate() {
        // Nothing to fetch again: a rejected static token stays rejected.
    }

    @Override
    public String toString() {
        return "StaticTokenCredentialSource[token=***]";
    }
}
