package dev.oktaprov.okta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.oktaprov.errors.RateLimitedException;
import dev.oktaprov.errors.TransientUpstreamException;
import dev.oktaprov.errors.UnexpectedOktaException;
import dev.oktaprov.okta.OktaTransport.Answer;
import dev.oktaprov.okta.model.CreateUserRequest;
import dev.oktaprov.okta.model.JsonPage;
import dev.oktaprov.okta.model.Page;
import dev.oktaprov.okta.model.Profile;
import dev.oktaprov.okta.model.User;
import dev.oktaprov.okta.model.UserQuery;
import dev.oktaprov.testing.OktaBodies;
import dev.oktaprov.testing.WireMockOkta;
import dev.oktaprov.testsupport.ForwardingHttpClient;
import dev.oktaprov.time.Deadline;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Okta client at the edges of its decisions: odd answers, odd links, no time, an interrupted thread. */
class OktaClientEdgesTest {

    private final WireMockOkta okta = new WireMockOkta();

    @AfterEach
    void stop() {
        okta.close();
    }

    private static CreateUserRequest withoutLogin() {
        return new CreateUserRequest(Profile.of(null, "Jane", "Doe", "jane.doe@example.com", Map.of()), null, List.of());
    }

    private OktaClient client(CredentialSource credentials, dev.oktaprov.time.Sleeper sleeper) {
        return new OktaClient(okta.settings(), credentials, OktaClient.defaultHttpClient(Duration.ofSeconds(2)), okta.clock,
                sleeper, new SplittableRandom(7), null);
    }

    @Test
    void aLoginInThePathKeepsOnlyUnreservedCharactersAsTheyAre() {
        okta.server.stubFor(get(anyUrl()).willReturn(okJson(OktaBodies.user("00u1", "jane.doe@example.com"))));

        okta.client().getUser("AZaz09-_.~@[`{:", Deadline.none());

        assertThat(okta.requests()).singleElement().satisfies(sent ->
                assertThat(sent.getUrl()).isEqualTo("/api/v1/users/AZaz09-_.~%40%5B%60%7B%3A"));
    }

