package dev.oktaprov.local.functions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Okta org the local functions talk to: the simulator started by the runner, or the user's own
 * org, and the variables that tell the functions so.
 *
 * @param orgUrl the org's origin
 * @param credentials {@code OKTA_API_TOKEN} or {@code OKTA_SECRET_ID} (exactly one), as the core reads them
 * @param simulated true for the runner's simulator
 */
public record OktaTarget(String orgUrl, Map<String, String> credentials, boolean simulated) {

    public OktaTarget {
        Objects.requireNonNull(orgUrl, "orgUrl");
        credentials = Map.copyOf(credentials);
    }

    public static OktaTarget simulator(String baseUrl, String token) {
        return new OktaTarget(baseUrl, Map.of("OKTA_API_TOKEN", token), true);
    }

    /** {@code OKTA_ORG_URL} and its credentials in the functions' environment. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OKTA_ORG_URL", orgUrl);
        env.putAll(credentials);
        return env;
    }

    /** Never the token. */
    @Override
    public String toString() {
        return "OktaTarget[" + orgUrl + (simulated ? ", simulator" : "") + ", " + credentials.keySet() + "]";
    }
}
