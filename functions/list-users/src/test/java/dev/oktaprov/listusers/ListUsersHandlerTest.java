package dev.oktaprov.listusers;

import static dev.oktaprov.functiontesting.FunctionHarness.answer;
import static dev.oktaprov.functiontesting.FunctionHarness.invoke;
import static dev.oktaprov.functiontesting.FunctionHarness.event;
import static dev.oktaprov.functiontesting.FunctionHarness.stdout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.errors.RateLimitedException;
import dev.oktaprov.functiontesting.FunctionHarness.Answer;
import dev.oktaprov.functiontesting.FunctionHarness;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.simulator.FaultPlan;
import dev.oktaprov.simulator.RateLimitBucket;
import dev.oktaprov.simulator.SeedData;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.testsupport.MutableClock;
import dev.oktaprov.entrypoints.InvocationContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every row of the list contract, through the Lambda runtime's event serialization, against the Okta simulator. */
class ListUsersHandlerTest {

    private static FunctionHarness harness;
    private ListUsersHandler handler;

    private static SeedUser user(String first, String last, String department, String status) {
        String login = (first + "." + last).toLowerCase().replaceAll("[^a-z.]", "") + "@example.com";
        return new SeedUser(null, Map.of("login", login, "email", login, "firstName", first, "lastName", last,
                "department", department), status, true, List.of(), null, null);
    }

    @BeforeAll
    static void startOkta() {
        harness = new FunctionHarness(SimulatorOptions.defaults().withSeed(new SeedData(List.of(), List.of(
                user("Isaac", "Brock", "Engineering", "ACTIVE"),
                user("Ada", "Brock", "Engineering", "STAGED"),
                user("Bob", "Brock", "Sales", "ACTIVE"),
                user("Zed", "Brock", "Sales", "DEPROVISIONED"),
                user("Dan", "O'Brien", "Engineering", "ACTIVE"),
                user("Eve", "Say \"Hi\"", "Marketing", "ACTIVE")))));
    }

    @AfterAll
    static void stopOkta() {
        harness.close();
    }

    @BeforeEach
    void fresh() {
        harness.reset();
        handler = new ListUsersHandler(harness.runtime());
    }

