package dev.oktaprov.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.oktaprov.okta.OktaClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code StartExecution} on the wire, pinned: AWS JSON 1.0 with Step Functions' target and signing
 * name, the three fields of the request, and how Step Functions' answers come back (the execution's
 * ARN; its error code; throttling and 5xx retried as the SDK's standard strategy does).
 */
class StepFunctionsStarterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:states:eu-west-1:123456789012:stateMachine:onboarding";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);

    private WireMockServer stepFunctions;
    private final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void start() {
        stepFunctions = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        stepFunctions.start();
    }

    @AfterEach
    void stop() {
        stepFunctions.stop();
    }

    private StepFunctionsStarter starter() {
        var http = OktaClient.defaultHttpClient(Duration.ofSeconds(2));
        return new StepFunctionsStarter(new AwsJsonClient(http, URI.create(stepFunctions.baseUrl()),
                new SigV4("eu-west-1", "states"),
                LambdaCredentials.fromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "not-a-key"),
                        http, CLOCK),
                new AwsJsonClient.Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(3)), CLOCK, waits::add,
                new SplittableRandom(7), System::nanoTime, AwsJsonClient.JSON_1_0, () -> null));
    }

    @Test
    void oneSignedAwsJson10RequestWithTheNameAndInputAnswersTheExecutionsArn() throws Exception {
        stepFunctions.stubFor(post(urlEqualTo("/")).willReturn(okJson(
                "{\"executionArn\":\"arn:aws:states:eu-west-1:123456789012:execution:onboarding:hire-1\",\"startDate\":1.77e9}")));

        String arn = starter().startExecution(ARN, "hire-1", "{\"id\":\"00u1\"}", Duration.ofSeconds(5));

        assertThat(arn).isEqualTo("arn:aws:states:eu-west-1:123456789012:execution:onboarding:hire-1");
        LoggedRequest sent = stepFunctions.findAll(postRequestedFor(urlEqualTo("/"))).get(0);
        assertThat(sent.getHeader("X-Amz-Target")).isEqualTo("AWSStepFunctions.StartExecution");
        assertThat(sent.getHeader("Content-Type")).isEqualTo("application/x-amz-json-1.0");
        assertThat(sent.getHeader("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260302/eu-west-1/states/aws4_request");
        JsonNode body = JSON.readTree(sent.getBodyAsString());
        assertThat(body.path("stateMachineArn").asText()).isEqualTo(ARN);
        assertThat(body.path("name").asText()).isEqualTo("hire-1");
        assertThat(body.path("input").asText()).as("the input travels as a JSON string").isEqualTo("{\"id\":\"00u1\"}");
        assertThat(body.size()).isEqualTo(3);
    }

    @Test
    void aNameStepFunctionsKnowsComesBackAsItsErrorCodeAtOnce() {
        stepFunctions.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody("{\"__type\":\"com.amazonaws.swf.service.v2.model#ExecutionAlreadyExists\","
                        + "\"message\":\"Execution Already Exists: 'hire-1'\"}")));

        AwsCallException known = catchThrowableOfType(AwsCallException.class,
                () -> starter().startExecution(ARN, "hire-1", "{}", Duration.ofSeconds(5)));

        assertThat(known.errorCode()).isEqualTo("ExecutionAlreadyExists");
        assertThat(known.getMessage()).doesNotContain("hire-1");
        assertThat(stepFunctions.getAllServeEvents()).as("not retried").hasSize(1);
    }

    @Test
    void throttlingAndServerErrorsAreTriedThreeTimesWithBackoff() {
        stepFunctions.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
                .withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")));

        AwsCallException throttled = catchThrowableOfType(AwsCallException.class,
                () -> starter().startExecution(ARN, "hire-1", "{}", Duration.ofSeconds(60)));

        assertThat(throttled.isThrottling()).isTrue();
        assertThat(stepFunctions.getAllServeEvents()).hasSize(AwsJsonClient.MAX_ATTEMPTS);
        assertThat(waits).hasSize(AwsJsonClient.MAX_ATTEMPTS - 1);

        stepFunctions.resetAll();
        stepFunctions.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(500)
                .withBody("{\"__type\":\"InternalError\"}")));
        AwsCallException failed = catchThrowableOfType(AwsCallException.class,
                () -> starter().startExecution(ARN, "hire-1", "{}", Duration.ofSeconds(60)));
        assertThat(failed.status()).isEqualTo(500);
        assertThat(stepFunctions.getAllServeEvents()).hasSize(AwsJsonClient.MAX_ATTEMPTS);
    }

    @Test
    void noTimeLeftSendsNothing() {
        AwsCallException late = catchThrowableOfType(AwsCallException.class,
                () -> starter().startExecution(ARN, "hire-1", "{}", Duration.ZERO));

        assertThat(late.kind()).isEqualTo(AwsCallException.Kind.TIMEOUT);
        assertThat(stepFunctions.getAllServeEvents()).isEmpty();
    }
}
