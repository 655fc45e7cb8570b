package dev.oktaprov.createuser.security;

import static dev.oktaprov.testsupport.StreamInvocation.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.createuser.CreateUserHandler;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.entrypoints.InvocationContext;
import dev.oktaprov.functiontesting.OddTokenScenarios;
import dev.oktaprov.functiontesting.SecretsAndOkta;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.simulator.FaultPlan;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.testsupport.LeakWatch;
import dev.oktaprov.testsupport.TestKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * create-user's scenarios, success and every class of failure, with an API token and with an OAuth
 * service app, under one {@link LeakWatch}: no token, password, client assertion, access token,
 * private key or caller signature in any log line, printed metric or answer; logins only masked at
 * INFO; and every summary line carries the correlation id (and Okta's request id once Okta answered).
 */
class CreateUserLeakTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "Tr0ub\"4dor\\3-Horse-Battery";
    private static final String WEAK_PASSWORD = "Qz7$kp";
    private static final String WRONG_TOKEN = "00wrongTOKENwrongTOKENwrongTOKEN0123456";
    private static final String LEAKY_SECRET_VALUE = "00shapeless-secret-value-0123456789";
    private static final String CALLER_SIGNATURE = "429893e959d34383e81a474192c8e1afda80e45f5236ea72eb810a143cf964e7";

    private static SecretsAndOkta infrastructure;
    private static OktaSimulator okta;

    private final List<String> logins = new ArrayList<>();

    @BeforeAll
    static void start() {
        infrastructure = SecretsAndOkta.start();
        okta = infrastructure.okta();
    }

    @AfterAll
    static void stop() {
        infrastructure.close();
    }

    private static ProvisioningRuntime withToken(String token) {
        return infrastructure.withToken(token);
    }

    /** As Lambda builds it: the secret in Secrets Manager, the production credential source. */
    private static ProvisioningRuntime withSecret(String secretText) {
        return infrastructure.withSecret(secretText, OAuthScopes.CREATE_USERS);
    }

    private Map<String, Object> httpEvent(String login, Map<String, Object> extra) {
        logins.add(login);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", "Isaac");
        body.put("lastName", "Brock");
        body.put("email", login);
        body.put("login", login);
        body.putAll(extra);
        return httpEvent(write(body));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> httpEvent(String body) {
        Map<String, Object> event = EventLoader.loadEvent("../../events/apigw-create-user.json", Map.class);
        event.put("body", body);
        return event;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Calls the handler over HTTP, records the answer, returns its status. */
    private static int http(LeakWatch watch, String scenario, CreateUserHandler handler, Map<String, Object> event) {
        Map<String, Object> answer = invoke(handler, event, InvocationContext.of("create-user"));
        watch.response(scenario, write(answer));
        return ((Number) answer.get("statusCode")).intValue();
    }

    /** Calls the handler as Step Functions does; a failure is recorded as Lambda reports it (type, message, stack). */
    private static String direct(LeakWatch watch, String scenario, CreateUserHandler handler, Map<String, Object> input) {
        try {
            watch.response(scenario, write(invoke(handler, input, InvocationContext.of("create-user"))));
            return "OK";
        } catch (RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            watch.response(scenario, trace.toString());
            return e.getClass().getSimpleName();
        }
    }

    private static String login(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    @Test
    void noScenarioLeaksACredentialOrAnUnmaskedLogin() throws Exception {
        KeyPair rsa = TestKeys.rsa();
        KeyPair ec = TestKeys.ec();
        String rsaPem = TestKeys.privatePem(rsa);
        String ecPem = TestKeys.privatePem(ec);
        okta.oauth().register("0oaCREATE", TestKeys.publicPem(rsa), "rsa-1", OAuthScopes.ALL);
        okta.oauth().register("0oaNARROW", TestKeys.publicPem(ec), "ec-1", List.of("okta.users.read"));
        okta.oauth().register("0oaDPOP", TestKeys.publicPem(ec), "ec-1", OAuthScopes.ALL);
        okta.oauth().requireDpop("0oaDPOP");

        try (LeakWatch watch = LeakWatch.start()) {
            // API token.
            CreateUserHandler ssws = new CreateUserHandler(withToken(okta.token()));
            String ada = login("ada");
            assertThat(http(watch, "created with a password", ssws, httpEvent(ada, Map.of("activate", true, "password", PASSWORD))))
                    .isEqualTo(201);
            assertThat(http(watch, "the same person again", ssws, httpEvent(ada, Map.of("password", PASSWORD)))).isEqualTo(200);
            String taken = login("taken");
            okta.seedUsers(SeedUser.of(taken, "Someone", "Else"));
            assertThat(http(watch, "a login of someone else", ssws, httpEvent(taken, Map.of("password", PASSWORD)))).isEqualTo(409);
            assertThat(http(watch, "our validation", ssws, httpEvent(login("bad"),
                    Map.of("firstName", "", "password", PASSWORD + "\u0001", "nextLogin", "later")))).isEqualTo(400);
            assertThat(http(watch, "Okta's validation", ssws, httpEvent(login("weak"), Map.of("activate", true, "password", WEAK_PASSWORD))))
                    .isEqualTo(400);
            assertThat(http(watch, "malformed JSON", ssws, httpEvent("{\"login\":\"" + rememberLogin("broken") + "\",\"password\":\"" + PASSWORD + "\"")))
                    .isEqualTo(400);
            assertThat(direct(watch, "direct: created", ssws, Map.of("firstName", "Grace", "lastName", "Hopper",
                    "email", rememberLogin("grace"), "login", logins.get(logins.size() - 1), "password", PASSWORD))).isEqualTo("OK");
            assertThat(direct(watch, "direct: invalid", ssws, Map.of("login", rememberLogin("bad-direct"), "password", PASSWORD)))
                    .isEqualTo("InvalidInputException");

            okta.setFaults(FaultPlan.none().withErrorRate(1.0).withErrorStatuses(503));
            assertThat(http(watch, "Okta unavailable", ssws, httpEvent(login("down"), Map.of("password", PASSWORD)))).isEqualTo(503);
            okta.setFaults(FaultPlan.none());

            okta.setLimit(RateLimitBucket.USERS, 1);
            CreateUserHandler throttled = new CreateUserHandler(withToken(okta.token()));
            http(watch, "spends the minute's budget", throttled, httpEvent(login("first"), Map.of()));
            assertThat(http(watch, "rate limited", throttled, httpEvent(login("second"), Map.of("password", PASSWORD)))).isEqualTo(429);
            okta.reset();

            CreateUserHandler wrongToken = new CreateUserHandler(withToken(WRONG_TOKEN));
            assertThat(http(watch, "a token Okta refuses", wrongToken, httpEvent(login("refused"), Map.of("password", PASSWORD))))
                    .isEqualTo(502);

            // The secret in Secrets Manager: unusable shapes, then service apps.
            assertThat(http(watch, "a secret of the wrong shape", new CreateUserHandler(withSecret("{\"token\":\"" + LEAKY_SECRET_VALUE + "\"}")),
                    httpEvent(login("config"), Map.of("password", PASSWORD)))).isEqualTo(500);
            assertThat(http(watch, "a service app with a broken key", new CreateUserHandler(withSecret(serviceApp("0oaCREATE", "rsa-1",
                    rsaPem.substring(0, 200) + "\n-----END PRIVATE KEY-----"))), httpEvent(login("broken-key"), Map.of()))).isEqualTo(500);

            CreateUserHandler oauth = new CreateUserHandler(withSecret(serviceApp("0oaCREATE", "rsa-1", rsaPem)));
            String linus = login("linus");
            assertThat(http(watch, "OAuth: created", oauth, httpEvent(linus, Map.of("activate", true, "password", PASSWORD)))).isEqualTo(201);
            assertThat(http(watch, "OAuth: the same person again", oauth, httpEvent(linus, Map.of()))).isEqualTo(200);
            assertThat(direct(watch, "OAuth direct: conflict", oauth, Map.of("firstName", "Not", "lastName", "Linus",
                    "email", linus, "login", linus))).isEqualTo("LoginConflictException");
            CreateUserHandler dpop = new CreateUserHandler(withSecret(serviceApp("0oaDPOP", "ec-1", ecPem)));
            String grace = rememberLogin("grace-dpop");
            assertThat(http(watch, "DPoP-bound app: created", dpop, httpEvent(grace, Map.of("password", PASSWORD)))).isEqualTo(201);
            assertThat(http(watch, "DPoP-bound app: the same person again", dpop, httpEvent(grace, Map.of()))).isEqualTo(200);
            assertThat(http(watch, "OAuth: an unregistered key", new CreateUserHandler(withSecret(serviceApp("0oaCREATE", "rsa-1", ecPem))),
                    httpEvent(login("unregistered"), Map.of()))).isEqualTo(502);
            assertThat(http(watch, "OAuth: a scope the app lacks", new CreateUserHandler(withSecret(serviceApp("0oaNARROW", "ec-1", ecPem))),
                    httpEvent(login("narrow"), Map.of()))).isEqualTo(502);

            // Tokens as copy-paste leaves them, from the environment, the secret and straight to the client; both callers.
            Map<String, String> odd = new OddTokenScenarios(watch, infrastructure, OAuthScopes.CREATE_USERS, "create-user",
                    CreateUserHandler::new).run(() -> httpEvent(login("odd"), Map.of("password", PASSWORD)),
                            () -> Map.of("firstName", "Odd", "lastName", "Token", "email", rememberLogin("odd-direct"),
                                    "login", logins.get(logins.size() - 1), "password", PASSWORD));
            assertThat(odd).containsExactlyEntriesOf(OddTokenScenarios.expected(okta.token(), "HTTP 201"));

            watch.secret("API token", okta.token()).secret("refused API token", WRONG_TOKEN)
                    .secret("password", PASSWORD).secret("weak password", WEAK_PASSWORD)
                    .secret("the secret's value", LEAKY_SECRET_VALUE).secret("caller's SigV4 signature", CALLER_SIGNATURE)
                    .privateKey("RSA private key", rsaPem).privateKey("EC private key", ecPem);
            okta.oauth().issuedTokenValues().forEach(token -> watch.secret("access token", token));
            okta.oauth().receivedAssertions().forEach(assertion -> watch.secret("client assertion", assertion));
            logins.forEach(watch::personal);

            assertThat(okta.oauth().issuedTokenValues()).as("service-app scenarios ran").isNotEmpty();
            assertThat(watch.lines()).as("EMF metrics printed to stdout are checked too")
                    .anyMatch(line -> line.source().equals("stdout") && line.text().contains("\"_aws\""));
            watch.assertNoLeaks();
            assertEverySummaryLineCanBeTraced(watch);
        }
    }

    private String rememberLogin(String name) {
        String login = login(name);
        logins.add(login);
        return login;
    }

    /** The invocation summary lines: a correlation id always; Okta's request id once Okta answered. */
    static void assertEverySummaryLineCanBeTraced(LeakWatch watch) throws Exception {
        List<JsonNode> summaries = new ArrayList<>();
        for (LeakWatch.Line line : watch.logLines(Level.INFO)) {
            JsonNode json = JSON.readTree(line.text().lines().findFirst().orElse("{}"));
            if (json.path("message").asText().startsWith("Invocation answered")) {
                summaries.add(json);
            }
        }
        assertThat(summaries).as("one summary line per invocation").hasSizeGreaterThanOrEqualTo(15);
        for (JsonNode summary : summaries) {
            assertThat(summary.path("correlation_id").asText()).as(summary.toString()).isNotBlank();
            String outcome = summary.path("outcome").asText();
            if (List.of("CREATED", "ALREADY_EXISTED", "LOGIN_CONFLICT", "OKTA_UNAVAILABLE", "OKTA_UNAUTHORIZED").contains(outcome)) {
                assertThat(summary.path("okta_request_id").asText()).as(summary.toString()).isNotBlank();
            }
        }
    }

    private static String serviceApp(String clientId, String keyId, String privateKey) {
        return write(Map.of("clientId", clientId, "keyId", keyId, "privateKey", privateKey));
    }
}
