package dev.oktaprov.functiontesting;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.okta.CredentialSource;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.ratelimit.Deadline;
import dev.oktaprov.runtime.ProvisioningConfig;
import dev.oktaprov.runtime.ProvisioningMetrics;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.runtime.Secret;
import dev.oktaprov.runtime.StaticTokenCredentialSource;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SimulatorOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * The Okta simulator on a loopback port, a runtime pointed at it, and the Lambda runtime's own
 * serialization around each handler call: events from the repository's {@code events/} folder in,
 * the response map out as the JSON Lambda would return. Shared by the API functions' tests.
 */
public final class FunctionHarness implements AutoCloseable {

    /** The repository's sample events, from this module's directory (surefire's working directory). */
    public static final String EVENTS = "../../events/";

    private static final PojoSerializer<Map> LAMBDA_JSON = JacksonFactory.getInstance().getSerializer(Map.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    public final OktaSimulator okta;
    public final CountingCredentials credentials;
    /** Every wait the Okta client asked for; none is slept for real. */
    public final List<Duration> waits = new CopyOnWriteArrayList<>();

    public FunctionHarness(SimulatorOptions options) {
        this.okta = OktaSimulator.start(options);
        this.credentials = new CountingCredentials(new StaticTokenCredentialSource(Secret.of(okta.token())));
    }

    /** A runtime like Lambda's, with two attempts per Okta call and a sleeper that only records. */
    public ProvisioningRuntime runtime(Map<String, String> extraEnv) {
        return runtime(extraEnv, credentials);
    }

    /** With other credentials, e.g. a token Okta does not know. */
    public ProvisioningRuntime runtime(Map<String, String> extraEnv, CredentialSource credentials) {
        return runtime(extraEnv, credentials, Clock.systemUTC());
    }

    /** On {@code clock}: what "today" is for start dates, without touching the simulator's clock. */
    public ProvisioningRuntime runtime(Clock clock) {
        return runtime(Map.of(), credentials, clock);
    }

    private ProvisioningRuntime runtime(Map<String, String> extraEnv, CredentialSource credentials, Clock clock) {
        Map<String, String> env = new HashMap<>();
        env.put(ProvisioningConfig.OKTA_ORG_URL, okta.baseUrl());
        env.put(ProvisioningConfig.OKTA_API_TOKEN, okta.token());
        env.put(ProvisioningConfig.OKTA_MAX_ATTEMPTS, "2");
        env.putAll(extraEnv);
        ProvisioningConfig config = ProvisioningConfig.fromEnvironment(env);
        return new ProvisioningRuntime(config, credentials, OktaClient.defaultHttpClient(Duration.ofSeconds(2)),
                clock, waits::add, RandomGenerator.of("L64X128MixRandom"), ProvisioningMetrics.fromEnvironment(env));
    }

    public ProvisioningRuntime runtime() {
        return runtime(Map.of());
    }

    /** An event file of {@code events/}, deserialized by the Lambda runtime's serializer. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> event(String file) {
        return EventLoader.loadEvent(EVENTS + file, Map.class);
    }

    /** {@code event} written and read back by the Lambda runtime's serializer, as a handler receives it. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asLambdaDelivers(Map<String, Object> event) {
        return LAMBDA_JSON.fromJson(lambdaJson(event));
    }

    /** What Lambda sends back for {@code result}. */
    public static String lambdaJson(Map<String, Object> result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LAMBDA_JSON.toJson(result, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The HTTP API response map, as API Gateway reads it from Lambda's JSON. */
    public static Answer answer(Map<String, Object> response) {
        try {
            JsonNode json = JSON.readTree(lambdaJson(response));
            Map<String, String> headers = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = json.path("headers").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> header = it.next();
                headers.put(header.getKey(), header.getValue().asText());
            }
            String body = json.path("body").asText();
            return new Answer(json.path("statusCode").asInt(), headers, JSON.readTree(body), body,
                    json.path("isBase64Encoded").asBoolean(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> jsonObject(String text) {
        try {
            return JSON.readValue(text, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code work} printed to stdout: the JSON log lines and the EMF metrics. */
    public static String stdout(Runnable work) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** Back to the simulator's start state, with nothing counted or waited yet. */
    public void reset() {
        okta.reset();
        credentials.resetCounts();
        waits.clear();
    }

    @Override
    public void close() {
        okta.close();
    }

    public record Answer(int status, Map<String, String> headers, JsonNode body, String rawBody, boolean base64) {
        public String header(String name) {
            return headers.get(name);
        }

        public String code() {
            return body.path("code").asText(null);
        }

        public List<String> detailFields() {
            List<String> fields = new ArrayList<>();
            body.path("details").forEach(detail -> fields.add(detail.path("field").asText()));
            return fields;
        }
    }

    /** The real token source, counting how often the client asked for it. */
    public static final class CountingCredentials implements CredentialSource {
        private final CredentialSource delegate;
        public final AtomicInteger headersGiven = new AtomicInteger();
        public final AtomicInteger invalidations = new AtomicInteger();

        public CountingCredentials(CredentialSource delegate) {
            this.delegate = delegate;
        }

        public void resetCounts() {
            headersGiven.set(0);
            invalidations.set(0);
        }

        @Override
        public String authorizationHeader(Deadline deadline) {
            headersGiven.incrementAndGet();
            return delegate.authorizationHeader(deadline);
        }

        @Override
        public void invalidate(String rejectedHeader) {
            invalidations.incrementAndGet();
            delegate.invalidate(rejectedHeader);
        }

        @Override
        public void invalidate() {
            invalidations.incrementAndGet();
            delegate.invalidate();
        }
    }

}
