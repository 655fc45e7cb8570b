package dev.oktaprov.okta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.errors.TransientUpstreamException;
import dev.oktaprov.okta.model.CreateUserRequest;
import dev.oktaprov.okta.model.Profile;
import dev.oktaprov.testing.OktaBodies;
import dev.oktaprov.testing.WireMockOkta;
import dev.oktaprov.testsupport.Jitter;
import dev.oktaprov.time.Deadline;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a caller of the Okta client sees beyond the wire cases: retries as the metrics count them, refusals, messages. */
class OktaClientCallerViewTest {

    private static final String BUCKET = OktaClient.BUCKET_GET_USER;

    private final WireMockOkta okta = new WireMockOkta();
    private final List<String> events = new ArrayList<>();
    private final OktaListener recording = new OktaListener() {
        @Override
        public void onThrottleWait(String bucket, Duration wait) {
            events.add("wait " + bucket + " " + wait);
        }

        @Override
        public void onRetry(String method, String bucket, int nextAttempt, String reason) {
            events.add("retry " + method + " " + bucket + " attempt " + nextAttempt + " after " + reason);
        }
    };

    private String httpDate() {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(okta.clock.instant().atOffset(ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        okta.close();
    }

    @Test
    void everyRetryIsReportedWithTheAttemptItStartsAndWhy() {
        okta.expectOffContractResponses();
        okta.server.stubFor(get(anyUrl()).inScenario("r").whenScenarioStateIs(STARTED).willSetStateTo("429")
                .willReturn(aResponse().withStatus(503)));
        okta.server.stubFor(get(anyUrl()).inScenario("r").whenScenarioStateIs("429").willSetStateTo("reset")
                .willReturn(aResponse().withStatus(429).withHeader("X-Rate-Limit-Limit", "600")
                        .withHeader("X-Rate-Limit-Remaining", "0").withHeader("Date", httpDate())
                        .withHeader("X-Rate-Limit-Reset", Long.toString(okta.clock.instant().getEpochSecond() + 9))));
        okta.server.stubFor(get(anyUrl()).inScenario("r").whenScenarioStateIs("reset").willSetStateTo("ok")
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody(OktaBodies.error("E0000011", "Invalid token provided"))));
        okta.server.stubFor(get(anyUrl()).inScenario("r").whenScenarioStateIs("ok")
                .willReturn(okJson(OktaBodies.user("00u1", "jane.doe@example.com"))));
        OktaClient client = okta.client(okta.settings(), recording, Jitter.highest());

        assertThat(client.getUser("00u1", Deadline.none()).id()).isEqualTo("00u1");

        assertThat(events).containsExactly(
                "retry GET " + BUCKET + " attempt 2 after HTTP 503",
                "wait " + BUCKET + " PT10S",
                "retry GET " + BUCKET + " attempt 3 after HTTP 429",
                "retry GET " + BUCKET + " attempt 4 after HTTP 401");
    }

    @Test
    void aSpentShareIsReportedAsAWaitBeforeTheRequest() {
        long reset = okta.clock.instant().getEpochSecond() + 30;
        okta.server.stubFor(get(anyUrl()).willReturn(okJson(OktaBodies.user("00u1", "jane.doe@example.com"))
                .withHeader("X-Rate-Limit-Limit", "10").withHeader("X-Rate-Limit-Remaining", "5").withHeader("Date", httpDate())
                .withHeader("X-Rate-Limit-Reset", Long.toString(reset))));
        OktaClient client = okta.client(okta.settings().withRateLimitShare(50), recording);

        client.getUser("00u1", Deadline.none());
        client.getUser("00u1", Deadline.none());

        assertThat(events).as("half of 10 is spent after the first answer").containsExactly("wait " + BUCKET + " PT31S");
    }

    @Test
    void theLatencyReportedIsThatOfTheRequest() {
        okta.server.stubFor(get(anyUrl()).willReturn(okJson(OktaBodies.user("00u1", "jane.doe@example.com"))));
        List<Duration> latencies = new ArrayList<>();
        OktaClient client = okta.client(okta.settings(), new OktaListener() {
            @Override
            public void onResponse(String method, String bucket, int status, Duration latency, String requestId) {
                latencies.add(latency);
            }
        });
        long before = System.nanoTime();

        client.getUser("00u1", Deadline.none());

        Duration around = Duration.ofNanos(System.nanoTime() - before);
        assertThat(latencies).singleElement().satisfies(latency -> assertThat(latency).isPositive().isLessThanOrEqualTo(around));
    }

    @Test
    void aMissingIdIsRefusedBeforeAnythingIsSent() {
        OktaClient client = okta.client();

        assertThatThrownBy(() -> client.getUser(null, Deadline.none())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("idOrLogin");
        assertThatThrownBy(() -> client.getUser(" ", Deadline.none())).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> client.listUserGroups(null, Deadline.none())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("userId");
        assertThatThrownBy(() -> client.listUserGroups("", Deadline.none())).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> client.activateUser(" ", true, Deadline.none()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("userId");
        assertThat(okta.requests()).isEmpty();
    }

    @Test
    void aCreateWithNextLoginSaysSoInTheQuery() {
        okta.server.stubFor(post(urlPathEqualTo("/api/v1/users")).willReturn(okJson(OktaBodies.user("00u1", "jane.doe@example.com"))));
        CreateUserRequest request = new CreateUserRequest(
                Profile.of("jane.doe@example.com", "Jane", "Doe", "jane.doe@example.com", Map.of()), null, List.of());

        okta.client().createUser(request, false, "changePassword", Deadline.none());

        assertThat(okta.requests()).singleElement().satisfies(sent ->
                assertThat(sent.getUrl()).isEqualTo("/api/v1/users?activate=false&nextLogin=changePassword"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/jane@example.com", "?jane@example.com", ";jane@example.com", "\\jane@example.com"})
    void aLoginStartingWithACharacterAPathCannotHoldIsLookedUpByFilter(String login) {
        okta.server.stubFor(get(urlPathEqualTo("/api/v1/users")).willReturn(okJson("[" + OktaBodies.user("00u9", "jane@example.com") + "]")));

        assertThat(okta.client().getUser(login, Deadline.none()).id()).isEqualTo("00u9");
        assertThat(okta.requests()).singleElement().satisfies(sent -> assertThat(sent.getUrl()).startsWith("/api/v1/users?filter="));
    }

    @Test
    void anOrgNobodyListensOnIsCouldNotConnect() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        OktaClientSettings nowhere = new OktaClientSettings(URI.create("http://127.0.0.1:" + closedPort), 100, 1,
                Duration.ofSeconds(2), null);

        assertThatThrownBy(() -> okta.client(nowhere, OktaListener.NONE).getUser("00u1", Deadline.none()))
                .isInstanceOf(TransientUpstreamException.class).hasMessage("Could not connect to Okta");
    }
}
