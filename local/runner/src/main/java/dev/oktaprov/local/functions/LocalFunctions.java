package dev.oktaprov.local.functions;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.oktaprov.createuser.CreateUserHandler;
import dev.oktaprov.getuser.GetUserHandler;
import dev.oktaprov.listusers.ListUsersHandler;
import dev.oktaprov.local.TemplateSettings;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.okta.auth.OAuthScopes;
import dev.oktaprov.onboarding.OnboardingQueueHandler;
import dev.oktaprov.onboarding.OnboardingRuntime;
import dev.oktaprov.onboarding.OnboardingSettings;
import dev.oktaprov.ratelimit.Sleeper;
import dev.oktaprov.runtime.ProvisioningConfig;
import dev.oktaprov.runtime.ProvisioningMetrics;
import dev.oktaprov.runtime.ProvisioningRuntime;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.lambda.powertools.metrics.Metrics;

/**
 * The template's four handlers, built the way their Lambda constructors build them, from an explicit
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
            case "create-user" -> new CreateUserHandler(runtime(env, counters, OAuthScopes.CREATE_USERS));
            case "get-user" -> new GetUserHandler(runtime(env, counters, OAuthScopes.READ_USERS));
            case "list-users" -> new ListUsersHandler(runtime(env, counters, OAuthScopes.READ_USERS));
            default -> throw new IllegalArgumentException("not an API function: " + spec.name());
        };
        return new LocalFunction(spec, handler, counters);
    }

    /**
     * The onboarding function.
     *
     * @param sqs its SQS client (DLQ sends, visibility changes): one for the local queues' endpoint
     */
    public static LocalFunction onboarding(FunctionEnvironment environment,
            String deadLetterQueueUrl, Map<String, String> localSettings, SqsClient sqs) {
        Map<String, String> env = environment.onboarding(deadLetterQueueUrl, localSettings);
        FunctionCounters counters = counters(env);
        ProvisioningRuntime provisioning = runtime(env, counters, OAuthScopes.CREATE_USERS);
        OnboardingRuntime runtime = new OnboardingRuntime(provisioning, OnboardingSettings.fromEnvironment(env),
                () -> sqs, new Random());
        return new LocalFunction(TemplateSettings.ONBOARDING, new OnboardingQueueHandler(runtime), counters);
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

    /**
     * As the handler's Lambda constructor builds it ({@link ProvisioningRuntime#fromEnvironment(Map, List)}
     * with the function's OAuth scopes), with the counters on its metrics and sleeps.
     */
    private static ProvisioningRuntime runtime(Map<String, String> env, FunctionCounters counters, List<String> scopes) {
        ProvisioningConfig config = ProvisioningConfig.fromEnvironment(env);
        Clock clock = Clock.systemUTC();
        HttpClient http = OktaClient.defaultHttpClient(Duration.ofSeconds(5));
        return new ProvisioningRuntime(config, ProvisioningRuntime.credentialSource(config, env, clock, http, scopes), http,
                clock, counters.sleeper(Sleeper.REAL), new Random(), new ProvisioningMetrics(counters));
    }
}
