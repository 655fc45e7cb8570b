package dev.oktaprov.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** {@code --tls}: https:// on a certificate made at start, trusted by clients given its files and by no one else. */
class TlsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpResponse<String> get(HttpClient client, OktaSimulator okta, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(okta.baseUrl() + path))
                .header("Authorization", "SSWS " + okta.token()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesHttpsToAClientTrustingOnlyItsCertificate() throws Exception {
        try (OktaSimulator okta = OktaSimulator.start(SimulatorOptions.defaults().withTls(true))) {
            okta.seedUsers(SeedUser.of("one@example.com", "One", "User"), SeedUser.of("two@example.com", "Two", "User"));
            HttpClient trusting = HttpClient.newBuilder().sslContext(okta.tls().clientContext()).build();

            HttpResponse<String> page = get(trusting, okta, "/api/v1/users?limit=1");
            HttpResponse<String> me = get(trusting, okta, "/api/v1/users/me");

            assertThat(okta.baseUrl()).startsWith("https://127.0.0.1:");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().allValues("link")).anySatisfy(link -> assertThat(link)
                    .startsWith("<" + okta.baseUrl() + "/api/v1/users?").endsWith("rel=\"next\""));
            JsonNode owner = JSON.readTree(me.body());
            assertThat(owner.at("/_links/self/href").asText()).startsWith("https://127.0.0.1:");
            assertThatThrownBy(() -> get(HttpClient.newHttpClient(), okta, "/api/v1/users"))
                    .as("a client with the JVM's default trust")
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void thePemAndTheTrustStoreHoldTheServedCertificateAndGoAwayOnClose() throws Exception {
        OktaSimulator okta = OktaSimulator.start(SimulatorOptions.defaults().withTls(true));
        SimulatorTls tls = okta.tls();
        try (InputStream pem = Files.newInputStream(tls.certificatePem());
                InputStream store = Files.newInputStream(tls.trustStore())) {
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(store, SimulatorTls.TRUST_STORE_PASSWORD.toCharArray());

            assertThat(CertificateFactory.getInstance("X.509").generateCertificate(pem)).isEqualTo(tls.certificate());
            assertThat(trustStore.getCertificate("okta-simulator")).isEqualTo(tls.certificate());
            assertThat(tls.certificate().getSubjectAlternativeNames())
                    .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
            assertThat(tls.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        } finally {
            okta.close();
        }

        assertThat(tls.certificatePem()).doesNotExist();
        assertThat(tls.trustStore()).doesNotExist();
    }

    @Test
    void plainHttpHasNoTls() {
        try (OktaSimulator okta = OktaSimulator.start()) {
            assertThat(okta.baseUrl()).startsWith("http://127.0.0.1:");
            assertThatThrownBy(okta::tls).isInstanceOf(IllegalStateException.class).hasMessageContaining("withTls(true)");
        }
    }
}
