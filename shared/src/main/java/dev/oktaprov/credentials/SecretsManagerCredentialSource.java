package dev.oktaprov.credentials;

import dev.oktaprov.aws.AwsCallException;
import dev.oktaprov.aws.SecretsManagerReader;
import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.okta.CredentialSource;
import dev.oktaprov.time.Deadline;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Okta credentials from AWS Secrets Manager ({@code OKTA_SECRET_ID}).
 *
 * <p>Nothing is fetched until the first request needs it, so never into a SnapStart snapshot. Each
 * read is bounded by the caller's deadline: a Secrets Manager that does not answer costs an invocation
 * its answer, never its timeout. The secret is cached for the TTL (on the injected clock) and dropped
 * when Okta refuses the header it gave: the token may have been rotated. Fetches are serialised, so
 * parallel workers cause one read, not N.
 *
 * <p>An API-token secret is sent as {@code SSWS}; an OAuth service-app secret becomes the credential
 * source {@code serviceApps} builds (an access token fetched with the app's key), kept as long as
 * the secret's text stays the same, so its access token outlives a TTL re-read. Failures are told
 * apart by {@link SecretReadFailures}: unavailable (retry) or missing, denied, malformed (fix it).
 */
public final class SecretsManagerCredentialSource implements CredentialSource {

    private final String secretId;
    private final Supplier<SecretsManagerReader> clientFactory;
    private final Function<OktaCredentials.ServiceApp, CredentialSource> serviceApps;
    private final Duration ttl;
    private final Clock clock;
    private SecretsManagerReader client;
    private String text;
    private Instant textExpiresAt;
    private CredentialSource source;
    /** The secret's text {@code source} was built from. */
    private String sourceText;
    /** The last header given out: a refusal of an older one says nothing about the current one. */
    private String lastHeader;
    /** A secret that cannot be read as text is not asked for again before this instant (no retry storm). */
    private Instant unreadableUntil;

    /** For API-token secrets only: an OAuth service-app secret is refused as a configuration error. */
    public SecretsManagerCredentialSource(String secretId, Supplier<SecretsManagerReader> clientFactory, Duration ttl, Clock clock) {
        this(secretId, clientFactory, ttl, clock, app -> {
            throw new ConfigurationException("The secret named by OKTA_SECRET_ID holds an OAuth service app,"
                    + " which this credential source was not set up for");
        });
    }

    /**
     * @param clientFactory called once, on first use, to build the Secrets Manager reader
     * @param ttl how long a read secret is used before it is read again
     * @param serviceApps builds the credential source of an OAuth service-app secret
     */
    public SecretsManagerCredentialSource(String secretId, Supplier<SecretsManagerReader> clientFactory, Duration ttl, Clock clock,
            Function<OktaCredentials.ServiceApp, CredentialSource> serviceApps) {
        this.secretId = Objects.requireNonNull(secretId, "secretId");
        this.clientFactory = Objects.requireNonNull(clientFactory, "clientFactory");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.serviceApps = Objects.requireNonNull(serviceApps, "serviceApps");
    }

    @Override
    public synchronized String authorizationHeader(Deadline deadline) {
        lastHeader = current(deadline).authorizationHeader(deadline);
        return lastHeader;
    }

    @Override
    public synchronized Map<String, String> headers(String method, URI uri, Deadline deadline) {
        Map<String, String> headers = current(deadline).headers(method, uri, deadline);
        lastHeader = headers.get("Authorization");
        return headers;
    }

    @Override
    public synchronized void invalidate(String rejectedHeader) {
        if (rejectedHeader != null && rejectedHeader.equals(lastHeader)) {
            invalidate();
        }
    }

    @Override
    public synchronized void invalidate() {
        text = null;
        textExpiresAt = null;
        source = null;
        sourceText = null;
        lastHeader = null;
        unreadableUntil = null;
    }

    /**
     * A secret read signed and answered in-process ({@link SecretsManagerReader#prime()}): no network,
     * nothing read or cached here, no reader built.
     */
    @Override
    public void prime() {
        SecretsManagerReader.prime();
    }

    private CredentialSource current(Deadline deadline) {
        String current = read(deadline);
        if (!current.equals(sourceText)) {
            source = sourceFor(current);
            sourceText = current;
        }
        return source;
    }

    private String read(Deadline deadline) {
        Instant now = clock.instant();
        if (text != null && now.isBefore(textExpiresAt)) {
            return text;
        }
        if (unreadableUntil != null && now.isBefore(unreadableUntil)) {
            throw unreadable();
        }
        Duration left = deadline.remaining(clock);
        if (left.isZero()) {
            throw SecretReadFailures.noTimeLeft();
        }
        String secret;
        try {
            secret = client().secretString(secretId, left);
        } catch (AwsCallException e) {
            throw SecretReadFailures.of(e);
        }
        if (secret == null) {
            unreadableUntil = clock.instant().plus(ttl);
            throw unreadable();
        }
        text = secret;
        textExpiresAt = clock.instant().plus(ttl);
        return text;
    }

    private CredentialSource sourceFor(String secretText) {
        OktaCredentials credentials;
        try {
            credentials = OktaCredentials.parse(secretText, "named by OKTA_SECRET_ID");
        } catch (ConfigurationException malformed) {
            throw SecretReadFailures.malformed(malformed);
        }
        return credentials instanceof OktaCredentials.ApiToken token ? new StaticTokenCredentialSource(token.token())
                : serviceApps.apply((OktaCredentials.ServiceApp) credentials);
    }

    private SecretsManagerReader client() {
        if (client == null) {
            client = clientFactory.get();
        }
        return client;
    }

    private static ConfigurationException unreadable() {
        return SecretReadFailures.malformed(new ConfigurationException("The secret named by OKTA_SECRET_ID is binary or"
                + " unreadable as text; store the JSON as the secret string"));
    }

    @Override
    public String toString() {
        return "SecretsManagerCredentialSource[secretId=" + secretId + "]";
    }
}