    /** The sample event with other query parameters, encoded in rawQueryString as API Gateway would keep them. */
    private static Map<String, Object> withQuery(Map<String, String> query) {
        Map<String, Object> event = event("apigw-list-users-filter.json");
        event.put("queryStringParameters", new LinkedHashMap<>(query));
        event.put("rawQueryString", query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&")));
        return event;
    }

    private Answer call(Map<String, Object> event) {
        return answer(invoke(handler, event, InvocationContext.of("list-users")));
    }

    private static List<String> lastNames(Answer answer) {
        return answer.body().path("users").findValuesAsText("lastName");
    }

    private static List<String> firstNames(Answer answer) {
        return answer.body().path("users").findValuesAsText("firstName");
    }

    private long oktaRequests() {
        return harness.okta.counters().totalRequests();
    }

    @Test
    void theSampleFilterEventListsEveryBrock() {
        Answer answer = call(event("apigw-list-users-filter.json"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(firstNames(answer)).containsExactlyInAnyOrder("Isaac", "Ada", "Bob", "Zed");
        assertThat(answer.body().has("nextCursor")).isTrue();
        assertThat(answer.body().path("nextCursor").isNull()).isTrue();
        JsonNode first = answer.body().path("users").get(0);
        assertThat(first.has("id") && first.has("status") && first.has("created") && first.has("profile")).isTrue();
        assertThat(first.has("_links") || first.has("credentials") || first.has("groups")).isFalse();
    }

    @Test
    void theCursorRoundTripsThroughAfterUntilTheLastPage() {
        List<String> seen = new ArrayList<>();
        Answer page = call(withQuery(Map.of("limit", "2")));
        int pages = 1;
        while (!page.body().path("nextCursor").isNull()) {
            assertThat(page.body().path("users")).hasSize(2);
            page.body().path("users").forEach(u -> seen.add(u.path("id").asText()));
            page = call(withQuery(Map.of("limit", "2", "after", page.body().path("nextCursor").asText())));
            pages++;
            assertThat(pages).as("pages end").isLessThan(10);
        }
        page.body().path("users").forEach(u -> seen.add(u.path("id").asText()));

        // A plain list leaves DEPROVISIONED users out, like Okta.
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void filtersAndSearchesWithQuotesInside() {
        Answer escapedQuote = call(withQuery(Map.of("filter", "profile.lastName eq \"Say \\\"Hi\\\"\"")));
        Answer apostrophe = call(withQuery(Map.of("search", "profile.lastName eq \"O'Brien\"")));
        Answer unbalanced = call(withQuery(Map.of("filter", "profile.lastName eq \"Brock")));

        assertThat(escapedQuote.status()).isEqualTo(200);
        assertThat(lastNames(escapedQuote)).containsExactly("Say \"Hi\"");
        assertThat(lastNames(apostrophe)).containsExactly("O'Brien");
        assertThat(unbalanced.status()).isEqualTo(400);
        assertThat(unbalanced.code()).isEqualTo("INVALID_INPUT");
        assertThat(unbalanced.body().path("oktaRequestId").asText()).as("Okta judged it").isNotBlank();
    }

    @Test
    void statusQAndProfileParametersNarrowTheList() {
        assertThat(firstNames(call(withQuery(Map.of("status", "staged"))))).containsExactly("Ada");
        assertThat(firstNames(call(withQuery(Map.of("q", "Isa"))))).containsExactly("Isaac");
        assertThat(firstNames(call(withQuery(Map.of("profile.department", "Sales", "status", "ACTIVE"))))).containsExactly("Bob");
    }

    @Test
    void badParametersAreRefusedBeforeOkta() {
        Map<Map<String, String>, String> bad = Map.of(
                Map.of("limit", "abc"), "limit",
                Map.of("limit", "0"), "limit",
                Map.of("limit", "201"), "limit",
                Map.of("status", "RETIRED"), "status",
                Map.of("cursor", "00uabc"), "cursor",
                Map.of("profile.bad-name", "x"), "profile",
                Map.of("filter", "x".repeat(2001)), "filter");

        bad.forEach((query, field) -> {
            Answer answer = call(withQuery(query));
            assertThat(answer.status()).as(query.toString()).isEqualTo(400);
            assertThat(answer.detailFields()).as(query.toString()).containsExactly(field);
        });
        assertThat(oktaRequests()).isZero();
    }


    @Test
    void throttledIs429AndUnavailableIs503() {
        harness.okta.setLimit(RateLimitBucket.USERS, 1);
        ProvisioningRuntime stillTime = harness.runtime(Map.of(), MutableClock.at("2026-03-02T10:00:00Z"));
        handler = new ListUsersHandler(stillTime);
        call(event("apigw-list-users-filter.json"));
        Answer throttled = answer(invoke(handler, event("apigw-list-users-filter.json"),
                InvocationContext.of("list-users").withRemainingMillis(3_000)));
        long clientsWait = FunctionHarness.secondsUntilRoom(stillTime, OktaClient.BUCKET_LIST_USERS);
        harness.reset();
        harness.okta.setFaults(FaultPlan.none().withErrorRate(1.0).withErrorStatuses(500));
        // A new execution environment: the old one still (rightly) believes the bucket is spent.
        handler = new ListUsersHandler(harness.runtime());
        Answer unavailable = call(event("apigw-list-users-filter.json"));

        assertThat(throttled.status()).isEqualTo(429);
        // The wait the client computed: until the reset of Okta's window, plus a second.
        assertThat(Long.parseLong(throttled.header("retry-after"))).isEqualTo(clientsWait);
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(harness.waits).as("only the backoff between the two attempts").hasSize(1);
    }

    // ---------------------------------------------------------------- Step Functions (direct) caller

    @Test
    void theStepFunctionsQueryGetsAPage() {
        Map<String, Object> result = invoke(handler, event("sfn-list-users.json"),
                InvocationContext.of("list-users"));

        JsonNode json = FunctionHarness.json(FunctionHarness.lambdaJson(result));
        assertThat(json.path("users").findValuesAsText("firstName")).containsExactlyInAnyOrder("Isaac", "Dan");
        // A direct result leaves null values out, as Lambda's serializer did: on the last page there is no nextCursor.
        assertThat(json.has("nextCursor")).isFalse();
    }

    @Test
    void directInputAcceptsLimitAsNumberOrTextAndProfileAsAnObject() {
        Map<String, Object> result = invoke(handler, Map.of("limit", "1", "profile",
                Map.of("department", "Engineering"), "status", "ACTIVE"), InvocationContext.of("list-users"));

        assertThat((List<?>) result.get("users")).hasSize(1);
        assertThat(result.get("nextCursor")).isNotNull();
    }

    @Test
    void badDirectInputIsInvalidInputAndThrottlingIsRateLimited() {
        for (Map<String, Object> bad : List.of(Map.<String, Object>of("limit", 2.5), Map.<String, Object>of("limit", true),
                Map.<String, Object>of("page", 2), Map.<String, Object>of("profile", "Engineering"),
                Map.<String, Object>of("filter", 7))) {
            assertThatThrownBy(() -> invoke(handler, bad, InvocationContext.of("list-users")))
                    .as(bad.toString()).isInstanceOf(InvalidInputException.class);
        }
        assertThat(oktaRequests()).isZero();

        harness.okta.setLimit(RateLimitBucket.USERS, 1);
        invoke(handler, event("sfn-list-users.json"), InvocationContext.of("list-users"));
        assertThatThrownBy(() -> invoke(handler, event("sfn-list-users.json"),
                InvocationContext.of("list-users").withRemainingMillis(3_000))).isInstanceOf(RateLimitedException.class);
    }

    // ---------------------------------------------------------------- Lambda practice

    @Test
    void oneLogLineWithTheOutcome() {
        String output = stdout(() -> call(event("apigw-list-users-filter.json")));

        assertThat(output).contains("\"correlation_id\":\"HvBdUeZBIAMEbgQ=\"", "\"outcome\":\"LISTED\"", "\"http_status\":\"200\"");
        assertThat(output).doesNotContain("isaac.brock@example.com").doesNotContain(harness.okta.token());
    }

    @Test
    void primingBeforeTheSnapshotCallsNoOktaAndLoadsNoCredentials() {
        stdout(() -> handler.beforeCheckpoint(null));

        assertThat(oktaRequests()).isZero();
        assertThat(harness.credentials.headersGiven.get()).isZero();
        handler.afterRestore(null);
        assertThat(call(event("apigw-list-users-filter.json")).status()).isEqualTo(200);
    }

    @Test
    void theLambdaConstructorReadsTheEnvironmentAndCallsNothing() {
        // Surefire sets OKTA_ORG_URL to a loopback port where nothing listens (see the pom).
        ListUsersHandler fromEnvironment = new ListUsersHandler();

        Answer invalid = answer(invoke(fromEnvironment, withQuery(Map.of("limit", "0")),
                InvocationContext.of("list-users")));

        assertThat(invalid.status()).isEqualTo(400);
    }
}
