package dev.oktaprov.getuser.security;

import static dev.oktaprov.testsupport.StreamInvocation.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.functiontesting.OddTokenScenarios;
import dev.oktaprov.functiontesting.SecretsAndOkta;
import dev.oktaprov.getuser.GetUserHandler;
import dev.oktaprov.simulator.FaultPlan;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.testsupport.LeakWatch;
import dev.oktaprov.entrypoints.InvocationContext;
import dev.oktaprov.testsupport.TestKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * get-user's scenarios, success and every class of failure, with an API token and with an OAuth
 * service app, under one {@link LeakWatch}: no credential in any log line, metric or answer,
 * logins only masked at INFO, and every summary line traceable.
 */
class GetUserLeakTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WRONG_TOKEN = "00wrongTOKENwrongTOKENwrongTOKEN0123456";
    private static final String LEAKY_SECRET_VALUE = "00shapeless-secret-value-0123456789";
    private static final String CALLER_SIGNATURE = "629d9f84907e3f644327c59002b18195e07d267bca913c6f15ebc21a08b456cf";

    private static SecretsAndOkta infrastructure;
    private static OktaSimulator okta;

    @BeforeAll
    static void start() {
        infrastructure = SecretsAndOkta.start();
        okta = infrastructure.okta();
    }

    @AfterAll
    static void stop() {
        infrastructure.close();
    }

    private static GetUserHandler withToken(String token) {
        return new GetUserHandler(infrastructure.withToken(token));
    }

    /** As Lambda builds it: the secret in Secrets Manager, the production credential source. */
    private static GetUserHandler withSecret(String secretText) {
        return new GetUserHandler(infrastructure.withSecret(secretText, OAuthScopes.READ_USERS));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> httpEvent(String idOrLogin) {
        Map<String, Object> event = EventLoader.loadEvent("../../events/apigw-get-user.json", Map.class);
        event.put("rawPath", "/users/" + idOrLogin);
        event.put("pathParameters", Map.of("id", idOrLogin));
        ((Map<String, Object>) ((Map<String, Object>) event.get("requestContext")).get("http")).put("path", "/users/" + idOrLogin);
        return event;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int http(LeakWatch watch, String scenario, GetUserHandler handler, String idOrLogin) {
        Map<String, Object> answer = invoke(handler, httpEvent(idOrLogin), InvocationContext.of("get-user"));
        watch.response(scenario, write(answer));
        return ((Number) answer.get("statusCode")).intValue();
    }

    private static String direct(LeakWatch watch, String scenario, GetUserHandler handler, Map<String, Object> input) {
        try {
            watch.response(scenario, write(invoke(handler, input, InvocationContext.of("get-user"))));
            return "OK";
        } catch (RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            watch.response(scenario, trace.toString());
            return e.getClass().getSimpleName();
        }
    }

    @Test
    void noScenarioLeaksACredentialOrAnUnmaskedLogin() throws Exception {
        KeyPair rsa = TestKeys.rsa();
        KeyPair ec = TestKeys.ec();
        String rsaPem = TestKeys.privatePem(rsa);
        String ecPem = TestKeys.privatePem(ec);
        okta.oauth().register("0oaREAD", TestKeys.publicPem(ec), "ec-1", OAuthScopes.ALL);
        okta.oauth().register("0oaNARROW", TestKeys.publicPem(rsa), "rsa-1", List.of("okta.users.read"));
        List<String> logins = new ArrayList<>();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        for (String login : List.of("jane.doe." + suffix + "@example.com", "it/ops." + suffix + "@example.com", "a+b." + suffix + "@example.com")) {
            logins.add(login);
        }
        List<SimulatedUser> users = okta.seedUsers(logins.stream().map(login -> SeedUser.of(login, "Jane", "Doe")).toList());
        String missing = "nobody." + suffix + "@example.com";
        logins.add(missing);

        try (LeakWatch watch = LeakWatch.start()) {
            GetUserHandler ssws = withToken(okta.token());
            assertThat(http(watch, "by id", ssws, users.get(0).id())).isEqualTo(200);
            for (String login : logins.subList(0, 3)) {
                assertThat(http(watch, "by login", ssws, login)).isEqualTo(200);
            }
            assertThat(http(watch, "not found", ssws, missing)).isEqualTo(404);
            assertThat(http(watch, "invalid", ssws, "x".repeat(101))).isEqualTo(400);
            assertThat(direct(watch, "direct: found", ssws, Map.of("login", logins.get(0)))).isEqualTo("OK");
            assertThat(direct(watch, "direct: not found", ssws, Map.of("login", missing))).isEqualTo("NotFoundException");
            assertThat(direct(watch, "direct: invalid", ssws, Map.of("id", users.get(0).id(), "login", logins.get(0))))
                    .isEqualTo("InvalidInputException");

            okta.setFaults(FaultPlan.none().withErrorRate(1.0).withErrorStatuses(503));
            assertThat(http(watch, "Okta unavailable", ssws, logins.get(0))).isEqualTo(503);
            okta.setFaults(FaultPlan.none());
            okta.setLimit(RateLimitBucket.USER_GET, 1);
            GetUserHandler throttled = withToken(okta.token());
            http(watch, "spends the minute's budget", throttled, logins.get(0));
            assertThat(http(watch, "rate limited", throttled, logins.get(2))).isEqualTo(429);
            okta.setLimit(RateLimitBucket.USER_GET, RateLimitBucket.USER_GET.defaultPerMinute());
            assertThat(http(watch, "a token Okta refuses", withToken(WRONG_TOKEN), logins.get(0))).isEqualTo(502);
            assertThat(http(watch, "a secret of the wrong shape", withSecret("{\"token\":\"" + LEAKY_SECRET_VALUE + "\"}"), logins.get(0)))
                    .isEqualTo(500);

            GetUserHandler oauth = withSecret(serviceApp("0oaREAD", "ec-1", ecPem));
            assertThat(http(watch, "OAuth: by login", oauth, logins.get(1))).isEqualTo(200);
            assertThat(http(watch, "OAuth: not found", oauth, missing)).isEqualTo(404);
            assertThat(http(watch, "OAuth: an unregistered key", withSecret(serviceApp("0oaREAD", "ec-1", rsaPem)), logins.get(0)))
                    .isEqualTo(502);
            assertThat(http(watch, "OAuth: groups not granted", withSecret(serviceApp("0oaNARROW", "rsa-1", rsaPem)), logins.get(0)))
                    .isEqualTo(502);

            // Tokens as copy-paste leaves them, from the environment, the secret and straight to the client; both callers.
            Map<String, String> odd = new OddTokenScenarios(watch, infrastructure, OAuthScopes.READ_USERS, "get-user",
                    GetUserHandler::new).run(() -> httpEvent(logins.get(0)), () -> Map.of("id", users.get(0).id()));
            assertThat(odd).containsExactlyEntriesOf(OddTokenScenarios.expected(okta.token(), "HTTP 200"));

            watch.secret("API token", okta.token()).secret("refused API token", WRONG_TOKEN)
                    .secret("the secret's value", LEAKY_SECRET_VALUE).secret("caller's SigV4 signature", CALLER_SIGNATURE)
                    .privateKey("RSA private key", rsaPem).privateKey("EC private key", ecPem);
            okta.oauth().issuedTokenValues().forEach(token -> watch.secret("access token", token));
            okta.oauth().receivedAssertions().forEach(assertion -> watch.secret("client assertion", assertion));
            logins.forEach(watch::personal);

            assertThat(okta.oauth().issuedTokenValues()).as("service-app scenarios ran").isNotEmpty();
            watch.assertNoLeaks();
            assertEverySummaryLineCanBeTraced(watch, 15);
        }
    }

    static void assertEverySummaryLineCanBeTraced(LeakWatch watch, int atLeast) throws Exception {
        List<JsonNode> summaries = new ArrayList<>();
        for (LeakWatch.Line line : watch.logLines(Level.INFO)) {
            JsonNode json = JSON.readTree(line.text().lines().findFirst().orElse("{}"));
            if (json.path("message").asText().startsWith("Invocation answered")) {
                summaries.add(json);
            }
        }
        assertThat(summaries).hasSizeGreaterThanOrEqualTo(atLeast);
        for (JsonNode summary : summaries) {
            assertThat(summary.path("correlation_id").asText()).as(summary.toString()).isNotBlank();
            if (List.of("FOUND", "NOT_FOUND", "OKTA_UNAVAILABLE", "OKTA_UNAUTHORIZED", "OKTA_FORBIDDEN")
                    .contains(summary.path("outcome").asText())) {
                assertThat(summary.path("okta_request_id").asText()).as(summary.toString()).isNotBlank();
            }
        }
    }

    private static String serviceApp(String clientId, String keyId, String privateKey) {
        return write(Map.of("clientId", clientId, "keyId", keyId, "privateKey", privateKey));
    }
}
