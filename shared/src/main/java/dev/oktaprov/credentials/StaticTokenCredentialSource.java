package dev.oktaprov.credentials;

import dev.oktaprov.okta.CredentialSource;
import dev.oktaprov.time.Deadline;
import java.util.Objects;

/** An API token given directly ({@code OKTA_API_TOKEN}): for local runs; nothing to fetch or refresh. */
public final class StaticTokenCredentialSource implements CredentialSource {

    private final Secret token;

    public StaticTokenCredentialSource(Secret token) {
        this.token = Objects.requireNonNull(token, "token");
    }

    @Override
    public String authorizationHeader(Deadline deadline) {
        return "SSWS " + token.reveal();
    }

    @Override
    public void invalidate(String rejectedHeader) {
        // Nothing to fetch again: a rejected static token stays rejected.
    }

    @Override
    public void invalidate() {
        // Nothing cached.
    }

    @Override
    public String toString() {
        return "StaticTokenCredentialSource[token=***]";
    }
}
