package dev.oktaprov.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SeedData;
import dev.oktaprov.simulator.SeedGroup;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.testsupport.MotoServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each API function's shaded jar (and activate-user's, with the state machine's input), alone in a
 * class loader of its own (parent: the platform loader), answers its sample event: proves that what the build trimmed from the jar was not needed. One
 * run goes through everything the function loads: SnapStart priming (beforeCheckpoint and
 * afterRestore), the Okta token from Secrets Manager (moto_server), Okta (the simulator) through
 * our client and Jackson, a Powertools JSON log line (log4j and its plugins) and EMF metrics.
 */
class ApiFunctionJarsRunTest {

    /** @param status the HTTP status of an API event's answer; for a direct input, 0 and the result's {@code outcome} */
    record Case(String function, String handler, String event, int status, String outcome) {}

    static final List<Case> CASES = List.of(
            new Case("get-user", "dev.oktaprov.getuser.GetUserHandler", "apigw-get-user.json", 200, null),
            new Case("list-users", "dev.oktaprov.listusers.ListUsersHandler", "apigw-list-users-filter.json", 200, null),
            new Case("create-user", "dev.oktaprov.createuser.CreateUserHandler", "apigw-create-user.json", 201, null),
            // The state machine's input; the seeded user is ACTIVE already.
            new Case("activate-user", "dev.oktaprov.activateuser.ActivateUserHandler", "sfn-activate-user.json", 0,
                    "ALREADY_ACTIVE"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = Path.of("..", "events");

    private static OktaSimulator okta;
    private static MotoServer moto;
    private static String secretId;

    @BeforeAll
    static void start() throws Exception {
        okta = OktaSimulator.start(SimulatorOptions.defaults().withSeed(new SeedData(
                List.of(new SeedGroup("00g1emaKYZTWRYYRRTSK", "Engineering", "All engineers", null)),
                List.of(new SeedUser("00ub0oNGTSWTBKOLGLNR", Map.of("login", "isaac.brock.hr@example.com",
                        "email", "isaac.brock@example.com", "firstName", "Isaac", "lastName", "Brock"), "ACTIVE", true,
                        List.of("00g1emaKYZTWRYYRRTSK"), null, null)))));
        moto = MotoServer.start();
        secretId = "okta/jar-run/" + UUID.randomUUID();
        createSecret(moto, secretId, "{\"apiToken\":\"" + okta.token() + "\"}");
    }

    @AfterAll
    static void stop() {
        if (okta != null) {
            okta.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> eachApiJarAnswersItsSampleEventAlone() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.function(), () -> {
            Path jar = FunctionJarContentsTest.jar(c.function());
            assumeTrue(Files.isDirectory(FunctionJarContentsTest.FUNCTIONS.resolve(c.function()).resolve("src/main/java")),
                    c.function() + " has no sources yet");
            assertThat(jar).as("built by the function's module before this one (mvn verify)").isRegularFile();
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream original = System.out;
            // Before the jar's log4j starts: its console appender keeps the stream it finds.
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            JsonNode answer;
            try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
                answer = run(loader, c);
            } finally {
                System.setOut(original);
            }
            String output = printed.toString(StandardCharsets.UTF_8);
            assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(c.status());
            if (c.outcome() != null) {
                assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo(c.outcome());
            }
            assertThat(output.lines().filter(line -> line.startsWith("{") && line.contains("\"Invocation answered"))
                    .map(ApiFunctionJarsRunTest::json))
                    .as("a Powertools JSON log line for the request, in:\n" + output)
                    .anySatisfy(line -> assertThat(line.path("function_request_id").asText()).isEqualTo("jar-run"));
            assertThat(output.lines().filter(line -> line.startsWith("{\"_aws\"")))
                    .as("an EMF metrics line, in:\n" + output).isNotEmpty();
            assertThat(output).as("the token never printed").doesNotContain(okta.token());
        }));
    }

    private static JsonNode run(ClassLoader loader, Case c) throws Exception {
        Map<String, String> env = new HashMap<>(moto.environment());
        env.put("OKTA_ORG_URL", okta.baseUrl());
        env.put("OKTA_SECRET_ID", secretId);
        env.put("AWS_LAMBDA_FUNCTION_NAME", c.function());
        env.put("POWERTOOLS_SERVICE_NAME", "okta-provisioning");
        Class<?> runtimeType = loader.loadClass("dev.oktaprov.runtime.ProvisioningRuntime");
        Object builder = runtimeType.getMethod("builder", Map.class).invoke(null, env);
        Object runtime = builder.getClass().getMethod("build").invoke(builder);
        Class<?> handlerType = loader.loadClass(c.handler());
        Object handler = handlerType.getConstructor(runtimeType).newInstance(runtime);
        Class<?> cracContext = loader.loadClass("org.crac.Context");
        call(handlerType.getMethod("beforeCheckpoint", cracContext), handler, (Object) null);
        call(handlerType.getMethod("afterRestore", cracContext), handler, (Object) null);
        Class<?> lambdaContext = loader.loadClass("com.amazonaws.services.lambda.runtime.Context");
        Object context = Proxy.newProxyInstance(loader, new Class<?>[] {lambdaContext}, (proxy, method, args) -> switch (method.getName()) {
            case "getAwsRequestId", "getLogStreamName" -> "jar-run";
            case "getFunctionName" -> c.function();
            case "getFunctionVersion" -> "1";
            case "getInvokedFunctionArn" -> "arn:aws:lambda:us-east-1:000000000000:function:" + c.function() + ":live";
            case "getLogGroupName" -> "/aws/lambda/" + c.function();
            case "getRemainingTimeInMillis" -> 20_000;
            case "getMemoryLimitInMB" -> 1024;
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            case "toString" -> "jar-run context";
            default -> null;
        });
        byte[] event = Files.readAllBytes(EVENTS.resolve(c.event()));
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        call(handlerType.getMethod("handleRequest", InputStream.class, OutputStream.class, lambdaContext), handler,
                new ByteArrayInputStream(event), answer, context);
        return JSON.readTree(answer.toByteArray());
    }

    private static Object call(Method method, Object target, Object... args) throws Exception {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    /**
     * Through the Secrets Manager API moto serves, with the JDK's HTTP client (this module has no AWS
     * SDK of its own; moto does not check signatures, so the request names its key without signing).
     */
    private static void createSecret(MotoServer moto, String name, String value) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(moto.endpoint().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "secretsmanager.CreateSecret")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + MotoServer.ACCESS_KEY + "/20260101/"
                        + MotoServer.REGION + "/secretsmanager/aws4_request, SignedHeaders=host, Signature=unsigned")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("Name", name, "SecretString", value))))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("CreateSecret: " + response.body()).isEqualTo(200);
    }
}
