package dev.oktaprov.simulator.sdk;

import com.okta.sdk.authc.credentials.TokenClientCredentials;
import com.okta.sdk.cache.Caches;
import com.okta.sdk.client.AuthorizationMode;
import com.okta.sdk.client.ClientBuilder;
import com.okta.sdk.client.Clients;
import com.okta.sdk.resource.client.ApiClient;
import dev.oktaprov.simulator.OktaSimulator;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * okta-sdk-java 24 clients for a simulator, configured only through the SDK's own builder: no
 * cache (it would answer reads the simulator never saw), and the SDK's testing switch that lets it
 * talk to an {@code http://} org URL.
 */
final class SdkClients {

    private static final String HTTPS_CHECK = "okta.testing.disableHttpsCheck";

    private SdkClients() {
    }

    /** {@code Authorization: SSWS <token>}. */
    static ApiClient apiToken(OktaSimulator okta, UnaryOperator<ClientBuilder> configure) {
        return build(() -> configure.apply(Clients.builder()
                .setOrgUrl(okta.baseUrl())
                .setClientCredentials(new TokenClientCredentials(okta.token()))));
    }

    static ApiClient apiToken(OktaSimulator okta) {
        return apiToken(okta, builder -> builder);
    }

    /** {@link AuthorizationMode#PRIVATE_KEY}: the SDK signs its client assertion and fetches its token itself. */
    static ApiClient privateKey(OktaSimulator okta, String clientId, String keyId, PrivateKey key, Set<String> scopes) {
        return build(() -> Clients.builder()
                .setOrgUrl(okta.baseUrl())
                .setAuthorizationMode(AuthorizationMode.PRIVATE_KEY)
                .setClientId(clientId)
                .setKid(keyId)
                .setScopes(scopes)
                .setPrivateKey(pem(key)));
    }

    /** The builder reads the switch when it is made, and the client is built at once. */
    private static ApiClient build(Supplier<ClientBuilder> builder) {
        String previous = System.setProperty(HTTPS_CHECK, "true");
        try {
            return builder.get().setCacheManager(Caches.newDisabledCacheManager()).build();
        } finally {
            if (previous == null) {
                System.clearProperty(HTTPS_CHECK);
            } else {
                System.setProperty(HTTPS_CHECK, previous);
            }
        }
    }

    private static String pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
