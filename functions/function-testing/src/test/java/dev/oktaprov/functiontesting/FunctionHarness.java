package dev.oktaprov.functiontesting;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.credentials.Secret;
import dev.oktaprov.credentials.StaticTokenCredentialSource;
import dev.oktaprov.okta.CredentialSource;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.runtime.ProvisioningConfig;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.testsupport.StreamInvocation;
import dev.oktaprov.time.Deadline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 * The Okta simulator on a loopback port, a runtime pointed at it, and each handler call as Lambda
 * makes it: events from the repository's {@code events/} folder in as JSON bytes, the bytes the
 * handler wrote read back. Shared by the API functions' tests.
 */
public final class FunctionHarness implements AutoCloseable {

    /** The repository's sample events, from this module's directory (surefire's working directory). */
    public static final String EVENTS = "../../events/";

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

    /** On {@code clock}: a test that pins a wait holds time still. */
    public ProvisioningRuntime runtime(Map<String, String> extraEnv, Clock clock) {
        return runtime(extraEnv, credentials, clock);
    }

    /**
     * What the runtime's Okta client would wait now before {@code bucket} has room again: until the
     * reset of the window it learnt from Okta's headers, plus the second it always adds, in whole seconds.
     */
    public static long secondsUntilRoom(ProvisioningRuntime runtime, String bucket) {
        Duration wait = Duration.between(runtime.clock().instant(),
                runtime.okta().budget().state(bucket).orElseThrow().resetsAt()).plusSeconds(1);
        return wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    }

    private ProvisioningRuntime runtime(Map<String, String> extraEnv, CredentialSource credentials, Clock clock) {
        Map<String, String> env = new HashMap<>();
        env.put(ProvisioningConfig.OKTA_ORG_URL, okta.baseUrl());
        env.put(ProvisioningConfig.OKTA_API_TOKEN, okta.token());
        env.put(ProvisioningConfig.OKTA_MAX_ATTEMPTS, "2");
        env.putAll(extraEnv);
        return ProvisioningRuntime.builder(env).credentials(credentials)
                .http(OktaClient.defaultHttpClient(Duration.ofSeconds(2)))
                .clock(clock).sleeper(waits::add).random(RandomGenerator.of("L64X128MixRandom")).build();
    }

    public ProvisioningRuntime runtime() {
        return runtime(Map.of());
    }

    /** An event file of {@code events/}, as a JSON object to change before it is sent. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> event(String file) {
        try {
            return JSON.readValue(Path.of(EVENTS, file).toFile(), LinkedHashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Invokes {@code handler} as Lambda does, with {@code event}'s JSON; the answer read back as a JSON object. */
    public static Map<String, Object> invoke(RequestStreamHandler handler, Map<String, ?> event, Context context) {
        return StreamInvocation.invoke(handler, event, context);
    }

    /** The JSON of an answer {@link #invoke} read back: what Lambda hands to API Gateway or Step Functions. */
    public static String lambdaJson(Map<String, Object> result) {
        try {
            return JSON.writeValueAsString(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The HTTP API response, as API Gateway reads it from the function's answer. */
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
        public Map<String, String> headers(String method, URI uri, Deadline deadline) {
            headersGiven.incrementAndGet();
            return delegate.headers(method, uri, deadline);
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
