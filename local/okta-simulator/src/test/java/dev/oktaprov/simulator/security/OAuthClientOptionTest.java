package dev.oktaprov.simulator.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar okta-simulator.jar --oauth-client FILE}: the app in the file gets tokens. */
class OAuthClientOptionTest {

    @Test
    void aServiceAppFromTheCommandLineGetsTokens(@TempDir Path dir) throws Exception {
        TestServiceApp app = TestServiceApp.ec("0oaCLI");
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(app.keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Path file = dir.resolve("clients.json");
        Files.writeString(file, TestServiceApp.JSON.writeValueAsString(List.of(TestServiceApp.JSON.createObjectNode()
                .put("clientId", app.clientId).put("keyId", app.keyId).put("publicKey", pem).put("scopes", "okta.users.read"))));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.oktaprov.simulator.Main",
                "--port", "0", "--oauth-client", file.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String baseUrl = null;
            StringBuilder printed = new StringBuilder();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                printed.append(line).append('\n');
                if (line.startsWith("Okta simulator listening on ")) {
                    baseUrl = line.substring("Okta simulator listening on ".length()).trim();
                }
                if (line.contains("oauth:")) {
                    break;
                }
            }
            assertThat(baseUrl).as(printed.toString()).isNotNull();
            assertThat(printed.toString()).contains("/oauth2/v1/token for [0oaCLI]");
            TokenEndpoint endpoint = new TokenEndpoint(baseUrl);

            TokenEndpoint.Answer granted = endpoint.token("okta.users.read", app.assertion(endpoint.url(), Instant.now()));
            TokenEndpoint.Answer refused = endpoint.token("okta.users.manage", app.assertion(endpoint.url(), Instant.now()));

            assertThat(granted.status()).as(granted.body()).isEqualTo(200);
            assertThat(endpoint.api("GET", "/api/v1/users", "Bearer " + granted.json().path("access_token").asText(), null).status())
                    .isEqualTo(200);
            assertThat(refused.error()).isEqualTo("invalid_scope");
        } finally {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
