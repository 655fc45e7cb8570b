package dev.oktaprov.createuser.security;

import static dev.oktaprov.testsupport.StreamInvocation.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.createuser.CreateUserHandler;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.entrypoints.InvocationContext;
import dev.oktaprov.functiontesting.SecretsAndOkta;
import dev.oktaprov.testsupport.LeakWatch;
import dev.oktaprov.testsupport.TestKeys;
import java.security.KeyPair;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A service app's PEM with one character mistyped near its end, inside a number the JDK signs with
 * (the key's CRT coefficient): it still parses as PKCS#8, but cannot sign. That is a malformed secret
 * (500 {@code CONFIGURATION}, nothing sent to Okta), not a bug of ours ({@code INTERNAL_ERROR}).
 */
class CreateUserCorruptKeyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SecretsAndOkta infrastructure;

    @BeforeAll
    static void start() {
        infrastructure = SecretsAndOkta.start();
    }

    @AfterAll
    static void stop() {
        infrastructure.close();
    }

    /** One base64 character of the PEM's last line (before its padding) changed: the last INTEGER's bytes differ. */
    static String mistyped(String pem) {
        int end = pem.indexOf("\n-----END");
        int at = end - 6;
        char typo = pem.charAt(at) == 'A' ? 'B' : 'A';
        return pem.substring(0, at) + typo + pem.substring(at + 1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPemThatParsesButCannotSignIsAMalformedSecret() throws Exception {
        KeyPair rsa = TestKeys.rsa();
        infrastructure.okta().oauth().register("0oaTYPO", TestKeys.publicPem(rsa), "rsa-1", OAuthScopes.ALL);
        String pem = mistyped(TestKeys.privatePem(rsa));
        String secret = JSON.writeValueAsString(Map.of("clientId", "0oaTYPO", "keyId", "rsa-1", "privateKey", pem));
        CreateUserHandler handler = new CreateUserHandler(infrastructure.withSecret(secret, OAuthScopes.CREATE_USERS));
        Map<String, Object> event = EventLoader.loadEvent("../../events/apigw-create-user.json", Map.class);

        try (LeakWatch watch = LeakWatch.start()) {
            Map<String, Object> answer = invoke(handler, event, InvocationContext.of("create-user"));
            watch.response("a mistyped key", JSON.writeValueAsString(answer));

            JsonNode body = JSON.readTree((String) answer.get("body"));
            assertThat(answer.get("statusCode")).isEqualTo(500);
            assertThat(body.get("code").asText()).isEqualTo("CONFIGURATION");
            assertThat(infrastructure.okta().oauth().tokenRequests()).as("token requests").isZero();
            assertThat(infrastructure.okta().counters().totalRequests()).as("API requests").isZero();
            watch.privateKey("RSA private key", pem);
            watch.assertNoLeaks();
        }
    }
}
