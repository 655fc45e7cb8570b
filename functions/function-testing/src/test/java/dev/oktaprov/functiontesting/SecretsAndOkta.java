package dev.oktaprov.functiontesting;

import dev.oktaprov.credentials.Secret;
import dev.oktaprov.credentials.StaticTokenCredentialSource;
import dev.oktaprov.okta.CredentialSource;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.runtime.ProvisioningConfig;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.testsupport.MotoServer;
import dev.oktaprov.testsupport.SecretsManagerAdmin;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secrets Manager (moto_server) and the Okta simulator on loopback, and runtimes built on them the
 * way Lambda builds them: for the handler scenarios that run with an API token or a stored secret.
 */
public final class SecretsAndOkta implements AutoCloseable {

    private final MotoServer moto;
    private final SecretsManagerClient secrets;
    private final OktaSimulator okta;

    private SecretsAndOkta(MotoServer moto, SecretsManagerClient secrets, OktaSimulator okta) {
        this.moto = moto;
        this.secrets = secrets;
        this.okta = okta;
    }

    public static SecretsAndOkta start() {
        MotoServer moto = MotoServer.start();
        return new SecretsAndOkta(moto, SecretsManagerAdmin.fromEnvironment(moto.environment()),
                OktaSimulator.start(SimulatorOptions.defaults()));
    }

    public OktaSimulator okta() {
        return okta;
    }

    /** A runtime whose client sends {@code token}, known to Okta or not. */
    public ProvisioningRuntime withToken(String token) {
        return runtime(new StaticTokenCredentialSource(Secret.of(token)));
    }

    /** A runtime whose client gets its header from {@code credentials}, checked by nothing but the client. */
    public ProvisioningRuntime runtime(CredentialSource credentials) {
        return runtime(env("unused")).credentials(credentials).build();
    }

    /** As Lambda builds it for a local run: {@code OKTA_API_TOKEN} in the environment. Throws what init would. */
    public ProvisioningRuntime withTokenFromEnvironment(String token, List<String> defaultScopes) {
        Map<String, String> env = env("unused");
        env.remove(ProvisioningConfig.OKTA_SECRET_ID);
        env.put(ProvisioningConfig.OKTA_API_TOKEN, token);
        return ProvisioningRuntime.builder(env).scopes(defaultScopes).build();
    }

    /** As Lambda builds it: {@code secretText} stored in Secrets Manager, the production credential source. */
    public ProvisioningRuntime withSecret(String secretText, List<String> defaultScopes) {
        String secretId = "okta/provisioning/" + UUID.randomUUID();
        secrets.createSecret(b -> b.name(secretId).secretString(secretText));
        return runtime(env(secretId)).scopes(defaultScopes).build();
    }

    private Map<String, String> env(String secretId) {
        Map<String, String> env = new HashMap<>(moto.environment());
        env.put(ProvisioningConfig.OKTA_ORG_URL, okta.baseUrl());
        env.put(ProvisioningConfig.OKTA_SECRET_ID, secretId);
        env.put(ProvisioningConfig.OKTA_MAX_ATTEMPTS, "2");
        return env;
    }

    /** Two attempts per Okta call and a sleeper that does not sleep. */
    private static ProvisioningRuntime.Builder runtime(Map<String, String> env) {
        return ProvisioningRuntime.builder(env).http(OktaClient.defaultHttpClient(Duration.ofSeconds(2)))
                .sleeper(wait -> { })
                .random(RandomGenerator.of("L64X128MixRandom"));
    }

    @Override
    public void close() {
        okta.close();
        secrets.close();
        moto.close();
    }
}
