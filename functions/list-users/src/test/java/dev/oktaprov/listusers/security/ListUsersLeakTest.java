package dev.oktaprov.listusers.security;

import static dev.oktaprov.testsupport.StreamInvocation.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.functiontesting.OddTokenScenarios;
import dev.oktaprov.functiontesting.SecretsAndOkta;
import dev.oktaprov.listusers.ListUsersHandler;
import dev.oktaprov.simulator.FaultPlan;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.SeedUser;
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
 * list-users's scenarios, success and every class of failure, with an API token and with an OAuth
 * service app, under one {@link LeakWatch}: no credential in any log line, metric or answer,
 * logins only masked at INFO, and every summary line traceable.
 */
class ListUsersLeakTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WRONG_TOKEN = "00wrongTOKENwrongTOKENwrongTOKEN0123456";
    private static final String LEAKY_SECRET_VALUE = "00shapeless-secret-value-0123456789";
    private static final String CALLER_SIGNATURE = "4560878f7495cee48741818fac1ab3ac4d22b66b8ce11ec2784d2a228f85d414";

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

    private static ListUsersHandler withToken(String token) {
        return new ListUsersHandler(infrastructure.withToken(token));
    }

    /** As Lambda builds it: the secret in Secrets Manager, the production credential source. */
    private static ListUsersHandler withSecret(String secretText) {
        return new ListUsersHandler(infrastructure.withSecret(secretText, OAuthScopes.READ_USERS));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> httpEvent(Map<String, String> query) {
        Map<String, Object> event = EventLoader.loadEvent("../../events/apigw-list-users-filter.json", Map.class);
        event.put("queryStringParameters", query);
        event.put("rawQueryString", query.entrySet().stream()
                .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(java.util.stream.Collectors.joining("&")));
        return event;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int http(LeakWatch watch, String scenario, ListUsersHandler handler, Map<String, String> query) {
        Map<String, Object> answer = invoke(handler, httpEvent(query), InvocationContext.of("list-users"));
        watch.response(scenario, write(answer));
        return ((Number) answer.get("statusCode")).intValue();
    }

    private static String direct(LeakWatch watch, String scenario, ListUsersHandler handler, Map<String, Object> input) {
        try {
            watch.response(scenario, write(invoke(handler, input, InvocationContext.of("list-users"))));
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
        okta.oauth().register("0oaNARROW", TestKeys.publicPem(rsa), "rsa-1", List.of("okta.groups.read"));
        List<String> logins = new ArrayList<>();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        for (String login : List.of("jane.doe." + suffix + "@example.com", "it/ops." + suffix + "@example.com", "a+b." + suffix + "@example.com")) {
            logins.add(login);
        }
        okta.seedUsers(logins.stream().map(login -> SeedUser.of(login, "Jane", "Doe")).toList());

        try (LeakWatch watch = LeakWatch.start()) {
            ListUsersHandler ssws = withToken(okta.token());
            String jane = logins.get(0);
            assertThat(http(watch, "a page", ssws, Map.of("limit", "2"))).isEqualTo(200);
            assertThat(http(watch, "by filter", ssws, Map.of("filter", "profile.login eq \"" + jane + "\""))).isEqualTo(200);
            assertThat(http(watch, "by search", ssws, Map.of("search", "profile.email sw \"" + jane + "\"", "status", "ACTIVE")))
                    .isEqualTo(200);
            assertThat(http(watch, "by profile attribute", ssws, Map.of("profile.email", jane))).isEqualTo(200);
            assertThat(http(watch, "by q", ssws, Map.of("q", jane))).isEqualTo(200);
            assertThat(http(watch, "invalid limit", ssws, Map.of("limit", "0", "q", jane))).isEqualTo(400);
            assertThat(http(watch, "Okta refuses the filter", ssws, Map.of("filter", "profile.login eq " + jane))).isEqualTo(400);
            assertThat(direct(watch, "direct: listed", ssws, Map.of("profile", Map.of("login", jane)))).isEqualTo("OK");
            assertThat(direct(watch, "direct: invalid", ssws, Map.of("q", jane, "limit", "many"))).isEqualTo("InvalidInputException");

            okta.setFaults(FaultPlan.none().withErrorRate(1.0).withErrorStatuses(503));
            assertThat(http(watch, "Okta unavailable", ssws, Map.of("q", jane))).isEqualTo(503);
            okta.setFaults(FaultPlan.none());
            okta.setLimit(RateLimitBucket.USERS, 1);
            ListUsersHandler throttled = withToken(okta.token());
            http(watch, "spends the minute's budget", throttled, Map.of("q", jane));
            assertThat(http(watch, "rate limited", throttled, Map.of("q", jane))).isEqualTo(429);
            okta.setLimit(RateLimitBucket.USERS, RateLimitBucket.USERS.defaultPerMinute());
            assertThat(http(watch, "a token Okta refuses", withToken(WRONG_TOKEN), Map.of("q", jane))).isEqualTo(502);
            assertThat(http(watch, "a secret of the wrong shape", withSecret("{\"token\":\"" + LEAKY_SECRET_VALUE + "\"}"),
                    Map.of("q", jane))).isEqualTo(500);

            ListUsersHandler oauth = withSecret(serviceApp("0oaREAD", "ec-1", ecPem));
            assertThat(http(watch, "OAuth: by filter", oauth, Map.of("filter", "profile.login eq \"" + jane + "\""))).isEqualTo(200);
            assertThat(http(watch, "OAuth: an unregistered key", withSecret(serviceApp("0oaREAD", "ec-1", rsaPem)), Map.of("q", jane)))
                    .isEqualTo(502);
            assertThat(http(watch, "OAuth: users not granted", withSecret(serviceApp("0oaNARROW", "rsa-1", rsaPem)), Map.of("q", jane)))
                    .isEqualTo(502);

            // Tokens as copy-paste leaves them, from the environment, the secret and straight to the client; both callers.
            Map<String, String> odd = new OddTokenScenarios(watch, infrastructure, OAuthScopes.READ_USERS, "list-users",
                    ListUsersHandler::new).run(() -> httpEvent(Map.of("limit", "2")), () -> Map.of("limit", 2));
            assertThat(odd).containsExactlyEntriesOf(OddTokenScenarios.expected(okta.token(), "HTTP 200"));

            watch.secret("API token", okta.token()).secret("refused API token", WRONG_TOKEN)
                    .secret("the secret's value", LEAKY_SECRET_VALUE).secret("caller's SigV4 signature", CALLER_SIGNATURE)
                    .privateKey("RSA private key", rsaPem).privateKey("EC private key", ecPem);
            okta.oauth().issuedTokenValues().forEach(token -> watch.secret("access token", token));
            okta.oauth().receivedAssertions().forEach(assertion -> watch.secret("client assertion", assertion));
            logins.forEach(watch::personal);

            assertThat(okta.oauth().issuedTokenValues()).as("service-app scenarios ran").isNotEmpty();
            watch.assertNoLeaks();
            assertEverySummaryLineCanBeTraced(watch, 14);
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
            if (List.of("LISTED", "OKTA_UNAVAILABLE", "OKTA_UNAUTHORIZED", "OKTA_FORBIDDEN")
                    .contains(summary.path("outcome").asText())) {
                assertThat(summary.path("okta_request_id").asText()).as(summary.toString()).isNotBlank();
            }
        }
    }

    private static String serviceApp(String clientId, String keyId, String privateKey) {
        return write(Map.of("clientId", clientId, "keyId", keyId, "privateKey", privateKey));
    }
}