    @Test
    void aListAnswerThatIsAnObjectIsUnexpectedNotAnEmptyPage() {
        okta.expectOffContractResponses();
        okta.server.stubFor(get(urlPathEqualTo("/api/v1/users")).willReturn(okJson("{}")));

        assertThat(catchThrowable(() -> okta.client().listUsers(UserQuery.all(), Deadline.none())))
                .isExactlyInstanceOf(UnexpectedOktaException.class).hasMessage("Okta answered with JSON we could not read");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"limit=2&after=00u5|00u5", "flag&after=00u5|00u5", "after|''", "after=a%2Bb+c|a+b c"})
    void theCursorIsTheNextLinksAfterParameter(String query, String cursor) {
        okta.server.stubFor(get(urlPathEqualTo("/api/v1/users")).willReturn(okJson("[]")
                .withHeader("Link", "<" + okta.orgUrl() + "/api/v1/users?" + query + ">; rel=\"next\"")));

        Page<User> page = okta.client().listUsers(UserQuery.all(), Deadline.none());

        assertThat(page.nextCursor()).isEqualTo(cursor);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"?limit=2", "''"})
    void aNextLinkWithoutACursorIsUnexpected(String query) {
        okta.server.stubFor(get(urlPathEqualTo("/api/v1/users")).willReturn(okJson("[]")
                .withHeader("Link", "<" + okta.orgUrl() + "/api/v1/users" + query + ">; rel=\"next\"")));

        assertThat(catchThrowable(() -> okta.client().listUsers(UserQuery.all(), Deadline.none())))
                .isExactlyInstanceOf(UnexpectedOktaException.class).hasMessage("Okta's next link carries no cursor");
    }

    @ParameterizedTest
    @CsvSource({"https://acme.okta.com:443/api/v1/users?after=x, true", "https://acme.okta.com:8443/api/v1/users?after=x, false",
            "http://acme.okta.com/api/v1/users?after=x, false", "http://acme.okta.com:80/api/v1/users?after=x, false"})
    void anHttpsOrgsLinksMayNameItsDefaultPort(String link, boolean followed) {
        OktaAnswers answers = new OktaAnswers(URI.create("https://acme.okta.com"));
        Answer answer = new Answer(HttpHeaders.of(Map.of("Link", List.of("<" + link + ">; rel=\"next\"")), (name, value) -> true),
                new byte[0], "req-1");

        if (followed) {
            assertThat(answers.nextLink(answer)).contains(URI.create(link));
        } else {
            assertThat(catchThrowable(() -> answers.nextLink(answer))).isExactlyInstanceOf(UnexpectedOktaException.class)
                    .hasMessage("Okta's next link points outside the configured org");
        }
    }

    @Test
    void groupPagesThatLinkBackAreRefused() {
        okta.server.stubFor(get(anyUrl()).willReturn(okJson("[]")
                .withHeader("Link", "<" + okta.orgUrl() + "/api/v1/users/00u1/groups>; rel=\"next\"")));

        assertThat(catchThrowable(() -> okta.client().listUserGroups("00u1", Deadline.none())))
                .isExactlyInstanceOf(UnexpectedOktaException.class).hasMessage("Okta's group pages for the user do not end");
        assertThat(okta.requests()).hasSize(1);
    }

    @Test
    void groupPagesThatNeverEndStopAtAThousand() {
        okta.server.stubFor(get(anyUrl()).willReturn(okJson("[]").withTransformers("response-template")
                .withHeader("Link", "<" + okta.orgUrl() + "/api/v1/users/00u1/groups?after={{randomValue length=16 type='ALPHANUMERIC'}}>; rel=\"next\"")));

        assertThat(catchThrowable(() -> okta.client().listUserGroups("00u1", Deadline.none())))
                .isExactlyInstanceOf(UnexpectedOktaException.class).hasMessage("Okta's group pages for the user do not end");
        assertThat(okta.server.getAllServeEvents()).as("no user has 1,000 pages of 200 groups").hasSize(1000);
    }

    @Test
    void aListPageAsJsonKeepsOktasBodyCursorAndRequestId() {
        String body = "[" + OktaBodies.user("00u1", "jane.doe@example.com") + "]";
        okta.server.stubFor(get(urlPathEqualTo("/api/v1/users")).willReturn(okJson(body).withHeader("X-Okta-Request-Id", "req-list")
                .withHeader("Link", "<" + okta.orgUrl() + "/api/v1/users?after=00u1>; rel=\"next\"")));

        JsonPage page = okta.client().listUsersJson(UserQuery.all(), Deadline.none());

        assertThat(new String(page.json(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(page.nextCursor()).isEqualTo("00u1");
        assertThat(page.oktaRequestId()).isEqualTo("req-list");
    }

    @Test
    void aRedirectOrOther3xxIsNoAnswer() {
        okta.expectOffContractResponses();
        okta.server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(300)));

        assertThat(catchThrowable(() -> okta.client().getUser("00u1", Deadline.none())))
                .isExactlyInstanceOf(UnexpectedOktaException.class).hasMessage("Okta answered HTTP 300 (no Okta error code)");
    }

    @Test
    void noTimeLeftSendsNothing() {
        Deadline past = Deadline.at(okta.clock.instant().minusSeconds(1));

        assertThat(catchThrowable(() -> okta.client().getUser("00u1", past))).isExactlyInstanceOf(TransientUpstreamException.class)
                .hasMessage("No time left before the deadline to call Okta");
        assertThat(okta.requests()).isEmpty();
    }

    @Test
    void timeRunningOutWhileFetchingCredentialsFailsWithWhatOktaLastSaid() {
        okta.expectOffContractResponses();
        okta.server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(503)));
        Deadline deadline = Deadline.at(okta.clock.instant().plusSeconds(30));
        List<Integer> fetches = new ArrayList<>();
        CredentialSource slowSecondFetch = new CredentialSource() {
            @Override
            public String authorizationHeader(Deadline d) {
                fetches.add(fetches.size() + 1);
                if (fetches.size() == 2) {
                    okta.clock.advance(Duration.ofSeconds(60));
                }
                return okta.credentials.authorizationHeader(d);
            }

            @Override
            public void invalidate(String rejectedHeader) {}

            @Override
            public void invalidate() {}
        };

        assertThat(catchThrowable(() -> client(slowSecondFetch, okta.clock::advance).getUser("00u1", deadline)))
                .isExactlyInstanceOf(TransientUpstreamException.class).hasMessage("Okta answered HTTP 503 (no Okta error code)");
        assertThat(okta.requests()).hasSize(1);
    }

    @Test
    void anInterruptedCallerGetsATransientFailureAndKeepsItsInterrupt() {
        okta.server.stubFor(get(anyUrl()).willReturn(okJson(OktaBodies.user("00u1", "jane.doe@example.com"))));

        Thread.currentThread().interrupt();
        Throwable failure = catchThrowable(() -> okta.client().getUser("00u1", Deadline.none()));
        boolean interrupted = Thread.interrupted();

        assertThat(failure).isExactlyInstanceOf(TransientUpstreamException.class).hasMessage("Interrupted while waiting for Okta");
        assertThat(interrupted).isTrue();
    }

    @Test
    void anInterruptedBackoffGetsATransientFailureAndKeepsItsInterrupt() {
        okta.expectOffContractResponses();
        okta.server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(503)));

        Throwable failure = catchThrowable(() -> client(okta.credentials, pause -> {
            throw new InterruptedException();
        }).getUser("00u1", Deadline.none()));
        boolean interrupted = Thread.interrupted();

        assertThat(failure).isExactlyInstanceOf(TransientUpstreamException.class).hasMessage("Interrupted while waiting to retry Okta");
        assertThat(interrupted).isTrue();
    }

    @Test
    void aCreateWithoutALoginIsResentWithoutALookup() {
        okta.expectOffContractResponses();
        okta.server.stubFor(post(anyUrl()).inScenario("c").whenScenarioStateIs(STARTED).willSetStateTo("up")
                .willReturn(aResponse().withStatus(503)));
        okta.server.stubFor(post(anyUrl()).inScenario("c").whenScenarioStateIs("up")
                .willReturn(okJson(OktaBodies.user("00u1", "jane.doe@example.com"))));

        assertThat(client(okta.credentials, okta.clock::advance).createUser(withoutLogin(), false, null, Deadline.none()).id())
                .isEqualTo("00u1");
        assertThat(okta.requests()).extracting(r -> r.getMethod().getName()).containsExactly("POST", "POST");
    }

    @Test
    void aCreateThatNeverConnectedIsResentWithoutALookup() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        List<String> retries = new ArrayList<>();
        OktaClient client = new OktaClient(new OktaClientSettings(URI.create("http://127.0.0.1:" + closedPort), 100, 2,
                Duration.ofSeconds(2), null), okta.credentials, OktaClient.defaultHttpClient(Duration.ofSeconds(2)), okta.clock,
                okta.clock::advance, new SplittableRandom(7), new OktaListener() {
                    @Override
                    public void onRetry(String method, String bucket, int nextAttempt, String reason) {
                        retries.add(method + " " + bucket + " " + nextAttempt + " " + reason);
                    }
                });

        assertThat(catchThrowable(() -> client.createUser(jane(), false, null, Deadline.none())))
                .isExactlyInstanceOf(TransientUpstreamException.class).hasMessage("Could not connect to Okta");
        assertThat(retries).containsExactly("POST " + OktaClient.BUCKET_CREATE_USER + " 2 I/O");
    }

    @Test
    void aCreateThatTimedOutConnectingIsResentWithoutALookupAndSaysSo() {
        okta.server.stubFor(get(anyUrl()).willReturn(okJson(OktaBodies.user("00u1", "jane.doe@example.com"))));
        HttpClient createsNeverConnect = new ForwardingHttpClient(OktaClient.defaultHttpClient(Duration.ofSeconds(2))) {
            @Override
            public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
                    throws IOException, InterruptedException {
                if (request.method().equals("POST")) {
                    throw new HttpConnectTimeoutException("HTTP connect timed out");
                }
                return super.send(request, handler);
            }
        };
        OktaClient client = new OktaClient(okta.settings().withMaxAttempts(2), okta.credentials, createsNeverConnect,
                okta.clock, okta.clock::advance, new SplittableRandom(7), null);

        assertThat(catchThrowable(() -> client.createUser(jane(), false, null, Deadline.none())))
                .isExactlyInstanceOf(TransientUpstreamException.class).hasMessage("Timed out connecting to Okta");
        assertThat(okta.requests()).as("no lookup: a create that never connected made no user").isEmpty();
    }

    private static CreateUserRequest jane() {
        return new CreateUserRequest(Profile.of("jane.doe@example.com", "Jane", "Doe", "jane.doe@example.com", Map.of()),
                null, List.of());
    }

    @Test
    void aRetryAfterIsRoundedUpToWholeSeconds() {
        okta.clock.advance(Duration.ofMillis(500));
        Instant now = okta.clock.instant();
        okta.server.stubFor(get(anyUrl()).willReturn(okJson(OktaBodies.user("00u1", "jane.doe@example.com"))
                .withHeader("X-Rate-Limit-Limit", "10").withHeader("X-Rate-Limit-Remaining", "0")
                .withHeader("X-Rate-Limit-Reset", Long.toString(now.getEpochSecond() + 30))));
        OktaClient client = okta.client();
        client.getUser("00u1", Deadline.none());

        Throwable failure = catchThrowable(() -> client.getUser("00u1", Deadline.at(now.plusSeconds(5))));

        assertThat(failure).isInstanceOfSatisfying(RateLimitedException.class, e ->
                assertThat(e.retryAfterSeconds()).as("29.5 s to the reset (no Date: by our clock) and 1 s margin, rounded up").isEqualTo(31));
    }
}
