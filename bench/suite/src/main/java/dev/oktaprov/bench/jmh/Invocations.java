package dev.oktaprov.bench.jmh;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktaprov.bench.LocalBackends;
import dev.oktaprov.createuser.CreateUserHandler;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.entrypoints.InvocationContext;
import dev.oktaprov.getuser.GetUserHandler;
import dev.oktaprov.listusers.ListUsersHandler;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.onboarding.OnboardingQueueHandler;
import dev.oktaprov.onboarding.OnboardingRuntime;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SimulatorOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * One benchmarked invocation: the event's JSON bytes into the stream handler, the answer's bytes
 * out, as the Lambda runtime hands them over, with Okta answered in this JVM by {@link ReplayingOkta}.
 * Setting up records the handler's real conversation with the simulator once, then builds a fresh
 * handler on the replay (so the measured handler never saw a socket).
 */
public final class Invocations {

    public static final String GET = "get";
    public static final String CREATE = "create";
    public static final String LIST_200 = "list-200";
    public static final String SQS_BATCH_10 = "sqs-batch-10";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one benchmark operation runs: JSON in, JSON out. */
    public interface Invocation {
        byte[] invoke();
    }

    private Invocations() {}

    public static Invocation prepare(String operation, Path events) {
        try (OktaSimulator okta = OktaSimulator.start(SimulatorOptions.defaults().withSeed(LocalBackends.seed()))) {
            Map<String, String> env = environment(okta);
            ReplayingOkta recorder = ReplayingOkta.recording(OktaClient.defaultHttpClient(Duration.ofSeconds(5)));
            Invocation live = build(operation, events, env, recorder);
            String first = new String(live.invoke(), StandardCharsets.UTF_8);
            ReplayingOkta replay = recorder.replaying();
            Invocation replayed = build(operation, events, env, replay);
            String again = new String(replayed.invoke(), StandardCharsets.UTF_8);
            if (!sameOutcome(first, again)) {
                throw new IllegalStateException(operation + ": the replay answered differently from the simulator:\n"
                        + first + "\n" + again);
            }
            return replayed;
        }
    }

    private static boolean sameOutcome(String first, String again) {
        try {
            var a = JSON.readTree(first);
            var b = JSON.readTree(again);
            return a.path("statusCode").equals(b.path("statusCode"))
                    && a.path("batchItemFailures").equals(b.path("batchItemFailures"))
                    && a.path("statusCode").asInt(200) < 300
                    && a.path("batchItemFailures").size() == 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> environment(OktaSimulator okta) {
        Map<String, String> env = new HashMap<>();
        env.put("OKTA_ORG_URL", okta.baseUrl());
        env.put("OKTA_API_TOKEN", okta.token());
        env.put("OKTA_RATE_LIMIT_SHARE", "50");
        env.put("OKTA_MAX_ATTEMPTS", "4");
        env.put("OKTA_REQUEST_TIMEOUT_MS", "10000");
        env.put("DEADLINE_SAFETY_MARGIN_MS", "1500");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "bench");
        // Powertools reads its own settings from the process; our metrics set the namespace when it does not.
        env.put("ONBOARDING_DLQ_URL", "http://127.0.0.1:9/000000000000/okta-provisioning-onboarding-dlq");
        env.put("ONBOARDING_PARALLELISM", "4");
        return env;
    }

    private static ProvisioningRuntime.Builder runtime(Map<String, String> env, HttpClient http) {
        return ProvisioningRuntime.builder(env).http(http).random(new Random(7));
    }

    private static Invocation build(String operation, Path events, Map<String, String> env, HttpClient http) {
        // The template's 20 s left at every invocation, so none runs short of time.
        Context context = InvocationContext.of("bench");
        return switch (operation) {
            case GET -> streamed(new GetUserHandler(runtime(env, http).scopes(OAuthScopes.READ_USERS).build()),
                    read(events, "apigw-get-user.json"), context);
            case CREATE -> streamed(new CreateUserHandler(runtime(env, http).scopes(OAuthScopes.CREATE_USERS).build()),
                    read(events, "apigw-create-user.json"), context);
            case LIST_200 -> streamed(new ListUsersHandler(runtime(env, http).scopes(OAuthScopes.READ_USERS).build()),
                    listOf200(events), context);
            case SQS_BATCH_10 -> streamed(new OnboardingQueueHandler(OnboardingRuntime.of(runtime(env, http), () -> {
                throw new IllegalStateException("a successful batch must not need SQS");
            })), batchOf10(events), context);
            default -> throw new IllegalArgumentException("unknown operation " + operation);
        };
    }

    private static Invocation streamed(RequestStreamHandler handler, byte[] event, Context context) {
        return () -> {
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream(1024);
            try {
                handler.handleRequest(new java.io.ByteArrayInputStream(event), answer, context);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return answer.toByteArray();
        };
    }

    private static byte[] read(Path events, String name) {
        try {
            return Files.readAllBytes(events.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The list sample, asking for a whole page: 200 users (Okta's maximum). */
    private static byte[] listOf200(Path events) {
        return edit(events, "apigw-list-users-filter.json", event -> {
            ObjectNode query = (ObjectNode) event.path("queryStringParameters");
            query.put("limit", "200");
            event.put("rawQueryString", "filter=profile.lastName%20eq%20%22Brock%22&limit=200");
            return event;
        });
    }

    /** The SQS sample's first message ten times over, each a different new hire. */
    private static byte[] batchOf10(Path events) {
        return edit(events, "sqs-onboarding-batch.json", event -> {
            ArrayNode records = (ArrayNode) event.path("Records");
            ObjectNode template = (ObjectNode) records.get(0);
            records.removeAll();
            for (int i = 0; i < 10; i++) {
                ObjectNode record = template.deepCopy();
                record.put("messageId", "00000000-0000-4000-8000-00000000000" + i);
                try {
                    ObjectNode body = (ObjectNode) JSON.readTree(template.path("body").asText());
                    String login = "bench.hire" + i + "@example.com";
                    body.put("login", login);
                    body.put("email", login);
                    body.put("firstName", "Hire" + i);
                    record.put("body", JSON.writeValueAsString(body));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                records.add(record);
            }
            return event;
        });
    }

    private static byte[] edit(Path events, String name, Function<ObjectNode, ObjectNode> change) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(read(events, name));
            return JSON.writeValueAsBytes(change.apply(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
