package dev.oktaprov.template;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * THE list of environment variables each handler's code reads (the one place to change when the
 * code starts or stops reading one). Reconcile it with dev.oktaprov.runtime's configuration
 * classes and the onboarding handler.
 */
final class RequiredEnvironment {

    /** Read by the runtime layer every function shares. */
    static final Set<String> EVERY_FUNCTION = Set.of(
            "OKTA_ORG_URL",
            "OKTA_SECRET_ID",
            "OKTA_RATE_LIMIT_SHARE",
            "OKTA_MAX_ATTEMPTS",
            "OKTA_REQUEST_TIMEOUT_MS",
            "SECRET_CACHE_TTL_SECONDS",
            "DEADLINE_SAFETY_MARGIN_MS",
            "POWERTOOLS_SERVICE_NAME",
            "POWERTOOLS_METRICS_NAMESPACE",
            "POWERTOOLS_LOG_LEVEL");

    static final Map<String, Set<String>> BY_HANDLER_CLASS = Map.of(
            "dev.oktaprov.createuser.CreateUserHandler", EVERY_FUNCTION,
            "dev.oktaprov.getuser.GetUserHandler", EVERY_FUNCTION,
            "dev.oktaprov.listusers.ListUsersHandler", EVERY_FUNCTION,
            "dev.oktaprov.activateuser.ActivateUserHandler", EVERY_FUNCTION,
            "dev.oktaprov.onboarding.OnboardingQueueHandler",
            plus(EVERY_FUNCTION, "ONBOARDING_DLQ_URL", "ONBOARDING_PARALLELISM", "ONBOARDING_STATE_MACHINE_ARN"));

    /** Local runs only: a deployed function reads its credentials from Secrets Manager. */
    static final Set<String> NEVER_DEPLOYED = Set.of("OKTA_API_TOKEN");

    private RequiredEnvironment() {
    }

    private static Set<String> plus(Set<String> base, String... more) {
        return Stream.concat(base.stream(), Stream.of(more)).collect(Collectors.toUnmodifiableSet());
    }
}
