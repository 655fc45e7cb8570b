package dev.oktaprov.getuser.security;

import static dev.oktaprov.testsupport.StreamInvocation.invoke;
import static dev.oktaprov.testsupport.StreamInvocation.oktaTimedOut;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.credentials.Secret;
import dev.oktaprov.credentials.StaticTokenCredentialSource;
import dev.oktaprov.getuser.GetUserHandler;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.runtime.ProvisioningConfig;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.simulator.http.PercentDecoding;
import dev.oktaprov.simulator.query.Expression;
import dev.oktaprov.simulator.query.ExpressionParser;
import dev.oktaprov.simulator.query.Operator;
import dev.oktaprov.testsupport.RecordingHttpClient;
import dev.oktaprov.entrypoints.InvocationContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * {@code GET /users/{id+}} and the direct input with hostile ids and logins: path traversal
 * ({@code ../}, {@code %2e%2e}, dot segments), separators, quotes, control characters, 4-byte
 * UTF-8, huge values, wrong types. Never a 5xx, never our internals in the answer, no Okta call for
 * a refused input, and the request Okta gets names exactly the user asked for: one path segment
 * that decodes to the input, or a filter {@code profile.login eq "<input>"} and nothing else.
 */
class GetUserHostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INTERNALS = Pattern.compile(
            "Exception|Error:|\\bat [a-z]+\\.|\\.java:\\d|\\b(java|javax|jdk|dev\\.oktaprov|com\\.fasterxml|software\\.amazon)\\.[a-z]");
    private static final Pattern USER_PATH = Pattern.compile("/api/v1/users/([^/]+)(/groups)?");

    private static OktaSimulator okta;
    private static RecordingHttpClient http;
    private static GetUserHandler handler;
    private static SimulatedUser jane;

    @BeforeContainer
    static void start() {
        okta = OktaSimulator.start(SimulatorOptions.defaults());
        jane = okta.seedUsers(SeedUser.of("jane.doe@example.com", "Jane", "Doe"), SeedUser.of("it/ops@example.com", "It", "Ops")).get(0);
        http = new RecordingHttpClient(OktaClient.defaultHttpClient(Duration.ofSeconds(2)));
        Map<String, String> env = Map.of(
                ProvisioningConfig.OKTA_ORG_URL, okta.baseUrl(), ProvisioningConfig.OKTA_SECRET_ID, "unused",
                ProvisioningConfig.OKTA_MAX_ATTEMPTS, "1");
        handler = new GetUserHandler(ProvisioningRuntime.builder(env)
                .credentials(new StaticTokenCredentialSource(Secret.of(okta.token()))).http(http)
                .sleeper(wait -> { }).random(RandomGenerator.of("L64X128MixRandom")).build());
    }

    @AfterContainer
    static void stop() {
        okta.close();
    }

    @Provide
    Arbitrary<String> ids() {
        Arbitrary<String> fragment = Arbitraries.oneOf(
                Arbitraries.of("..", ".", "../", "/..", "%2e%2e", "%2E%2E%2F", "..%2f", "%252e", "/", "//", "\\", "?", "#", ";",
                        "&", "=", "+", "%", "%00", "\"", "'", " eq ", " or ", ")", "(", "groups", "lifecycle/activate",
                        "jane.doe@example.com", "it/ops@example.com", "00u", "\u0000", "\n", "\t", "\u2028", "\uD83D\uDE80",
                        "\uD800", "é", " "),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(10),
                Arbitraries.strings().all().ofMaxLength(3));
        return Arbitraries.frequencyOf(
                Tuple.of(20, fragment.list().ofMaxSize(6).map(parts -> String.join("", parts))),
                Tuple.of(1, Arbitraries.strings().withChars("a./%").ofMinLength(90).ofMaxLength(3000)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> httpEvent(String idOrLogin) {
        Map<String, Object> event = EventLoader.loadEvent("../../events/apigw-get-user.json", Map.class);
        event.put("rawPath", "/users/" + idOrLogin);
        event.put("pathParameters", Map.of("id", idOrLogin));
        ((Map<String, Object>) ((Map<String, Object>) event.get("requestContext")).get("http")).put("path", "/users/" + idOrLogin);
        return event;
    }

    @Property(tries = 200)
    void anyPathNamesExactlyOneUser(@ForAll("ids") String idOrLogin) throws Exception {
        http.clear();
        long before = okta.counters().totalRequests();

        Map<String, Object> answer = invoke(handler, httpEvent(idOrLogin), InvocationContext.of("get-user"));
        if (oktaTimedOut(answer)) {
            // One request the simulator did not answer in time is the machine (a paused runner); twice for one path is a defect.
            http.clear();
            answer = invoke(handler, httpEvent(idOrLogin), InvocationContext.of("get-user"));
        }

        int status = ((Number) answer.get("statusCode")).intValue();
        String body = String.valueOf(answer.get("body"));
        assertThat(status).as(body).isLessThan(500);
        assertThat(INTERNALS.matcher(body).find()).as("internals in %s", body).isFalse();
        // Refused by our own checks (400 without Okta's request id): Okta must not have been asked.
        if (status == 400 && !JSON.readTree(body).has("oktaRequestId")) {
            assertThat(okta.counters().totalRequests()).isEqualTo(before);
        }
        assertOnlyThatUserWasAskedFor(idOrLogin.strip());
    }

    @Property(tries = 200)
    void anyDirectInputIsAnsweredOrRefusedWithItsOwnError(@ForAll("directInputs") Map<String, Object> input) {
        http.clear();
        long before = okta.counters().totalRequests();
        try {
            invoke(handler, input, InvocationContext.of("get-user"));
        } catch (RuntimeException e) {
            assertThat(e.getClass().getName()).as("Step Functions error names").startsWith("dev.oktaprov.errors.");
            assertThat(e.getMessage()).doesNotContainPattern("\\bat [a-z]+\\.|\\.java:\\d");
            if (e instanceof dev.oktaprov.errors.InvalidInputException) {
                assertThat(okta.counters().totalRequests()).as("Okta calls for invalid input").isEqualTo(before);
            }
        }
        boolean onlyIdOrLogin = input.keySet().stream().allMatch(key -> List.of("id", "login", "correlationId").contains(key))
                && (input.get("id") == null) != (input.get("login") == null);
        Object value = input.get("id") != null ? input.get("id") : input.get("login");
        if (value instanceof String idOrLogin && onlyIdOrLogin) {
            assertOnlyThatUserWasAskedFor(idOrLogin.strip());
        } else {
            assertThat(http.sent()).as("an input without exactly one id or login: %s", input).isEmpty();
        }
    }

    @Provide
    Arbitrary<Map<String, Object>> directInputs() {
        Arbitrary<Object> value = Arbitraries.oneOf(ids().map(id -> (Object) id), Arbitraries.of(42, true, List.of("00u1"),
                Map.of("id", "00u1")), Arbitraries.just(null));
        Arbitrary<String> key = Arbitraries.of("id", "login", "ID", "userId", "correlationId", "../id");
        return Arbitraries.maps(key, value).ofMaxSize(3).map(LinkedHashMap::new);
    }

    @Example
    void dotSegmentsNeverReachOktaAsPathSegments() throws Exception {
        for (String dots : List.of(".", "..", " .. ")) {
            anyPathNamesExactlyOneUser(dots);
        }
    }

    /**
     * A lone surrogate cannot be sent as itself: UTF-8 has no bytes for it and Java writes {@code ?}, so
     * {@code a\uD800b@…} would go out as the path segment {@code a%3Fb%40…}, a {@code ?} the lookup rule keeps
     * out of paths. It is refused as input instead, over HTTP and directly, and Okta is not asked.
     */
    @Example
    void aLoneSurrogateIsRefusedRatherThanSentAsAQuestionMark() throws Exception {
        String login = "it\uD800ops@example.com";
        http.clear();

        Map<String, Object> answer = invoke(handler, httpEvent(login), InvocationContext.of("get-user"));
        Throwable direct = org.assertj.core.api.Assertions.catchThrowable(
                () -> invoke(handler, Map.of("login", login), InvocationContext.of("get-user")));

        assertThat(answer.get("statusCode")).isEqualTo(400);
        assertThat(JSON.readTree(String.valueOf(answer.get("body"))).at("/details/0/field").asText()).isEqualTo("id");
        assertThat(direct).isInstanceOf(dev.oktaprov.errors.InvalidInputException.class);
        assertThat(http.sent()).as("requests to Okta").isEmpty();
    }

    /** What was sent names {@code idOrLogin} and only it: one decoded path segment, or a login filter. */
    static void assertOnlyThatUserWasAskedFor(String idOrLogin) {
        List<RecordingHttpClient.Sent> sent = http.sent();
        if (sent.isEmpty()) {
            return;
        }
        RecordingHttpClient.Sent first = sent.get(0);
        assertThat(first.method()).isEqualTo("GET");
        String rawPath = first.uri().getRawPath();
        if (rawPath.equals("/api/v1/users")) {
            String filter = URLDecoder.decode(first.uri().getRawQuery().replaceAll(".*filter=([^&]*).*", "$1"), StandardCharsets.UTF_8);
            assertThat(ExpressionParser.parse(filter)).isEqualTo(new Expression.Comparison("profile.login", Operator.EQ,
                    new Expression.Literal(Expression.Literal.Kind.STRING, asUtf8(idOrLogin))));
        } else {
            var match = USER_PATH.matcher(rawPath);
            assertThat(match.matches()).as("path %s", rawPath).isTrue();
            String segment = match.group(1);
            assertThat(segment).as("a dot segment a server would resolve").isNotIn(".", "..");
            assertThat(PercentDecoding.decode(segment)).isEqualTo(asUtf8(idOrLogin));
            assertThat(match.group(2)).isNull();
        }
        for (RecordingHttpClient.Sent then : sent.subList(1, sent.size())) {
            // Then only the found user's groups.
            assertThat(then.uri().getRawPath()).matches("/api/v1/users/00u[A-Za-z0-9]{17}/groups");
        }
    }

    static String asUtf8(String value) {
        return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unused")
    private static final Object SEEDED = jane;
}
