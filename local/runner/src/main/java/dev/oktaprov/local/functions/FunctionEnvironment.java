package dev.oktaprov.local.functions;

import dev.oktaprov.local.TemplateSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment variables each local function gets, in the order Lambda would settle them: the
 * template's globals, then the variables of the user's shell that the functions read (so a setting
 * can be changed for one run, e.g. {@code OKTA_RATE_LIMIT_SHARE=100 ./run-local}), then what only the
 * runner decides (the org's URL and token, the local DLQ's URL, the region, and what its options set).
 */
public final class FunctionEnvironment {

    /** Shell variables passed on to the functions: the ones their configuration reads. */
    static final List<String> PASSED_PREFIXES = List.of("OKTA_", "ONBOARDING_", "POWERTOOLS_", "AWS_");
    static final List<String> PASSED_NAMES = List.of("SECRET_CACHE_TTL_SECONDS", "DEADLINE_SAFETY_MARGIN_MS");
    /** Decided by the runner: the org and its credentials, and the SQS endpoint the runner chose. */
    static final List<String> NEVER_PASSED = List.of("OKTA_ORG_URL", "OKTA_API_TOKEN", "OKTA_SECRET_ID",
            "ONBOARDING_DLQ_URL", "AWS_ENDPOINT_URL_SQS", "ONBOARDING_STATE_MACHINE_ARN", "AWS_ENDPOINT_URL_SFN");

    private final Map<String, String> shell;
    private final OktaTarget okta;
    private final String region;

    /**
     * @param shell the runner's own environment
     * @param region the region the local queues live in; null leaves {@code AWS_REGION} as the shell has it
     */
    public FunctionEnvironment(Map<String, String> shell, OktaTarget okta, String region) {
        this.shell = Map.copyOf(shell);
        this.okta = okta;
        this.region = region;
    }

    /** The environment of an API function (create, get, list). */
    public Map<String, String> apiFunction() {
        return environment(Map.of(), Map.of());
    }

    /**
     * The onboarding function's environment.
     *
     * @param stateMachineArn the local onboarding workflow's
     * @param runnerSettings values the runner chose for this run (the retry backoff, from its options)
     */
    public Map<String, String> onboarding(String deadLetterQueueUrl, String stateMachineArn, Map<String, String> runnerSettings) {
        Map<String, String> decided = new LinkedHashMap<>(runnerSettings);
        decided.put("ONBOARDING_DLQ_URL", deadLetterQueueUrl);
        decided.put("ONBOARDING_STATE_MACHINE_ARN", stateMachineArn);
        return environment(TemplateSettings.ONBOARDING_ENVIRONMENT, decided);
    }

    private Map<String, String> environment(Map<String, String> templateFunctionVariables, Map<String, String> decided) {
        Map<String, String> env = new LinkedHashMap<>(TemplateSettings.GLOBAL_ENVIRONMENT);
        env.putAll(templateFunctionVariables);
        shell.forEach((name, value) -> {
            if (passed(name)) {
                env.put(name, value);
            }
        });
        if (region != null) {
            env.put("AWS_REGION", region);
        }
        env.putAll(okta.environment());
        env.putAll(decided);
        return env;
    }

    private static boolean passed(String name) {
        if (NEVER_PASSED.contains(name)) {
            return false;
        }
        return PASSED_NAMES.contains(name) || PASSED_PREFIXES.stream().anyMatch(name::startsWith);
    }
}
