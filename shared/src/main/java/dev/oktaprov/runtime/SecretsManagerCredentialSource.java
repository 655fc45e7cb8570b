package dev.oktaprov.runtime;

import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.okta.CredentialSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.lambda.powertools.parameters.cache.CacheManager;
import software.amazon.lambda.powertools.parameters.secrets.SecretsProvider;

/**
 * The Okta credentials from AWS Secrets Manager ({@code OKTA_SECRET_ID}), read with Powertools'
 * {@link SecretsProvider}.
 *
 * <p>Nothing is fetched until the first request needs it: never at class initialisation, never into
 * a SnapStart snapshot. The secret is then cached for the TTL, measured on the injected clock, and
 * dropped by {@link #invalidate()} (Okta answered 401: the token may have been rotated). Fetches are
 * serialised, so parallel workers cause one read, not N.
 *
 * <p>An API-token secret is sent as {@code SSWS}; an OAuth service-app secret becomes the credential
 * source {@code serviceApps} builds (an access token fetched with the app's key), kept as long as
 * the secret's text stays the same, so its access token outlives a TTL re-read.
 */
public final class SecretsManagerCredentialSource implements CredentialSource {

    private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerCredentialSource.class);

    private final String secretId;
    private final Supplier<SecretsManagerClient> clientFactory;
    private final ClockedCache cache;
    private final Function<OktaCredentials.ServiceApp, CredentialSource> serviceApps;
    private final Duration ttl;
    private SecretsProvider provider;
    private String parsedFrom;
    private OktaCredentials parsed;
    private CredentialSource source;
    private OktaCredentials sourceFor;
    /** A secret that cannot be read as text is not asked for again before this instant (no retry storm). */
    private Instant unreadableUntil;
    private final Clock clock;

    /** For API-token secrets only: an OAuth service-app secret is refused as a configuration error. */
    public SecretsManagerCredentialSource(String secretId, Supplier<SecretsManagerClient> clientFactory, Duration ttl, Clock clock) {
        this(secretId, clientFactory, ttl, clock, app -> {
            throw new ConfigurationException("The secret named by OKTA_SECRET_ID holds an OAuth service app,"
                    + " which this credential source was not set up for");
        });
    }

    /**
     * @param clientFactory called once, on first use, to build the Secrets Manager client
     * @param ttl how long a read secret is used before it is read again
     * @param serviceApps builds the credential source of an OAuth service-app secret
     */
    public SecretsManagerCredentialSource(String secretId, Supplier<SecretsManagerClient> clientFactory, Duration ttl, Clock clock,
            Function<OktaCredentials.ServiceApp, CredentialSource> serviceApps) {
        this.secretId = Objects.requireNonNull(secretId, "secretId");
        this.clientFactory = Objects.requireNonNull(clientFactory, "clientFactory");
        this.cache = new ClockedCache(Objects.requireNonNull(ttl, "ttl"), Objects.requireNonNull(clock, "clock"));
        this.clock = clock;
        this.ttl = ttl;
        this.serviceApps = Objects.requireNonNull(serviceApps, "serviceApps");
    }

    @Override
    public synchronized String authorizationHeader() {
        OktaCredentials current = credentials();
        if (source == null || sourceFor != current) {
            source = current instanceof OktaCredentials.ApiToken token
                    ? new StaticTokenCredentialSource(token.token())
                    : serviceApps.apply((OktaCredentials.ServiceApp) current);
            sourceFor = current;
        }
        return source.authorizationHeader();
    }

    /** The parsed credentials, read from Secrets Manager when the cache has none. */
    public synchronized OktaCredentials credentials() {
        String text = read();
        if (parsed == null || !text.equals(parsedFrom)) {
            parsed = OktaCredentials.parse(text, "named by OKTA_SECRET_ID");
            parsedFrom = text;
        }
        return parsed;
    }

    @Override
    public synchronized void invalidate() {
        cache.clear();
        parsed = null;
        parsedFrom = null;
        source = null;
        sourceFor = null;
        unreadableUntil = null;
    }

    /**
     * A secret read answered in-process ({@link SecretsManagerPriming}): no network, nothing read or
     * cached here. After a SnapStart restore the first real read then finds the SDK loaded (bench/
     * measured the first request after priming at less than half).
     */
    @Override
    public void prime() {
        SecretsManagerPriming.run();
    }

    private String read() {
        if (unreadableUntil != null && clock.instant().isBefore(unreadableUntil)) {
            throw unreadable();
        }
        if (provider == null) {
            provider = SecretsProvider.builder().withClient(clientFactory.get()).withCacheManager(cache).build();
        }
        try {
            String value = provider.get(secretId);
            if (value == null) {
                throw new ConfigurationException("The secret named by OKTA_SECRET_ID has no text value");
            }
            return value;
        } catch (ResourceNotFoundException e) {
            throw new ConfigurationException("The secret named by OKTA_SECRET_ID does not exist", e);
        } catch (SecretsManagerException e) {
            int status = e.statusCode();
            LOG.error("Secrets Manager refused to read the Okta secret: HTTP {} ({})", status,
                    e.awsErrorDetails() == null ? "no details" : e.awsErrorDetails().errorCode());
            throw new ConfigurationException("Secrets Manager refused to read the secret named by OKTA_SECRET_ID (HTTP " + status + ")", e);
        } catch (SdkClientException e) {
            throw new ConfigurationException("Secrets Manager could not be reached to read the secret named by OKTA_SECRET_ID", e);
        } catch (SdkException e) {
            throw new ConfigurationException("Reading the secret named by OKTA_SECRET_ID failed", e);
        } catch (IllegalArgumentException e) {
            // Powertools decodes a binary secret as base64; its message quotes a character of the value.
            unreadableUntil = clock.instant().plus(ttl);
            throw unreadable();
        }
    }

    private static ConfigurationException unreadable() {
        return new ConfigurationException("The secret named by OKTA_SECRET_ID is binary or unreadable as text;"
                + " store the JSON as the secret string");
    }

    /**
     * Powertools' cache, with expiry measured on our clock and our TTL: the provider calls only these
     * methods, so every read goes through our notion of time (and tests need not wait).
     */
    static final class ClockedCache extends CacheManager {
        private final Duration ttl;
        private final Clock clock;
        private final Map<String, Entry> entries = new HashMap<>();

        private record Entry(Object value, Instant expiresAt) {}

        ClockedCache(Duration ttl, Clock clock) {
            this.ttl = ttl;
            this.clock = clock;
        }

        @Override
        @SuppressWarnings("unchecked")
        public synchronized <T> Optional<T> getIfNotExpired(String key, Instant ignoredProviderTime) {
            Entry entry = entries.get(key);
            if (entry == null || !clock.instant().isBefore(entry.expiresAt())) {
                return Optional.empty();
            }
            return Optional.of((T) entry.value());
        }

        @Override
        public synchronized <T> void putInCache(String key, T value) {
            entries.put(key, new Entry(value, clock.instant().plus(ttl)));
        }

        @Override
        public void setExpirationTime(Duration duration) {
            // The TTL is ours (SECRET_CACHE_TTL_SECONDS).
        }

        @Override
        public void setDefaultExpirationTime(Duration duration) {
            // The TTL is ours (SECRET_CACHE_TTL_SECONDS).
        }

        @Override
        public void resetExpirationTime() {
            // The TTL is ours (SECRET_CACHE_TTL_SECONDS).
        }

        synchronized void clear() {
            entries.clear();
        }
    }

    @Override
    public String toString() {
        return "SecretsManagerCredentialSource[secretId=" + secretId + "]";
    }
}
