package dev.oktaprov.listusers.security;

import static dev.oktaprov.testsupport.StreamInvocation.invoke;
import static dev.oktaprov.testsupport.StreamInvocation.oktaTimedOut;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.credentials.Secret;
import dev.oktaprov.credentials.StaticTokenCredentialSource;
import dev.oktaprov.listusers.ListUsersHandler;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.provisioning.ProvisioningService;
import dev.oktaprov.runtime.ProvisioningConfig;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.simulator.query.Expression;
import dev.oktaprov.simulator.query.ExpressionParser;
import dev.oktaprov.simulator.query.Operator;
import dev.oktaprov.testsupport.RecordingHttpClient;
import dev.oktaprov.entrypoints.InvocationContext;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * {@code GET /users} with hostile query strings: quotes, backslashes and operators inside values,
 * unbalanced parentheses, control characters, 4-byte UTF-8, path-traversal text, huge values,
 * unknown parameters. Never a 5xx, never a stack trace or class name in the answer, no Okta call
 * for a request we refuse, and no value can change the structure of the expression Okta receives
 * (what the simulator got is parsed with its own grammar and compared).
 */
class ListUsersHostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern INTERNALS = Pattern.compile(
            "Exception|Error:|\\bat [a-z]+\\.|\\.java:\\d|\\b(java|javax|jdk|dev\\.oktaprov|com\\.fasterxml|software\\.amazon)\\.[a-z]");

    private static OktaSimulator okta;
    private static RecordingHttpClient http;
    private static ListUsersHandler handler;

    @BeforeContainer
    static void start() {
        okta = OktaSimulator.start(SimulatorOptions.defaults());
        okta.seedUsers(SeedUser.of("isaac.brock@example.com", "Isaac", "Brock"), SeedUser.of("o'brien@example.com", "Con", "O\"Brien"));
        http = new RecordingHttpClient(OktaClient.defaultHttpClient(Duration.ofSeconds(2)));
        Map<String, String> env = Map.of(
                ProvisioningConfig.OKTA_ORG_URL, okta.baseUrl(), ProvisioningConfig.OKTA_SECRET_ID, "unused",
                ProvisioningConfig.OKTA_MAX_ATTEMPTS, "1");
        handler = new ListUsersHandler(ProvisioningRuntime.builder(env)
                .credentials(new StaticTokenCredentialSource(Secret.of(okta.token()))).http(http)
                .sleeper(wait -> { }).random(RandomGenerator.of("L64X128MixRandom")).build());
    }

    @AfterContainer
    static void stop() {
        okta.close();
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> fragment = Arbitraries.oneOf(
                Arbitraries.of("\"", "\\", "\\\"", "\\u0022", " or ", " OR ", " and ", ")", "(", ") or (", " eq ", " pr", " sw ",
                        "profile.login", "status", "ACTIVE", "*", "../", "..%2f", "%2e%2e", "%22", "%20", "+", "&", "=", "#", "?",
                        ";", "'", "${jndi:ldap://127.0.0.1/x}", "\u0000", "\n", "\r\n", "\t", "\u007f", "\u2028",
                        "\uD83D\uDE80", "\uD835\uDD18", "é", "Ω", "null", "true", "42", " "),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(10),
                Arbitraries.strings().all().ofMaxLength(4));
        Arbitrary<String> huge = Arbitraries.strings().withChars("ab\" ()\\").ofMinLength(1000).ofMaxLength(5000);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(20, fragment.list().ofMaxSize(8).map(parts -> String.join("", parts))),
                net.jqwik.api.Tuple.of(1, huge));
    }

    private static boolean wellFormed(String text) {
        return text.codePoints().noneMatch(codePoint -> Character.getType(codePoint) == Character.SURROGATE);
    }

    @Provide
    Arbitrary<Map<String, String>> queries() {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.of("q", "filter", "search", "status", "limit", "after", "profile.lastName", "profile.email",
                        "profile.department", "profile.", "profile.a.b", "profile.x y", "sortBy", "../admin"),
                // A name is a key of the event's JSON: a lone surrogate there makes the whole event unreadable
                // (Jackson refuses it in a key), and API Gateway never writes one; values keep them.
                hostile().filter(ListUsersHostileInputTest::wellFormed).map(name -> "profile." + name));
        Arbitrary<String> limits = Arbitraries.oneOf(Arbitraries.integers().between(-5, 300).map(String::valueOf), hostile());
        Arbitrary<String> statuses = Arbitraries.oneOf(Arbitraries.of("ACTIVE", "staged", " Deprovisioned "), hostile());
        Arbitrary<Map.Entry<String, String>> entry = names.flatMap(name -> switch (name) {
            case "limit" -> limits.map(value -> Map.entry(name, value));
            case "status" -> statuses.map(value -> Map.entry(name, value));
            default -> hostile().map(value -> Map.entry(name, value));
        });
        return entry.list().ofMaxSize(4).map(entries -> {
            Map<String, String> query = new LinkedHashMap<>();
            entries.forEach(e -> query.putIfAbsent(e.getKey(), e.getValue()));
            return query;
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> event(Map<String, String> query) {
        Map<String, Object> event = EventLoader.loadEvent("../../events/apigw-list-users-filter.json", Map.class);
        event.put("queryStringParameters", query.isEmpty() ? null : query);
        event.put("rawQueryString", query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&")));
        return event;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Property(tries = 200)
    void anyQueryIsAnsweredWithoutOurInternalsAndWithoutReshapingTheExpression(@ForAll("queries") Map<String, String> query)
            throws Exception {
        http.clear();
        long before = okta.counters().totalRequests();

        Map<String, Object> answer = invoke(handler, event(query), InvocationContext.of("list-users"));
        if (oktaTimedOut(answer)) {
            // One request the simulator did not answer in time is the machine (a paused runner); twice for one query is a defect.
            http.clear();
            answer = invoke(handler, event(query), InvocationContext.of("list-users"));
        }

        int status = ((Number) answer.get("statusCode")).intValue();
        String body = String.valueOf(answer.get("body"));
        JsonNode json = JSON.readTree(body);
        assertThat(status).as(body).isLessThan(500);
        assertThat(INTERNALS.matcher(body).find()).as("internals in %s", body).isFalse();
        if (status >= 400 && !json.has("oktaRequestId")) {
            assertThat(okta.counters().totalRequests()).as("Okta calls for a refused request").isEqualTo(before);
            assertThat(http.sent()).isEmpty();
        }
        for (RecordingHttpClient.Sent sent : http.sent()) {
            assertThat(sent.uri().getRawPath()).isEqualTo("/api/v1/users");
            assertExpressionKeepsItsShape(query, decodeQuery(sent.uri().getRawQuery()));
        }
    }

    @Provide
    Arbitrary<String> searches() {
        Arbitrary<String> comparison = Arbitraries.of("profile.lastName eq \"Brock\"", "status eq \"ACTIVE\"", "profile.email sw \"i\"");
        Arbitrary<String> glue = Arbitraries.of(" and ", " or ", ") or (", ") and (", "(", ")", " ", "\" or \"", "\\\"");
        return Combinators.combine(comparison.list().ofMinSize(1).ofMaxSize(3), glue.list().ofMaxSize(3))
                .as((comparisons, glues) -> {
                    StringBuilder search = new StringBuilder(comparisons.get(0));
                    for (int i = 1; i < comparisons.size(); i++) {
                        search.append(i - 1 < glues.size() ? glues.get(i - 1) : " and ").append(comparisons.get(i));
                    }
                    glues.stream().skip(comparisons.size() - 1L).forEach(search::append);
                    return search.toString();
                });
    }

    /** A caller's search beside a structured condition: the likeliest place for a value to break out. */
    @Property(tries = 200)
    void aSearchBesideAStatusStaysItsOwnConjunct(@ForAll("searches") String search,
            @ForAll("hostile") String lastName) throws Exception {
        anyQueryIsAnsweredWithoutOurInternalsAndWithoutReshapingTheExpression(
                new LinkedHashMap<>(Map.of("search", search, "status", "ACTIVE", "profile.lastName", lastName)));
    }

    @net.jqwik.api.Example
    void aLoneSurrogateIsReplacedInsideItsLiteral() throws Exception {
        anyQueryIsAnsweredWithoutOurInternalsAndWithoutReshapingTheExpression(new LinkedHashMap<>(Map.of(
                "profile.lastName", "Br\uD800ock", "status", "ACTIVE")));
    }

    /** jqwik's seed 122058216437703976: a raw search of one lone surrogate, sent (as UTF-8 carries it) as "?". */
    @net.jqwik.api.Example
    void aLoneSurrogateInARawSearchArrivesAsTheUtf8ReplacementWouldSendIt() throws Exception {
        anyQueryIsAnsweredWithoutOurInternalsAndWithoutReshapingTheExpression(new LinkedHashMap<>(Map.of("search", "\uD800")));
    }

    @net.jqwik.api.Example
    void unbalancedParenthesesCannotPullAStatusIntoOneBranch() throws Exception {
        anyQueryIsAnsweredWithoutOurInternalsAndWithoutReshapingTheExpression(new LinkedHashMap<>(Map.of(
                "search", "profile.lastName eq \"Brock\") or (profile.lastName eq \"Smith\"", "status", "ACTIVE")));
    }

    /**
     * The search Okta got is the caller's own search (as it parses alone), AND each structured
     * condition as one comparison whose literal is exactly the value given. A raw filter or q goes
     * through as given.
     */
    static void assertExpressionKeepsItsShape(Map<String, String> query, Map<String, String> sent) {
        String filter = blankToNull(query.get("filter"));
        // A lone surrogate cannot travel in UTF-8: it arrives as '?', in a raw filter as in a literal.
        assertThat(sent.get("filter")).as(printable(query)).isEqualTo(filter == null ? null : asUtf8(filter.strip()));
        List<Expression> structured = new ArrayList<>();
        String status = query.get("status");
        if (status != null) {
            structured.add(new Expression.Comparison("status", Operator.EQ,
                    new Expression.Literal(Expression.Literal.Kind.STRING, asUtf8(status.strip().toUpperCase(Locale.ROOT)))));
        }
        query.forEach((name, value) -> {
            if (name.startsWith("profile.")) {
                // "profile.profile.x" names profile.x too: the attribute may be given with its prefix.
                String attribute = name.substring("profile.".length()).strip();
                attribute = attribute.startsWith("profile.") ? attribute.substring("profile.".length()) : attribute;
                structured.add(new Expression.Comparison("profile." + attribute, Operator.EQ,
                        new Expression.Literal(Expression.Literal.Kind.STRING, asUtf8(value))));
            }
        });
        // As the filter: a lone surrogate in the caller's own search arrives as '?'.
        String ownSearch = blankToNull(query.get("search")) == null ? null : asUtf8(query.get("search").strip());
        String sentSearch = sent.get("search");
        if (structured.isEmpty()) {
            assertThat(printable(sentSearch)).as(printable(query)).isEqualTo(printable(ownSearch));
            return;
        }
        Expression combined = parseOrNull(sentSearch);
        Expression own = ownSearch == null ? null : parseOrNull(ownSearch);
        if (ownSearch != null && own == null) {
            assertThat(combined).as("a search that does not parse alone must not parse once combined: %s", sentSearch).isNull();
            return;
        }
        assertThat(combined).as("the expression sent: %s", sentSearch).isNotNull();
        List<Expression> conjuncts = conjuncts(combined);
        // The structured conditions are joined after the caller's search: take each from the end.
        for (Expression condition : structured) {
            int at = conjuncts.lastIndexOf(condition);
            assertThat(at).as("%s among the conjuncts of %s", printable(condition), printable(sentSearch)).isNotNegative();
            conjuncts.remove(at);
        }
        assertThat(conjuncts).as("what is left of %s", printable(sentSearch)).isEqualTo(own == null ? List.of() : conjuncts(own));
    }

    /** What UTF-8 can carry of {@code value}: a lone surrogate becomes "?" on the wire, inside its literal. */
    static String asUtf8(String value) {
        return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** Control and non-ASCII characters as \\uXXXX, so a failure message shows what was sent. */
    static String printable(Object value) {
        StringBuilder out = new StringBuilder();
        String text = String.valueOf(value);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= ' ' && c <= '~' ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return out.toString();
    }

    static List<Expression> conjuncts(Expression expression) {
        List<Expression> all = new ArrayList<>();
        if (expression instanceof Expression.And and) {
            all.addAll(conjuncts(and.left()));
            all.addAll(conjuncts(and.right()));
        } else {
            all.add(expression);
        }
        return all;
    }

    private static Expression parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        try {
            return ExpressionParser.parse(text);
        } catch (RuntimeException refused) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static Map<String, String> decodeQuery(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @SuppressWarnings("unused")
    private static final Object STATUSES = ProvisioningService.USER_STATUSES;
}
