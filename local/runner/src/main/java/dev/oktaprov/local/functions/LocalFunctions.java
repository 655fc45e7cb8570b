package dev.oktaprov.local.functions;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.oktaprov.activateuser.ActivateUserHandler;
import dev.oktaprov.createuser.CreateUserHandler;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.getuser.GetUserHandler;
import dev.oktaprov.listusers.ListUsersHandler;
import dev.oktaprov.local.TemplateSettings;
import dev.oktaprov.local.sqs.LocalSqs;
import dev.oktaprov.local.workflow.LocalWorkflow;
import dev.oktaprov.onboarding.OnboardingQueueHandler;
import dev.oktaprov.onboarding.OnboardingRuntime;
import dev.oktaprov.onboarding.SqsClients;
import dev.oktaprov.onboarding.StepFunctionsClients;
import dev.oktaprov.runtime.ProvisioningMetrics;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.time.Sleeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.lambda.powertools.metrics.Metrics;

/**
 * The template's five handlers, built the way their Lambda constructors build them, from an explicit
 * environment instead of the process's: each gets its own core runtime (its own Okta client and
 * rate-limit budget, as separate functions have), with the runner's counters on its metrics.
 */
public final class LocalFunctions {

    private LocalFunctions() {}

    /** The API functions by route key ({@code POST /users}, …), as the template routes them. */
    public static Map<String, LocalFunction> api(FunctionEnvironment environment) {
        Map<String, String> env = environment.apiFunction();
        Map<String, LocalFunction> byRoute = new LinkedHashMap<>();
        TemplateSettings.ROUTES.forEach((routeKey, spec) -> byRoute.put(routeKey, apiFunction(spec, env)));
        return byRoute;
    }

    private static LocalFunction apiFunction(FunctionSpec spec,
            Map<String, String> env) {
        FunctionCounters counters = counters(env);
        RequestStreamHandler handler = switch (spec.name()) {
            case "create-user" -> new CreateUserHandler(runtime(env, counters).scopes(OAuthScopes.CREATE_USERS).build());
            case "get-user" -> new GetUserHandler(runtime(env, counters).scopes(OAuthScopes.READ_USERS).build());
            case "list-users" -> new ListUsersHandler(runtime(env, counters).scopes(OAuthScopes.READ_USERS).build());
            default -> throw new IllegalArgumentException("not an API function: " + spec.name());
        };
        return new LocalFunction(spec, handler, counters);
    }

    /**
     * The functions the onboarding state machine invokes, by name: each its own warm handler, as
     * separate functions are.
     */
    public static Map<String, LocalFunction> workflow(FunctionEnvironment environment) {
        Map<String, String> env = environment.apiFunction();
        Map<String, LocalFunction> byName = new LinkedHashMap<>();
        for (FunctionSpec spec : List.of(TemplateSettings.CREATE_USER, TemplateSettings.GET_USER, TemplateSettings.ACTIVATE_USER)) {
            byName.put(spec.name(), spec == TemplateSettings.ACTIVATE_USER ? activateUser(env) : apiFunction(spec, env));
        }
        return byName;
    }

    private static LocalFunction activateUser(Map<String, String> env) {
        FunctionCounters counters = counters(env);
        return new LocalFunction(TemplateSettings.ACTIVATE_USER,
                new ActivateUserHandler(runtime(env, counters).scopes(OAuthScopes.ACTIVATE_USERS).build()), counters);
    }

    /**
     * The onboarding function.
     *
     * @param sqsEndpoint where its SQS client (DLQ sends, re-sends, visibility changes) goes: the local
     *     queues' endpoint, with the local queues' keys
     * @param workflow where it starts executions for hires whose start date is ahead
     */
    public static LocalFunction onboarding(FunctionEnvironment environment,
            String deadLetterQueueUrl, Map<String, String> localSettings, URI sqsEndpoint, LocalWorkflow workflow) {
        Map<String, String> env = environment.onboarding(deadLetterQueueUrl, workflow.stateMachineArn(), localSettings);
        FunctionCounters counters = counters(env);
        Map<String, String> sqsEnv = new HashMap<>(env);
        sqsEnv.put("AWS_ENDPOINT_URL_SQS", sqsEndpoint.toString());
        sqsEnv.put("AWS_ACCESS_KEY_ID", LocalSqs.ACCESS_KEY);
        sqsEnv.put("AWS_SECRET_ACCESS_KEY", LocalSqs.ACCESS_KEY);
        sqsEnv.remove("AWS_SESSION_TOKEN");
        OnboardingRuntime runtime = OnboardingRuntime.of(runtime(env, counters), () -> SqsClients.fromEnvironment(sqsEnv),
                () -> StepFunctionsClients.fromEnvironment(workflowEnvironment(env, workflow), HttpClient.newHttpClient(),
                        Clock.systemUTC(), Sleeper.REAL));
        return new LocalFunction(TemplateSettings.ONBOARDING, new OnboardingQueueHandler(runtime), counters);
    }

    /** The local workflow's endpoint, and keys for the signature nobody checks there. */
    private static Map<String, String> workflowEnvironment(Map<String, String> env, LocalWorkflow workflow) {
        Map<String, String> withWorkflow = new LinkedHashMap<>(env);
        withWorkflow.put("AWS_ENDPOINT_URL_SFN", workflow.endpoint().toString());
        withWorkflow.putIfAbsent("AWS_ACCESS_KEY_ID", "local");
        withWorkflow.putIfAbsent("AWS_SECRET_ACCESS_KEY", "local");
        return withWorkflow;
    }

    /**
     * Powertools takes the namespace from the process environment, which in Lambda is the function's;
     * here the function's environment is a map, so the namespace is set from it.
     */
    private static FunctionCounters counters(Map<String, String> env) {
        Metrics metrics = ProvisioningMetrics.fromEnvironment(env).powertools();
        String namespace = env.get("POWERTOOLS_METRICS_NAMESPACE");
        metrics.setNamespace(namespace == null || namespace.isBlank() ? ProvisioningMetrics.DEFAULT_NAMESPACE : namespace);
        return new FunctionCounters(metrics);
    }

    /** As the handler's Lambda constructor builds it, with the counters on its metrics and sleeps. */
    private static ProvisioningRuntime.Builder runtime(Map<String, String> env, FunctionCounters counters) {
        return ProvisioningRuntime.builder(env).sleeper(counters.sleeper(Sleeper.REAL))
                .metrics(new ProvisioningMetrics(counters));
    }
}
