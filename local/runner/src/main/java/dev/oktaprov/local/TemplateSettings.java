package dev.oktaprov.local;

import dev.oktaprov.local.functions.FunctionSpec;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code template.yaml} sets, as the local set mirrors it: the functions' timeouts and memory,
 * the HTTP API's routes, the event source mapping and queue settings (parameter defaults), and the
 * environment every function gets. The runner keeps copies rather than parsing the template at
 * start (no YAML library on its class path); {@code TemplateSettingsTest} fails when the two part.
 */
public final class TemplateSettings {

    public static final FunctionSpec CREATE_USER =
            new FunctionSpec("create-user", "dev.oktaprov.createuser.CreateUserHandler", Duration.ofSeconds(20), 1024);
    public static final FunctionSpec GET_USER =
            new FunctionSpec("get-user", "dev.oktaprov.getuser.GetUserHandler", Duration.ofSeconds(20), 1024);
    public static final FunctionSpec LIST_USERS =
            new FunctionSpec("list-users", "dev.oktaprov.listusers.ListUsersHandler", Duration.ofSeconds(20), 1024);
    public static final FunctionSpec ONBOARDING =
            new FunctionSpec("onboarding", "dev.oktaprov.onboarding.OnboardingQueueHandler", Duration.ofSeconds(90), 768);

    /** The HTTP API's routes ({@code Method Path}) and the function behind each. */
    public static final Map<String, FunctionSpec> ROUTES = routes();

    /** {@code OnboardingBatchSize}'s default. */
    public static final int BATCH_SIZE = 10;
    /** {@code OnboardingBatchingWindowSeconds}'s default. */
    public static final int BATCHING_WINDOW_SECONDS = 5;
    /** {@code OnboardingConcurrency}'s default: the mapping's maximum concurrency. */
    public static final int MAXIMUM_CONCURRENCY = 2;
    /** {@code MaxReceiveCount}'s default: the queue's RedrivePolicy. */
    public static final int MAX_RECEIVE_COUNT = 5;
    /** The onboarding queue's {@code VisibilityTimeout}. */
    public static final int VISIBILITY_TIMEOUT_SECONDS = 840;
    /** The onboarding function's {@code RecursiveLoop}: it sends throttled hires back to its own queue. */
    public static final String ONBOARDING_RECURSIVE_LOOP = "Allow";

    /** {@code Globals.Function.Environment} with the parameters' defaults (OKTA_ORG_URL and the secret aside). */
    public static final Map<String, String> GLOBAL_ENVIRONMENT = globalEnvironment();
    /** The onboarding function's own variables (ONBOARDING_DLQ_URL aside: the local DLQ's URL). */
    public static final Map<String, String> ONBOARDING_ENVIRONMENT = Map.of("ONBOARDING_PARALLELISM", "4");

    private TemplateSettings() {}

    private static Map<String, FunctionSpec> routes() {
        Map<String, FunctionSpec> routes = new LinkedHashMap<>();
        routes.put("POST /users", CREATE_USER);
        routes.put("GET /users/{id+}", GET_USER);
        routes.put("GET /users", LIST_USERS);
        return Collections.unmodifiableMap(routes);
    }

    private static Map<String, String> globalEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OKTA_RATE_LIMIT_SHARE", "50");
        env.put("OKTA_MAX_ATTEMPTS", "4");
        env.put("OKTA_REQUEST_TIMEOUT_MS", "10000");
        env.put("SECRET_CACHE_TTL_SECONDS", "300");
        env.put("DEADLINE_SAFETY_MARGIN_MS", "1500");
        env.put("POWERTOOLS_SERVICE_NAME", "okta-provisioning");
        env.put("POWERTOOLS_METRICS_NAMESPACE", "OktaProvisioning");
        env.put("POWERTOOLS_LOG_LEVEL", "INFO");
        return Collections.unmodifiableMap(env);
    }

    /** Every function the template deploys. */
    public static List<FunctionSpec> functions() {
        return List.of(CREATE_USER, GET_USER, LIST_USERS, ONBOARDING);
    }
}
