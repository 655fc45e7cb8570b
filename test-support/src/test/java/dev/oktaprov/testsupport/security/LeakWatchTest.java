package dev.oktaprov.testsupport.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktaprov.testsupport.LeakWatch;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The watch finds what it is meant to find, and passes clean output: leak tests built on it can fail. */
class LeakWatchTest {

    private static final Logger LOG = LoggerFactory.getLogger("dev.oktaprov.testsupport.security.Sample");
    private static final String TOKEN = "00abcdefghijklmnopqrstuvwxyz0123456789AB";

    @Test
    void cleanOutputPasses() {
        try (LeakWatch watch = LeakWatch.start()) {
            watch.secret("API token", TOKEN).personal("jane.doe@example.com");
            LOG.info("created user {} (request id {})", "j***@e***.com", "req-1");
            LOG.debug("Okta GET /api/v1/users -> 200");
            watch.response("GET /users/00u1", "{\"login\":\"jane.doe@example.com\"}");

            watch.assertNoLeaks();
            assertThat(watch.lines()).hasSize(3);
        }
    }

    @Test
    void aRegisteredSecretIsFoundInALogLineAtAnyLevelWithoutBeingRepeated() {
        try (LeakWatch watch = LeakWatch.start()) {
            watch.secret("API token", TOKEN);
            LOG.debug("header was {}", TOKEN);

            assertThatThrownBy(watch::assertNoLeaks).hasMessageContaining("API token in log dev.oktaprov")
                    .hasMessageNotContaining(TOKEN);
        }
    }

    @Test
    void aSecretInAStackTraceIsFound() {
        try (LeakWatch watch = LeakWatch.start()) {
            watch.secret("password", "Tr0ub4dor&3-horse");
            LOG.error("create failed", new IllegalStateException("bad password Tr0ub4dor&3-horse"));

            assertThatThrownBy(watch::assertNoLeaks).hasMessageContaining("password in log");
        }
    }

    @Test
    void aSecretInAResponseOrOnStandardOutputIsFound() {
        try (LeakWatch watch = LeakWatch.start()) {
            watch.secret("API token", TOKEN);
            watch.response("POST /users", "{\"message\":\"token " + TOKEN + " refused\"}");
            System.out.println("{\"_aws\":{},\"token\":\"" + TOKEN + "\"}");

            assertThatThrownBy(watch::assertNoLeaks).hasMessageContaining("response POST /users").hasMessageContaining("stdout");
        }
    }

    @Test
    void aSecretWithAQuoteABackslashOrALineBreakIsFoundWhereJsonEscapedIt() {
        String password = "Tr0ub\"4dor\\3\nhorse";
        try (LeakWatch watch = LeakWatch.start()) {
            watch.secret("password", password).personal("o'neil@example.com");
            LOG.warn("refused {}", password);
            String body = "{\"message\":\"" + password.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"}";
            watch.response("POST /users", "{\"statusCode\":400,\"body\":\"" + body.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
            LOG.info("created {}", "o\\u0027neil@example.com");

            assertThatThrownBy(watch::assertNoLeaks).hasMessageContaining("3 leak(s)").hasMessageContaining("password in log")
                    .hasMessageContaining("password in response POST /users").hasMessageContaining("an unmasked login/email at INFO");
        }
    }

    @Test
    void credentialShapesAreFoundWithoutBeingRegistered() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiIwb2ExIn0.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU";
        try (LeakWatch watch = LeakWatch.start()) {
            LOG.info("assertion {}", jwt);
            LOG.info("Authorization: Bearer sim.AbCdEfGh12345678");
            LOG.info("Authorization: SSWS 00AbCdEfGh12345678");
            LOG.info("Authorization: DPoP sim.AbCdEfGh12345678");
            LOG.info("-----BEGIN PRIVATE KEY-----");
            LOG.info("the app asked for a DPoP proof (use_dpop_nonce)");

            assertThatThrownBy(watch::assertNoLeaks).hasMessageContaining("5 leak(s)")
                    .hasMessageContaining("a signed JWT").hasMessageContaining("a Bearer credential").hasMessageContaining("a DPoP credential")
                    .hasMessageContaining("an SSWS credential").hasMessageContaining("private key armour");
        }
    }

    @Test
    void aFragmentOfAPrivateKeyIsFound() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        String body = Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        try (LeakWatch watch = LeakWatch.start()) {
            watch.privateKey("private key", "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----");
            LOG.warn("could not parse key near '{}'", body.substring(30, 70));

            assertThatThrownBy(watch::assertNoLeaks).hasMessageContaining("private key in log");
        }
    }

    @Test
    void loginsMustBeMaskedAtInfoButMayAppearInDebugAndResponses() {
        try (LeakWatch watch = LeakWatch.start()) {
            watch.personal("Jane.Doe@Example.com");
            LOG.debug("looking up jane.doe@example.com");
            watch.response("GET /users/00u1", "{\"login\":\"jane.doe@example.com\"}");
            watch.assertNoLeaks();

            LOG.info("created JANE.DOE@example.com");

            assertThatThrownBy(watch::assertNoLeaks).hasMessageContaining("an unmasked login/email at INFO");
        }
    }

    @Test
    void closingDetaches() {
        LeakWatch watch = LeakWatch.start();
        watch.close();

        LOG.error("after close {}", TOKEN);

        assertThat(watch.lines()).isEmpty();
    }
}
