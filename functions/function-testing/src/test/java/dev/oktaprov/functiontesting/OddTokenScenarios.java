package dev.oktaprov.functiontesting;

import static dev.oktaprov.testsupport.StreamInvocation.invoke;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.credentials.Secret;
import dev.oktaprov.credentials.StaticTokenCredentialSource;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.testsupport.LeakWatch;
import dev.oktaprov.testsupport.OddTokens.OddToken;
import dev.oktaprov.testsupport.OddTokens;
import dev.oktaprov.entrypoints.InvocationContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One API function with every {@link OddTokens odd token}, through every way a token reaches it
 * (the environment, the secret in Secrets Manager, and a token handed straight to the client, which
 * only the request builder stands behind) and both callers (HTTP API, and a direct invocation whose
 * thrown exception becomes Lambda's {@code errorMessage}). Every answer, thrown error and init
 * failure goes into the {@link LeakWatch}, with each token's fragments registered as secrets.
 */
public final class OddTokenScenarios {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LeakWatch watch;
    private final SecretsAndOkta infrastructure;
    private final List<String> scopes;
    private final Function<ProvisioningRuntime, RequestStreamHandler> handlers;
    private final String functionName;
    private final Map<String, String> results = new LinkedHashMap<>();

    /**
     * @param handlers builds the function's handler on a runtime, as its test constructor does
     */
    public OddTokenScenarios(LeakWatch watch, SecretsAndOkta infrastructure, List<String> scopes, String functionName,
            Function<ProvisioningRuntime, RequestStreamHandler> handlers) {
        this.watch = watch;
        this.infrastructure = infrastructure;
        this.scopes = scopes;
        this.functionName = functionName;
        this.handlers = handlers;
    }

    /**
     * Runs every scenario; {@code httpEvent} and {@code directInput} give a fresh event each call.
     *
     * @return scenario ("&lt;source&gt; with &lt;token&gt;: &lt;caller&gt;") to what came of it: "HTTP 201",
     *     "HTTP 500 CONFIGURATION", "returned", the thrown exception's simple name, or "init: " and it
     */
    public Map<String, String> run(Supplier<Map<String, Object>> httpEvent, Supplier<Map<String, Object>> directInput) {
        for (OddToken odd : OddTokens.around(infrastructure.okta().token())) {
            odd.fragments().forEach(fragment -> watch.secret("a token with " + odd.name(), fragment));
            String env = "OKTA_API_TOKEN with " + odd.name();
            try {
                invokeBoth(env, handlers.apply(infrastructure.withTokenFromEnvironment(odd.value(), scopes)), httpEvent, directInput);
            } catch (RuntimeException initFailure) {
                // Lambda reports an init failure with the exception's message and trace.
                record(env + ": init", "init: " + initFailure.getClass().getSimpleName(), trace(initFailure));
            }
            invokeBoth("the secret's apiToken with " + odd.name(), handlers.apply(infrastructure.withSecret(
                    "{\"apiToken\":" + json(odd.value()) + "}", scopes)), httpEvent, directInput);
            invokeBoth("a token handed to the client with " + odd.name(), handlers.apply(infrastructure.runtime(
                    new StaticTokenCredentialSource(Secret.of(odd.value())))), httpEvent, directInput);
        }
        String oddApp = "{\"clientId\":\"0oa\u200BODD\",\"keyId\":\"kid\uFEFF-1\",\"privateKey\":" + json(ecPrivateKeyPem()) + "}";
        invokeBoth("a service app's clientId and keyId with odd characters", handlers.apply(infrastructure.withSecret(oddApp, scopes)),
                httpEvent, directInput);
        return results;
    }

    private void invokeBoth(String source, RequestStreamHandler handler,
            Supplier<Map<String, Object>> httpEvent, Supplier<Map<String, Object>> directInput) {
        Map<String, Object> answer = invoke(handler, httpEvent.get(), InvocationContext.of(functionName));
        String body = String.valueOf(answer.get("body"));
        String code = body.contains("\"code\"") ? " " + FunctionHarness.json(body).path("code").asText() : "";
        record(source + ": HTTP", "HTTP " + answer.get("statusCode") + code, json(answer));
        try {
            Map<String, Object> result = invoke(handler, directInput.get(), InvocationContext.of(functionName));
            record(source + ": direct", "returned", json(result));
        } catch (RuntimeException thrown) {
            record(source + ": direct", thrown.getClass().getSimpleName(), trace(thrown));
        }
    }

    private void record(String scenario, String result, String output) {
        results.put(scenario, result);
        watch.response(scenario, output);
    }

    private static String trace(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        return thrown.getMessage() + "\n" + trace;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ecPrivateKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What each scenario must come to: refused before Okta with a configuration error (at init for
     * the environment), except where stripping the value leaves the real token, which then works
     * ({@code success}); a no-break space handed straight to the client passes the JDK and Okta
     * refuses it (502 / OktaAccessDeniedException).
     *
     * @param success the function's answer to a good request, e.g. "HTTP 201"
     */
    public static Map<String, String> expected(String okta, String success) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (OddToken odd : OddTokens.around(okta)) {
            String env = "OKTA_API_TOKEN with " + odd.name();
            String secret = "the secret's apiToken with " + odd.name();
            String handed = "a token handed to the client with " + odd.name();
            if (odd.strippedIsTheToken()) {
                expected.put(env + ": HTTP", success);
                expected.put(env + ": direct", "returned");
                expected.put(secret + ": HTTP", success);
                expected.put(secret + ": direct", "returned");
            } else {
                expected.put(env + ": init", "init: ConfigurationException");
                expected.put(secret + ": HTTP", "HTTP 500 CONFIGURATION");
                expected.put(secret + ": direct", "ConfigurationException");
            }
            boolean jdkSendsIt = odd.value().chars().allMatch(c -> c >= 0x20 && c <= 0xFF && c != 0x7F);
            expected.put(handed + ": HTTP", jdkSendsIt ? "HTTP 502 OKTA_UNAUTHORIZED" : "HTTP 500 CONFIGURATION");
            expected.put(handed + ": direct", jdkSendsIt ? "OktaAccessDeniedException" : "ConfigurationException");
        }
        expected.put("a service app's clientId and keyId with odd characters: HTTP", "HTTP 500 CONFIGURATION");
        expected.put("a service app's clientId and keyId with odd characters: direct", "ConfigurationException");
        return expected;
    }
}
