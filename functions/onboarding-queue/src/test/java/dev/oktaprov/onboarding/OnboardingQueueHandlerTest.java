package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.entrypoints.InvocationContext;
import dev.oktaprov.local.sqs.LocalSqs;
import dev.oktaprov.local.sqs.QueuePair;
import dev.oktaprov.okta.CredentialSource;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.simulator.FaultPlan;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SeedGroup;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.testsupport.SqsInvocation;
import dev.oktaprov.time.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The handler as Lambda calls it, with the sample event {@code events/sqs-onboarding-batch.json}
 * loaded by Lambda's own event serialization ({@code aws-lambda-java-tests}), the Okta simulator and
 * a real DLQ (ElasticMQ). The handler is built from an environment, like in Lambda.
 */
class OnboardingQueueHandlerTest {

    private static final String SAMPLE_BATCH = "../../events/sqs-onboarding-batch.json";
    private static final String SAMPLE_GROUP_ID = "00g1emaKYZTWRYYRRTSK";
    private static final AtomicInteger QUEUE_NUMBER = new AtomicInteger();

    private static LocalSqs sqs;

    private OktaSimulator okta;
    private QueuePair queue;
    private final Map<String, String> env = new HashMap<>();

    @BeforeAll
    static void startSqs() {
        sqs = LocalSqs.start(Map.of());
    }

    @AfterAll
    static void stopSqs() {
        sqs.close();
    }

