package dev.oktaprov.okta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.errors.FieldError;
import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.errors.NotFoundException;
import dev.oktaprov.errors.OktaAccessDeniedException;
import dev.oktaprov.errors.RateLimitedException;
import dev.oktaprov.errors.TransientUpstreamException;
import dev.oktaprov.errors.UnexpectedOktaException;
import dev.oktaprov.okta.LoginAlreadyExistsException;
import dev.oktaprov.okta.model.CreateUserRequest;
import dev.oktaprov.okta.model.Group;
import dev.oktaprov.okta.model.Page;
import dev.oktaprov.okta.model.Profile;
import dev.oktaprov.okta.model.User;
import dev.oktaprov.okta.model.UserQuery;
import dev.oktaprov.testing.OktaBodies;
import dev.oktaprov.testing.WireMockOkta;
import dev.oktaprov.testsupport.Jitter;
import dev.oktaprov.time.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OktaClientTest {

    private WireMockOkta okta;
    private OktaClient client;

    @BeforeEach
    void start() {
        okta = new WireMockOkta();
        client = okta.client();
    }

    @AfterEach
    void conformsToContractAndStops() {
        try {
            okta.assertRequestsConformToContract();
            okta.assertResponsesConformToContract();
        } finally {
            okta.close();
        }
    }

    private static CreateUserRequest janeDoe(String password, List<String> groups) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("department", "Engineering");
        extra.put("costCenter", "CC-42");
        return new CreateUserRequest(Profile.of("jane.doe@example.com", "Jane", "Doe", "jane.doe@example.com", extra),
                password, groups);
    }

    private static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    // ------------------------------------------------------------------ create

    @Test
    void createSendsOktaShapedRequestAndReadsTheUserIgnoringUnknownFields() throws Exception {
        okta.expectOffContractResponses();
        String body = OktaBodies.user("00u1", "jane.doe@example.com").replace("\"profile\":{",
                "\"someFieldOktaAddsNextYear\":{\"x\":1},\"profile\":{\"employeeNumber\":\"E-7\",\"nickNames\":[\"JD\",\"J\"],");
        okta.server.stubFor(post(urlPathEqualTo("/api/v1/users"))
                .willReturn(okJson(body).withHeader("X-Okta-Request-Id", "req-create-1")));

        User user = client.createUser(janeDoe("s3cret-Passw0rd!", List.of("00g1", "00g2")), true,
                "changePassword", Deadline.none());

        assertThat(user.id()).isEqualTo("00u1");
        assertThat(user.status()).isEqualTo("STAGED");
        assertThat(user.created()).isEqualTo(Instant.parse("2026-01-05T09:59:58Z"));
        assertThat(user.activated()).isNull();
        assertThat(user.typeId()).isEqualTo("oty1a2b3c4d5e6f7g8h9");
        assertThat(user.profile().login()).isEqualTo("jane.doe@example.com");
        assertThat(user.profile().attributes()).containsEntry("employeeNumber", "E-7")
                .containsEntry("nickNames", List.of("JD", "J"))
                .containsEntry("mobilePhone", null);
        assertThat(user.profile().attributes().keySet()).startsWith("employeeNumber", "nickNames", "firstName");

        LoggedRequest sent = okta.requests().get(0);
        assertThat(sent.getUrl()).isEqualTo("/api/v1/users?activate=true&nextLogin=changePassword");
        assertThat(sent.getHeader("Authorization")).isEqualTo("SSWS " + WireMockOkta.TOKEN);
        assertThat(sent.getHeader("Accept")).isEqualTo("application/json");
        assertThat(sent.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(sent.getHeader("User-Agent")).startsWith("okta-provisioning/");
        assertThat(sent.containsHeader("X-Okta-Retry-Count")).isFalse();
        JsonNode json = OktaJson.MAPPER.readTree(sent.getBodyAsString());
        assertThat(json.path("profile").path("department").asText()).isEqualTo("Engineering");
        assertThat(json.path("credentials").path("password").path("value").asText()).isEqualTo("s3cret-Passw0rd!");
        assertThat(json.path("groupIds")).hasSize(2);
    }

    @Test
    void createStagedUserSendsActivateFalseAndNoCredentials() throws Exception {
        okta.server.stubFor(post(urlPathEqualTo("/api/v1/users")).willReturn(okJson(OktaBodies.user("00u1", "jane.doe@example.com"))));

        client.createUser(janeDoe(null, List.of()), false, null, Deadline.none());

        LoggedRequest sent = okta.requests().get(0);
        assertThat(sent.getUrl()).isEqualTo("/api/v1/users?activate=false");
        JsonNode json = OktaJson.MAPPER.readTree(sent.getBodyAsString());
        assertThat(json.has("credentials")).isFalse();
        assertThat(json.has("groupIds")).isFalse();
    }

    @Test
    void duplicateLoginIsLoginAlreadyExists() {
        okta.server.stubFor(post(urlPathEqualTo("/api/v1/users")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withHeader("X-Okta-Request-Id", "req-dup")
                .withBody(OktaBodies.duplicateLogin())));

        LoginAlreadyExistsException e = catchThrowableOfType(LoginAlreadyExistsException.class,
                () -> client.createUser(janeDoe(null, List.of()), false, null, Deadline.none()));

        assertThat(e.code()).isEqualTo("LOGIN_TAKEN");
        assertThat(e.oktaRequestId()).contains("req-dup");
        assertThat(okta.requests()).hasSize(1);
    }

    @Test
    void validationErrorCarriesEveryCausePerField() {
        okta.server.stubFor(post(urlPathEqualTo("/api/v1/users")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withHeader("X-Okta-Request-Id", "req-400")
                .withBody(OktaBodies.error("E0000001", "Api validation failed: email",
                        "email: Does not match required pattern", "login: Username must be in the form of an email address",
                        "Something without a field"))));

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> client.createUser(janeDoe(null, List.of()), false, null, Deadline.none()));

        assertThat(e.fieldErrors()).containsExactly(
                new FieldError("email", "Does not match required pattern"),
                new FieldError("login", "Username must be in the form of an email address"),
                new FieldError("request", "Something without a field"));
        assertThat(e.oktaRequestId()).contains("req-400");
        assertThat(okta.requests()).as("a 400 is never retried").hasSize(1);
    }

    @Test
    void tooManyGroupsIsInvalidInput() {
        okta.server.stubFor(post(urlPathEqualTo("/api/v1/users")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(OktaBodies.error("E0000093", "Target count limit exceeded"))));

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> client.createUser(janeDoe(null, List.of("00g1")), false, null, Deadline.none()));

        assertThat(e.fieldErrors()).containsExactly(new FieldError("request", "Target count limit exceeded (E0000093)"));
    }

    // ------------------------------------------------------------------ get

    @Test
    void getById() {
        okta.server.stubFor(get(urlEqualTo("/api/v1/users/00u1")).willReturn(okJson(OktaBodies.user("00u1", "jane.doe@example.com"))));

        assertThat(client.getUser("00u1", Deadline.none()).profile().email()).isEqualTo("jane.doe@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane+okta@example.com", "o'brien#1@example.com", "j ane@example.com", "ä.ö@example.com"})
    void loginsTravelUrlEncodedInThePath(String login) {
        String encoded = UriEncoding.encode(login);
        okta.server.stubFor(get(urlEqualTo("/api/v1/users/" + encoded)).willReturn(okJson(OktaBodies.user("00u1", login))));

        User user = client.getUser(login, Deadline.none());

        assertThat(user.profile().login()).isEqualTo(login);
        String path = okta.requests().get(0).getUrl();
        assertThat(path).doesNotContain("+", "@", "#", " ").startsWith("/api/v1/users/");
        assertThat(UriEncoding.decode(path.substring("/api/v1/users/".length()).replace("+", "%2B"))).isEqualTo(login);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b@example.com", "what?@example.com"})
    void loginsThatCannotBeInAPathAreLookedUpByFilter(String login) {
        okta.server.stubFor(get(urlPathEqualTo("/api/v1/users")).willReturn(okJson("[" + OktaBodies.user("00u9", login) + "]")));

        User user = client.getUser(login, Deadline.none());

        assertThat(user.id()).isEqualTo("00u9");
        String url = okta.requests().get(0).getUrl();
        assertThat(url).isEqualTo("/api/v1/users?filter=profile.login%20eq%20%22" + UriEncoding.encode(login) + "%22&limit=2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"me", "ME", "Me"})
    void oktasReservedMeIsNeverSentAsAnId(String me) {
        okta.server.stubFor(get(urlPathEqualTo("/api/v1/users")).willReturn(okJson("[]")));

        assertThatThrownBy(() -> client.getUser(me, Deadline.none())).isInstanceOf(NotFoundException.class);

        assertThat(okta.requests()).singleElement().extracting(LoggedRequest::getUrl)
                .isEqualTo("/api/v1/users?filter=profile.login%20eq%20%22" + me + "%22&limit=2");
    }

    @Test
    void filterLookupWithNoMatchIsNotFound() {
        okta.server.stubFor(get(urlPathEqualTo("/api/v1/users")).willReturn(okJson("[]")));

        assertThatThrownBy(() -> client.getUser("x/y@example.com", Deadline.none())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void absentUserIsNotFoundWithRequestId() {
        okta.server.stubFor(get(urlEqualTo("/api/v1/users/nobody%40example.com")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withHeader("X-Okta-Request-Id", "req-404")
                .withBody(OktaBodies.error("E0000007", "Not found: Resource not found: nobody@example.com (User)"))));

        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> client.getUser("nobody@example.com", Deadline.none()));

        assertThat(e.code()).isEqualTo("NOT_FOUND");
        assertThat(e.oktaRequestId()).contains("req-404");
        assertThat(e.getMessage()).doesNotContain("nobody");
        assertThat(okta.requests()).hasSize(1);
    }

    // ------------------------------------------------------------------ auth

    @Test
    void unauthorizedRefreshesCredentialsOnceThenFails() {
        okta.server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withHeader("X-Okta-Request-Id", "req-401")
                .withBody(OktaBodies.error("E0000011", "Invalid token provided"))));

        OktaAccessDeniedException e = catchThrowableOfType(OktaAccessDeniedException.class,
                () -> client.getUser("00u1", Deadline.none()));

        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.code()).isEqualTo("OKTA_UNAUTHORIZED");
        assertThat(e.getMessage()).doesNotContain(WireMockOkta.TOKEN);
        assertThat(okta.credentials.invalidations).hasValue(1);
        assertThat(okta.requests()).hasSize(2);
        assertThat(okta.clock.advances()).as("no waiting for a credential refresh").isEmpty();
    }

    @Test
    void unauthorizedThenFreshCredentialsSucceeds() {
        okta.server.stubFor(get(anyUrl()).inScenario("rotate").whenScenarioStateIs(STARTED).willSetStateTo("rotated")
                .willReturn(aResponse().withStatus(401).withBody(OktaBodies.error("E0000011", "Invalid token provided"))));
        okta.server.stubFor(get(anyUrl()).inScenario("rotate").whenScenarioStateIs("rotated")
                .willReturn(okJson(OktaBodies.user("00u1", "jane.doe@example.com"))));

        assertThat(client.getUser("00u1", Deadline.none()).id()).isEqualTo("00u1");
        assertThat(okta.credentials.invalidations).hasValue(1);
    }

    /** The backstop behind the credential-character rule: whatever the JDK refuses to send, nothing of it is quoted. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"zero-width\u200Bspace", "\uFEFFbyte-order-mark", "curly\u2019quote", "trailing-newline\n"})
    void aHeaderTheJdkRefusesFailsWithAFixedMessageAndNoCause(String oddity) {
        String token = "00SECRET-" + oddity + "-TOKENVALUE";
        CredentialSource odd = new CredentialSource() {
            @Override
            public String authorizationHeader(Deadline deadline) {
                return "SSWS " + token;
            }

            @Override
            public void invalidate(String rejectedHeader) {
            }

            @Override
            public void invalidate() {
            }
        };
        OktaClient client = new OktaClient(okta.settings(), odd, OktaClient.defaultHttpClient(Duration.ofSeconds(2)),
                okta.clock, okta.clock::advance, new SplittableRandom(1));

        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> client.getUser("00u1", Deadline.none()));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isEqualTo(HeaderSafeRequests.REFUSED).doesNotContain("SECRET", "TOKENVALUE");
        assertThat(e.getCause()).isNull();
        assertThat(okta.requests()).isEmpty();
    }

    @Test
    void forbiddenIsNotRetried() {
        okta.server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody(OktaBodies.error("E0000006", "You do not have permission to perform the requested action"))));

        OktaAccessDeniedException e = catchThrowableOfType(OktaAccessDeniedException.class,
                () -> client.getUser("00u1", Deadline.none()));

        assertThat(e.code()).isEqualTo("OKTA_FORBIDDEN");
        assertThat(okta.requests()).hasSize(1);
        assertThat(okta.credentials.invalidations).hasValue(0);
    }

    // ------------------------------------------------------------------ rate limits

    @Test
    void tooManyRequestsWaitsUntilResetByTheServersClockThenRetriesWithRetryHeaders() {
        // Our clock is 2 h behind the server's: only the server's Date makes the wait right.
        Instant serverNow = Instant.parse("2026-01-05T12:00:00Z");
        long reset = serverNow.plusSeconds(17).getEpochSecond();
        okta.server.stubFor(get(anyUrl()).inScenario("429").whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withHeader("X-Okta-Request-Id", "req-429")
                        .withHeader("Date", httpDate(serverNow))
                        .withHeader("X-Rate-Limit-Limit", "600").withHeader("X-Rate-Limit-Remaining", "0")
                        .withHeader("X-Rate-Limit-Reset", Long.toString(reset))
                        .withBody(OktaBodies.error("E0000047", "API call exceeded rate limit due to too many requests."))));
        okta.server.stubFor(get(anyUrl()).inScenario("429").whenScenarioStateIs("ok")
                .willReturn(okJson(OktaBodies.user("00u1", "jane.doe@example.com"))));
        List<Duration> throttles = new ArrayList<>();
        OktaClient listened = okta.client(okta.settings(), new OktaListener() {
            @Override
            public void onThrottleWait(String bucket, Duration wait) {
                throttles.add(wait);
            }
        });

        assertThat(listened.getUser("00u1", Deadline.none()).id()).isEqualTo("00u1");

        assertThat(okta.clock.advances()).containsExactly(Duration.ofSeconds(18));
        assertThat(throttles).containsExactly(Duration.ofSeconds(18));
        LoggedRequest retry = okta.requests().get(1);
        assertThat(retry.getHeader("X-Okta-Retry-For")).isEqualTo("req-429");
        assertThat(retry.getHeader("X-Okta-Retry-Count")).isEqualTo("1");
    }

    @Test
    void tooManyRequestsPastTheDeadlineFailsAtOnceWithRetryAfter() {
        Instant serverNow = okta.clock.instant();
        okta.server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(429)
                .withHeader("X-Okta-Request-Id", "req-429").withHeader("Date", httpDate(serverNow))
                .withHeader("X-Rate-Limit-Limit", "600").withHeader("X-Rate-Limit-Remaining", "0")
                .withHeader("X-Rate-Limit-Reset", Long.toString(serverNow.plusSeconds(30).getEpochSecond()))
                .withHeader("Content-Type", "application/json")
                .withBody(OktaBodies.error("E0000047", "API call exceeded rate limit due to too many requests."))));

        RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
                () -> client.getUser("00u1", Deadline.after(Duration.ofSeconds(5), okta.clock)));

        assertThat(e.retryAfterSeconds()).isEqualTo(31);
        assertThat(e.getMessage()).isEqualTo("Okta rate limit reached, retry after 31 s");
        assertThat(e.oktaRequestId()).contains("req-429");
        assertThat(okta.clock.advances()).as("never sleeps past the deadline").isEmpty();
        assertThat(okta.requests()).hasSize(1);
    }

    /** Issue #18: nothing but OKTA_MAX_ATTEMPTS may end a run of 429s when there is no deadline to do it. */
    @ParameterizedTest(name = "deadline {0}")
    @ValueSource(strings = {"none", "one hour"})
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void maxAttemptsBoundsRepeated429sWithOrWithoutADeadline(String deadline) {
        okta.server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(429)
                .withHeader("X-Okta-Request-Id", "req-429").withHeader("Content-Type", "application/json")
                .withHeader("X-Rate-Limit-Limit", "600").withHeader("X-Rate-Limit-Remaining", "0")
                .withHeader("X-Rate-Limit-Reset", Long.toString(okta.clock.instant().plusSeconds(10).getEpochSecond()))
                .withBody(OktaBodies.error("E0000047", "API call exceeded rate limit due to too many requests."))));
        OktaClient threeAttempts = okta.client(okta.settings().withMaxAttempts(3), OktaListener.NONE);

        RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> threeAttempts.getUser("00u1",
                deadline.equals("none") ? Deadline.none() : Deadline.after(Duration.ofHours(1), okta.clock)));

        assertThat(e).isNotNull();
        assertThat(e.oktaRequestId()).contains("req-429");
        assertThat(e.untilReset()).as("the wait is Okta's reset").isTrue();
        assertThat(okta.requests()).as("OKTA_MAX_ATTEMPTS=3: three requests, then the 429 is the caller's").hasSize(3);
        assertThat(okta.clock.advances()).as("a wait between attempts, none after the last: the caller gets the 429 at once")
                .hasSize(2);
    }

    /** A 2xx whose reset is absurd must neither fail the call nor make a later one wait for years. */
    @ParameterizedTest(name = "X-Rate-Limit-Reset: {0}")
    @ValueSource(longs = {9_999_999_999_999L, -9_999_999_999_999L, Long.MAX_VALUE, Long.MIN_VALUE, 0})
    void anExtremeRateLimitResetIsClampedToAnHour(long reset) {
        okta.server.stubFor(get(anyUrl()).willReturn(okJson(OktaBodies.user("00u1", "jane.doe@example.com"))
                .withHeader("Date", httpDate(okta.clock.instant()))
                .withHeader("X-Rate-Limit-Limit", "10").withHeader("X-Rate-Limit-Remaining", "0")
                .withHeader("X-Rate-Limit-Reset", Long.toString(reset))));

        assertThat(client.getUser("00u1", Deadline.none()).id()).as("the answer that carried it").isEqualTo("00u1");
        assertThat(client.getUser("00u1", Deadline.none()).id()).as("the next call").isEqualTo("00u1");

        assertThat(okta.clock.advances()).allSatisfy(wait ->
                assertThat(wait).isLessThanOrEqualTo(Duration.ofHours(1).plusSeconds(1)));
        assertThat(okta.requests()).hasSize(2);
    }

    @Test
    void concurrencyLimitBacksOffAtLeastOneSecond() {
        okta.server.stubFor(get(anyUrl()).inScenario("c").whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withStatus(429).withHeader("X-Rate-Limit-Limit", "0")
                        .withHeader("X-Rate-Limit-Remaining", "0")
                        .withHeader("X-Rate-Limit-Reset", Long.toString(okta.clock.instant().plusSeconds(3600).getEpochSecond()))
                        .withHeader("Content-Type", "application/json")
                        .withBody(OktaBodies.error("E0000047", "API call exceeded rate limit due to too many requests."))));
        okta.server.stubFor(get(anyUrl()).inScenario("c").whenScenarioStateIs("ok")
                .willReturn(okJson(OktaBodies.user("00u1", "jane.doe@example.com"))));

        client.getUser("00u1", Deadline.none());

        // The first backoff is at most 600 ms: the floor of 1 s applies.
        assertThat(okta.clock.advances()).containsExactly(Duration.ofSeconds(1));
        assertThat(client.budget().state(OktaClient.BUCKET_GET_USER)).as("Limit: 0 is not the bucket").isEmpty();
    }

    @Test
    void aConcurrency429GivenUpOnSaysItsWaitIsABackoffNotOktasReset() {
        okta.server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("X-Rate-Limit-Limit", "0")
                .withHeader("X-Rate-Limit-Remaining", "0")
                .withHeader("X-Rate-Limit-Reset", Long.toString(okta.clock.instant().plusSeconds(50).getEpochSecond()))
                .withHeader("Content-Type", "application/json")
                .withBody(OktaBodies.error("E0000047", "API call exceeded rate limit due to too many requests."))));
        OktaClient twoAttempts = okta.client(okta.settings().withMaxAttempts(2), OktaListener.NONE);

        RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
                () -> twoAttempts.getUser("00u1", Deadline.none()));

        assertThat(e.untilReset()).isFalse();
        assertThat(e.retryAfterSeconds()).as("the backoff after attempt 2, not the 50 s reset").isLessThanOrEqualTo(2);
    }

    @Test
    void rateLimitStaysWithinTheConfiguredShareOfTheBucket() {
        Instant now = okta.clock.instant();
        // 10 per window, 50 % ours, 5 already used: the next request must wait for the reset.
        okta.server.stubFor(get(anyUrl()).willReturn(okJson(OktaBodies.user("00u1", "jane.doe@example.com"))
                .withHeader("Date", httpDate(now))
                .withHeader("X-Rate-Limit-Limit", "10").withHeader("X-Rate-Limit-Remaining", "5")
                .withHeader("X-Rate-Limit-Reset", Long.toString(now.plusSeconds(20).getEpochSecond()))));
        OktaClient halfShare = okta.client(okta.settings().withRateLimitShare(50), OktaListener.NONE);

        halfShare.getUser("00u1", Deadline.none());
        assertThat(okta.clock.advances()).isEmpty();

        assertThatThrownBy(() -> halfShare.getUser("00u1", Deadline.after(Duration.ofSeconds(10), okta.clock)))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(21));
        assertThat(okta.requests()).as("the budget refuses before sending").hasSize(1);

        halfShare.getUser("00u1", Deadline.none());
        assertThat(okta.clock.advances()).containsExactly(Duration.ofSeconds(21));
        assertThat(okta.requests()).hasSize(2);
    }

    // ------------------------------------------------------------------ 5xx, I/O

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void serverErrorsAreRetriedWithJitteredExponentialBackoff(int status) {
        okta.server.stubFor(get(anyUrl()).inScenario("5xx").whenScenarioStateIs(STARTED).willSetStateTo("2")
                .willReturn(aResponse().withStatus(status).withHeader("X-Okta-Request-Id", "req-first")));
        okta.server.stubFor(get(anyUrl()).inScenario("5xx").whenScenarioStateIs("2").willSetStateTo("3")
                .willReturn(aResponse().withStatus(status).withHeader("X-Okta-Request-Id", "req-second")));
        okta.server.stubFor(get(anyUrl()).inScenario("5xx").whenScenarioStateIs("3")
                .willReturn(okJson(OktaBodies.user("00u1", "jane.doe@example.com"))));

        OktaClient mostJitter = okta.client(okta.settings(), OktaListener.NONE, Jitter.highest());

        assertThat(mostJitter.getUser("00u1", Deadline.none()).id()).isEqualTo("00u1");

        // 600 ms after the first failure, 1.2 s after the second: the ceilings, with the jitter at its largest.
        assertThat(okta.clock.advances()).containsExactly(Duration.ofMillis(600), Duration.ofMillis(1_200));
        List<LoggedRequest> sent = okta.requests();
        assertThat(sent.get(2).getHeader("X-Okta-Retry-For")).isEqualTo("req-first");
        assertThat(sent.get(2).getHeader("X-Okta-Retry-Count")).isEqualTo("2");
    }

    @Test
    void givesUpAfterMaxAttempts() {
        okta.server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                .withHeader("X-Okta-Request-Id", "req-503").withBody(OktaBodies.error("E0000010", "Service is in read only mode"))));

        TransientUpstreamException e = catchThrowableOfType(TransientUpstreamException.class,
                () -> client.getUser("00u1", Deadline.none()));

        assertThat(e.code()).isEqualTo("OKTA_UNAVAILABLE");
        assertThat(e.oktaRequestId()).contains("req-503");
        assertThat(okta.requests()).hasSize(5);
        assertThat(okta.clock.advances()).hasSize(4);
    }

    @Test
    void maxAttemptsIsConfigurable() {
        okta.server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(500)));
        OktaClient twice = okta.client(okta.settings().withMaxAttempts(2), OktaListener.NONE);

        assertThatThrownBy(() -> twice.getUser("00u1", Deadline.none())).isInstanceOf(TransientUpstreamException.class);
        assertThat(okta.requests()).hasSize(2);
    }

    @Test
    void backoffThatWouldPassTheDeadlineIsNotTaken() {
        okta.server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> client.getUser("00u1", Deadline.after(Duration.ofMillis(100), okta.clock)))
                .isInstanceOf(TransientUpstreamException.class);
        assertThat(okta.requests()).hasSize(1);
        assertThat(okta.clock.advances()).isEmpty();
    }

    @Test
    void droppedConnectionIsRetried() {
        okta.server.stubFor(get(anyUrl()).inScenario("drop").whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        okta.server.stubFor(get(anyUrl()).inScenario("drop").whenScenarioStateIs("ok")
                .willReturn(okJson(OktaBodies.user("00u1", "jane.doe@example.com"))));

        assertThat(client.getUser("00u1", Deadline.none()).id()).isEqualTo("00u1");
        assertThat(okta.requests().get(okta.requests().size() - 1).getHeader("Authorization")).isNotBlank();
    }

    @Test
    void connectionAlwaysDroppedIsTransient() {
        okta.server.stubFor(get(anyUrl()).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        TransientUpstreamException e = catchThrowableOfType(TransientUpstreamException.class,
                () -> client.getUser("00u1", Deadline.none()));

        assertThat(e.getMessage()).contains("Lost the connection to Okta");
        // The JDK resends a GET once by itself on a dropped connection; our attempts are the backoffs + 1.
        assertThat(okta.clock.advances()).hasSize(4);
    }

    @Test
    void slowAnswerTimesOutAsTransient() {
        okta.server.stubFor(get(anyUrl()).willReturn(okJson(OktaBodies.user("00u1", "jane.doe@example.com")).withFixedDelay(2000)));
        OktaClient impatient = okta.client(okta.settings().withRequestTimeout(Duration.ofMillis(150)).withMaxAttempts(1),
                OktaListener.NONE);

        assertThatThrownBy(() -> impatient.getUser("00u1", Deadline.none()))
                .isInstanceOf(TransientUpstreamException.class)
                .hasMessage("Okta did not answer in time");
    }

    @Test
    void userStillActivatingIsTransientAndNotRetried() {
        okta.expectOffContractResponses();
        okta.server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
                .withBody(OktaBodies.error("E0000112", "Unable to update this user because activation is in progress"))));

        assertThatThrownBy(() -> client.getUser("00u1", Deadline.none())).isInstanceOf(TransientUpstreamException.class);
        assertThat(okta.requests()).hasSize(1);
    }

    // ------------------------------------------------------------------ unreadable answers

    @Test
    void malformedJsonIsUnexpected() {
        okta.expectOffContractResponses();
        okta.server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("X-Okta-Request-Id", "req-bad").withBody("{\"id\":\"00u1\",\"profile\":")));

        UnexpectedOktaException e = catchThrowableOfType(UnexpectedOktaException.class,
                () -> client.getUser("00u1", Deadline.none()));

        assertThat(e.code()).isEqualTo("OKTA_UNEXPECTED");
        assertThat(e.oktaRequestId()).contains("req-bad");
    }

    @Test
    void listAnswerThatIsNotAnArrayIsUnexpected() {
        okta.expectOffContractResponses();
        okta.server.stubFor(get(urlPathEqualTo("/api/v1/users")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withBody("{\"not\":\"an array\"}")));

        assertThatThrownBy(() -> client.listUsers(UserQuery.all(), Deadline.none())).isInstanceOf(UnexpectedOktaException.class);
    }

    @Test
    void unexpectedStatusIsUnexpected() {
        okta.expectOffContractResponses();
        okta.server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(302).withHeader("Location", "https://elsewhere.example/")));

        assertThatThrownBy(() -> client.getUser("00u1", Deadline.none())).isInstanceOf(UnexpectedOktaException.class);
        assertThat(okta.requests()).hasSize(1);
    }

    // ------------------------------------------------------------------ lists and links

    @Test
    void listFollowsNextLinkGivenAsSeparateHeaders() {
        String org = okta.orgUrl().toString();
        okta.server.stubFor(get(urlEqualTo("/api/v1/users?limit=2")).willReturn(okJson(
                "[" + OktaBodies.user("00u1", "a1@example.com") + "," + OktaBodies.user("00u2", "a2@example.com") + "]")
                .withHeader("Link", "<" + org + "/api/v1/users?limit=2>; rel=\"self\"")
                .withHeader("Link", "<" + org + "/api/v1/users?after=00u2&limit=2>; rel=\"next\"")));
        okta.server.stubFor(get(urlEqualTo("/api/v1/users?limit=2&after=00u2")).willReturn(okJson(
                "[" + OktaBodies.user("00u3", "a3@example.com") + "]")
                .withHeader("Link", "<" + org + "/api/v1/users?after=00u2&limit=2>; rel=\"self\"")));

        Page<User> first = client.listUsers(new UserQuery(null, null, null, 2, null, null, null), Deadline.none());
        Page<User> second = client.listUsers(new UserQuery(null, null, null, 2, first.nextCursor(), null, null), Deadline.none());

        assertThat(first.items()).extracting(User::id).containsExactly("00u1", "00u2");
        assertThat(first.nextCursor()).isEqualTo("00u2");
        assertThat(second.items()).extracting(User::id).containsExactly("00u3");
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void nextLinkCommaJoinedInALowerCaseHeaderWithAnOpaqueCursor() {
        String org = okta.orgUrl().toString();
        okta.server.stubFor(get(urlPathEqualTo("/api/v1/users")).willReturn(okJson("[" + OktaBodies.user("00u1", "a1@example.com") + "]")
                .withHeader("link", "<" + org + "/api/v1/users?limit=1>; rel=\"self\", <" + org
                        + "/api/v1/users?after=MDB1MnxhYmM%3D%2B%2F&limit=1>; rel=next")));

        Page<User> page = client.listUsers(UserQuery.all(), Deadline.none());

        assertThat(page.nextCursor()).isEqualTo("MDB1MnxhYmM=+/");
    }

    @Test
    void nextLinkToAnotherHostIsRefused() {
        okta.server.stubFor(get(urlPathEqualTo("/api/v1/users")).willReturn(okJson("[]")
                .withHeader("Link", "<https://attacker.example/api/v1/users?after=x>; rel=\"next\"")));

        assertThatThrownBy(() -> client.listUsers(UserQuery.all(), Deadline.none()))
                .isInstanceOf(UnexpectedOktaException.class)
                .hasMessageContaining("outside the configured org");
    }

    @Test
    void userGroupsFollowsEveryPage() {
        String org = okta.orgUrl().toString();
        okta.server.stubFor(get(urlEqualTo("/api/v1/users/00u1/groups")).willReturn(okJson(
                "[" + OktaBodies.group("00g1", "Everyone") + "," + OktaBodies.group("00g2", "Engineering") + "]")
                .withHeader("Link", "<" + org + "/api/v1/users/00u1/groups?after=00g2&limit=2>; rel=\"next\"")));
        okta.server.stubFor(get(urlEqualTo("/api/v1/users/00u1/groups?after=00g2&limit=2")).willReturn(okJson(
                "[" + OktaBodies.group("00g3", "Admins") + "]")
                .withHeader("Link", "<" + org + "/api/v1/users/00u1/groups?after=00g3&limit=2>; rel=\"next\"")));
        okta.server.stubFor(get(urlEqualTo("/api/v1/users/00u1/groups?after=00g3&limit=2")).willReturn(okJson("[]")));

        List<Group> groups = client.listUserGroups("00u1", Deadline.none());

        assertThat(groups).extracting(Group::name).containsExactly("Everyone", "Engineering", "Admins");
        assertThat(groups.get(0)).isEqualTo(new Group("00g1", "OKTA_GROUP", "Everyone", "The Everyone group"));
    }

    @Test
    void searchIsQuotedEscapedAndEncodedWithPercent20() {
        okta.server.stubFor(get(urlPathEqualTo("/api/v1/users")).willReturn(okJson("[]")));
        String search = OktaExpressions.and(
                OktaExpressions.eq("profile.lastName", "O\"Brien \\ x"),
                OktaExpressions.eq("status", "ACTIVE"));

        client.listUsers(new UserQuery("Ja ne", null, search, 50, null, "profile.lastName", "asc"), Deadline.none());

        String url = okta.requests().get(0).getUrl();
        assertThat(url).isEqualTo("/api/v1/users?q=Ja%20ne"
                + "&search=%28profile.lastName%20eq%20%22O%5C%22Brien%20%5C%5C%20x%22%29%20and%20%28status%20eq%20%22ACTIVE%22%29"
                + "&limit=50&sortBy=profile.lastName&sortOrder=asc");
        assertThat(url).doesNotContain("+");
        okta.server.verify(getRequestedFor(urlPathEqualTo("/api/v1/users")));
    }
}