    @BeforeEach
    void start() {
        okta = OktaSimulator.start(SimulatorOptions.defaults().withToken("test-token"));
        okta.addGroup(new SeedGroup(SAMPLE_GROUP_ID, "Engineering", "Engineers", null));
        queue = sqs.createQueueWithDlq("handler-" + QUEUE_NUMBER.incrementAndGet(), 5, Duration.ofSeconds(30), false);
        env.put("OKTA_ORG_URL", okta.baseUrl());
        env.put("OKTA_API_TOKEN", okta.token());
        env.put("OKTA_MAX_ATTEMPTS", "1");
        env.put("ONBOARDING_DLQ_URL", queue.dlqUrl());
        env.put("AWS_REGION", sqs.region());
        env.put("AWS_ENDPOINT_URL", sqs.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
    }

    @AfterEach
    void stop() {
        okta.close();
    }

    @Test
    void theSampleBatchBecomesThreeUsersAndNothingComesBack() {
        SQSEvent event = EventLoader.loadSQSEvent(SAMPLE_BATCH);

        SQSBatchResponse response = invoke(new OnboardingQueueHandler(env), event);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(okta.users()).extracting(SimulatedUser::login).containsExactlyInAnyOrder(
                "ada.lovelace@example.com", "grace.hopper@example.com", "soren.kierkegaard@example.com");
        assertThat(okta.findByLogin("ada.lovelace@example.com").orElseThrow().groupIds()).contains(SAMPLE_GROUP_ID);
        assertThat(okta.findByLogin("ada.lovelace@example.com").orElseThrow().status()).isEqualTo("STAGED");
        assertThat(okta.findByLogin("grace.hopper@example.com").orElseThrow().status()).isEqualTo("PROVISIONED");
        assertThat(okta.findByLogin("soren.kierkegaard@example.com").orElseThrow().firstName()).isEqualTo("Søren");
        assertThat(sqs.receiveAll(queue.dlqUrl())).isEmpty();
    }

    @Test
    void primingBeforeASnapshotTalksToNobodyAndTheFirstBatchAfterItWorks() {
        OnboardingQueueHandler handler = new OnboardingQueueHandler(env);

        handler.beforeCheckpoint(null);

        assertThat(okta.counters().totalRequests()).isZero();
        assertThat(sqs.approximateCount(queue.queueUrl())).isZero();
        assertThat(sqs.approximateCount(queue.dlqUrl())).isZero();

        handler.afterRestore(null);
        SQSBatchResponse response = invoke(handler, EventLoader.loadSQSEvent(SAMPLE_BATCH));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(okta.userCount()).isEqualTo(3);
    }

    @Test
    void theSameLoginTwiceInOneBatchIsHandledInBatchOrderSoTheFirstHireWins() {
        SQSEvent event = EventLoader.loadSQSEvent(SAMPLE_BATCH);
        List<SQSEvent.SQSMessage> records = event.getRecords();
        String sameAdaOtherCase = records.get(0).getBody().replace("\"login\":\"ada.lovelace@example.com\"",
                "\"login\":\"Ada.Lovelace@Example.com\"");
        String adaByron = records.get(0).getBody().replace("Lovelace\",\"email\"", "Byron\",\"email\"");
        records.get(1).setBody(sameAdaOtherCase);
        records.get(2).setBody(adaByron);
        OnboardingQueueHandler handler = new OnboardingQueueHandler(withParallelism(4));

        SQSBatchResponse response = invoke(handler, event);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(okta.users()).singleElement().satisfies(user -> {
            assertThat(user.login()).isEqualTo("ada.lovelace@example.com");
            assertThat(user.lastName()).isEqualTo("Lovelace");
        });
        List<Message> dead = sqs.receiveAll(queue.dlqUrl());
        assertThat(dead).singleElement().satisfies(message -> {
            assertThat(message.body()).isEqualTo(adaByron);
            assertThat(message.messageAttributes().get("errorCode").stringValue()).isEqualTo("LOGIN_CONFLICT");
            assertThat(message.messageAttributes().get("sourceMessageId").stringValue()).isEqualTo(records.get(2).getMessageId());
        });
    }

    @Test
    void aMessageAlreadyCreatedBeforeIsASuccess() {
        okta.seedUsers(SeedUser.of("grace.hopper@example.com", "Grace", "Hopper"));
        SQSEvent event = EventLoader.loadSQSEvent(SAMPLE_BATCH);

        SQSBatchResponse response = invoke(new OnboardingQueueHandler(env), event);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(okta.userCount()).isEqualTo(3);
        assertThat(okta.counters().usersCreated()).isEqualTo(2);
    }

    @Test
    void aRehireWhoseUserIsDeprovisionedGoesToTheDlqSayingSoAndOktaIsUnchanged() {
        okta.seedUsers(new SeedUser(null, Map.of("login", "grace.hopper@example.com", "email", "grace.hopper@example.com",
                "firstName", "Grace", "lastName", "Hopper"), "DEPROVISIONED", false, List.of(), null, null));
        SQSEvent event = EventLoader.loadSQSEvent(SAMPLE_BATCH);

        SQSBatchResponse response = invoke(new OnboardingQueueHandler(env), event);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(okta.findByLogin("grace.hopper@example.com").orElseThrow().status()).isEqualTo("DEPROVISIONED");
        assertThat(okta.counters().usersCreated()).isEqualTo(2);
        assertThat(sqs.receiveAll(queue.dlqUrl())).singleElement().satisfies(message -> {
            assertThat(message.messageAttributes().get("errorCode").stringValue()).isEqualTo("EXISTING_USER_INACTIVE");
            assertThat(message.messageAttributes().get("sourceMessageId").stringValue())
                    .isEqualTo(event.getRecords().get(1).getMessageId());
        });
    }

    @Test
    void anExistingUserWithoutTheGroupsTheMessageAsksForGoesToTheDlqNamingThem() {
        okta.seedUsers(SeedUser.of("ada.lovelace@example.com", "Ada", "Lovelace"));
        SQSEvent event = EventLoader.loadSQSEvent(SAMPLE_BATCH);

        SQSBatchResponse response = invoke(new OnboardingQueueHandler(env), event);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(okta.findByLogin("ada.lovelace@example.com").orElseThrow().groupIds()).doesNotContain(SAMPLE_GROUP_ID);
        assertThat(sqs.receiveAll(queue.dlqUrl())).singleElement().satisfies(message -> {
            assertThat(message.messageAttributes().get("errorCode").stringValue()).isEqualTo("EXISTING_USER_DIFFERS");
            assertThat(message.messageAttributes().get("errorMessage").stringValue()).contains("groupIds");
        });
    }

    @Test
    void aMissingDlqUrlFailsTheWholeBatchNamingTheVariable() {
        env.remove("ONBOARDING_DLQ_URL");
        OnboardingQueueHandler handler = new OnboardingQueueHandler(env);
        SQSEvent event = EventLoader.loadSQSEvent(SAMPLE_BATCH);

        assertThatThrownBy(() -> invoke(handler, event))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ONBOARDING_DLQ_URL");
        assertThat(okta.counters().totalRequests()).isZero();
    }

    @Test
    void aPermanentFailureTheDlqRefusesComesBackInsteadOfBeingLost() {
        env.put("ONBOARDING_DLQ_URL", sqs.endpoint() + "/000000000000/no-such-dlq");
        SQSEvent event = EventLoader.loadSQSEvent(SAMPLE_BATCH);
        event.getRecords().get(1).setBody("{\"firstName\":\"Grace\"}");

        SQSBatchResponse response = invoke(new OnboardingQueueHandler(env), event);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(event.getRecords().get(1).getMessageId());
        assertThat(okta.userCount()).isEqualTo(2);
    }

    @Test
    void aTransientFailureComesBackEvenWhenItsVisibilityCannotBeChanged() {
        // The sample's source queue does not exist here, so ChangeMessageVisibility fails.
        okta.setFaults(FaultPlan.none().withErrorRate(1.0).withErrorStatuses(503));
        SQSEvent event = EventLoader.loadSQSEvent(SAMPLE_BATCH);

        SQSBatchResponse response = invoke(new OnboardingQueueHandler(env), event);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactlyElementsOf(event.getRecords().stream().map(SQSEvent.SQSMessage::getMessageId).toList());
        assertThat(okta.userCount()).isZero();
        assertThat(sqs.receiveAll(queue.dlqUrl())).isEmpty();
    }

    @Test
    void aFunctionTooShortForOneOktaRequestReturnsTheBatchRatherThanDeferringItForever() {
        // 5 s minus the 1.5 s safety margin leaves less than the 10 s request timeout.
        SQSEvent event = EventLoader.loadSQSEvent(SAMPLE_BATCH);

        SQSBatchResponse response = SqsInvocation.invoke(new OnboardingQueueHandler(env), event,
                InvocationContext.start("onboarding", Duration.ofSeconds(5), Clock.systemUTC(), line -> { }));

        assertThat(response.getBatchItemFailures()).hasSize(3);
        assertThat(okta.counters().totalRequests()).isZero();
    }

    @Test
    void anEventThatNamesNoQueueStillReturnsItsFailures() {
        okta.setFaults(FaultPlan.none().withErrorRate(1.0).withErrorStatuses(503));
        SQSEvent event = EventLoader.loadSQSEvent(SAMPLE_BATCH);
        event.getRecords().forEach(record -> record.setEventSourceArn(null));

        try (CapturedLogs logs = new CapturedLogs()) {
            SQSBatchResponse response = invoke(new OnboardingQueueHandler(env), event);

            assertThat(response.getBatchItemFailures()).hasSize(3);
            assertThat(logs.lines()).as("no visibility to change without a queue")
                    .noneSatisfy(line -> assertThat(line).contains("Could not change the visibility"));
        }
    }

    @Test
    void logLinesNameEachMessageAndItsOutcomeButNeverALoginOrAPassword() {
        SQSEvent event = EventLoader.loadSQSEvent(SAMPLE_BATCH);
        event.getRecords().get(1).setBody("{\"firstName\":\"Grace\",\"lastName\":\"Hopper\",\"email\":\"grace.hopper@example.com\","
                + "\"login\":\"grace.hopper@example.com\",\"activate\":true,\"password\":\"Pr1vate-Passw0rd!\"}");
        event.getRecords().get(2).setBody("{\"login\":\"soren.kierkegaard@example.com\",\"password\":\"An0ther-Secret!\"}");

        List<String> lines;
        try (CapturedLogs logs = new CapturedLogs()) {
            invoke(new OnboardingQueueHandler(env), event);
            lines = logs.lines();
        }

        assertThat(okta.findByLogin("grace.hopper@example.com").orElseThrow().status()).isEqualTo("ACTIVE");
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            assertThat(lines).filteredOn(line -> line.contains("\"message_id\":\"" + record.getMessageId() + "\""))
                    .singleElement().satisfies(line -> assertThat(line).contains("\"outcome\":"));
        }
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .contains("\"outcome\":\"DEAD_LETTERED\"", "\"error_code\":\"INVALID_INPUT\"", "\"login\":\"\""));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"outcome\":\"CREATED\"", "\"login\":\"g***@e***.com\""));
        assertThat(String.join("\n", lines)).doesNotContain("Pr1vate-Passw0rd!", "An0ther-Secret!",
                "ada.lovelace@example.com", "grace.hopper@example.com", "soren.kierkegaard@example.com", "test-token");
    }

    @Test
    void aBugIsLoggedWithItsStackTraceAndTheMessageComesBack() {
        // A bug of ours, where the Okta token is read: nothing the function knows to expect.
        CredentialSource buggy = new CredentialSource() {
            @Override
            public String authorizationHeader(Deadline deadline) {
                throw new IllegalStateException("a bug");
            }

            @Override
            public void invalidate(String rejectedHeader) {
            }

            @Override
            public void invalidate() {
            }
        };
        SQSEvent event = EventLoader.loadSQSEvent(SAMPLE_BATCH);

        try (CapturedLogs logs = new CapturedLogs()) {
            SQSBatchResponse response = invoke(new OnboardingQueueHandler(OnboardingRuntime.of(
                    ProvisioningRuntime.builder(env).credentials(buggy))), event);

            assertThat(response.getBatchItemFailures()).hasSize(3);
            for (SQSEvent.SQSMessage record : event.getRecords()) {
                assertThat(logs.lines()).filteredOn(line -> line.contains("Unexpected failure onboarding message "
                        + record.getMessageId())).singleElement().satisfies(line -> assertThat(line)
                        .contains("\"level\":\"ERROR\"", "\"stack\":\"java.lang.IllegalStateException: a bug",
                        "SingleHireOnboarding.onboard"));
            }
        }
    }

    @Test
    void aBatchInterruptedWhileItsWorkersRunFailsWholeAndLeavesTheThreadInterrupted() {
        OnboardingQueueHandler handler = new OnboardingQueueHandler(withParallelism(2));
        SQSEvent event = EventLoader.loadSQSEvent(SAMPLE_BATCH);

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> invoke(handler, event)).hasStackTraceContaining("Interrupted while onboarding a batch");
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt kept for whoever runs the handler").isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    private Map<String, String> withParallelism(int parallelism) {
        Map<String, String> changed = new HashMap<>(env);
        changed.put("ONBOARDING_PARALLELISM", Integer.toString(parallelism));
        return changed;
    }

    private static SQSBatchResponse invoke(OnboardingQueueHandler handler, SQSEvent event) {
        return SqsInvocation.invoke(handler, event, InvocationContext.start("onboarding", Duration.ofSeconds(90),
                Clock.systemUTC(), line -> { }));
    }
}
