package dev.oktaprov.bench;

import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SeedData;
import dev.oktaprov.simulator.SeedGroup;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.testsupport.MotoServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Okta and AWS for the cold-start runs, on loopback: the Okta simulator in this JVM, seeded so that
 * each sample event finds what it asks for, and moto_server holding the Okta token as the template
 * stores it (a Secrets Manager secret {@code {"apiToken": …}}).
 *
 * <p>The seed: the group the create event names, the user the get event names (by id, under a
 * login of its own so that the create event's login is new) and 199 more users named Brock, so
 * the list event's filter has pages to walk and a 200-user page exists for the benchmarks.
 */
public final class LocalBackends implements AutoCloseable {

    public static final String ENGINEERING_GROUP_ID = "00g1emaKYZTWRYYRRTSK";
    public static final String SAMPLE_USER_ID = "00ub0oNGTSWTBKOLGLNR";
    public static final int BROCKS = 200;
    public static final String SECRET_NAME = "okta-provisioning/bench";

    private final OktaSimulator okta;
    private final MotoServer moto;

    private LocalBackends(OktaSimulator okta, MotoServer moto) {
        this.okta = okta;
        this.moto = moto;
    }

    public static LocalBackends start() {
        OktaSimulator okta = OktaSimulator.start(SimulatorOptions.defaults().withSeed(seed()));
        MotoServer moto = null;
        try {
            moto = MotoServer.start();
            try (SecretsManagerClient secrets = secretsManager(moto)) {
                String value = "{\"apiToken\":\"" + okta.token() + "\"}";
                try {
                    secrets.createSecret(b -> b.name(SECRET_NAME).secretString(value));
                } catch (software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException existing) {
                    secrets.putSecretValue(b -> b.secretId(SECRET_NAME).secretString(value));
                }
            }
            return new LocalBackends(okta, moto);
        } catch (RuntimeException e) {
            okta.close();
            if (moto != null) {
                moto.close();
            }
            throw e;
        }
    }

    public static SeedData seed() {
        List<SeedUser> users = new ArrayList<>();
        users.add(new SeedUser(SAMPLE_USER_ID, Map.of("login", "isaac.brock.hr@example.com", "email", "isaac.brock@example.com",
                "firstName", "Isaac", "lastName", "Brock", "department", "Engineering"), "ACTIVE", true,
                List.of(ENGINEERING_GROUP_ID), null, null));
        for (int i = 1; i < BROCKS; i++) {
            String login = String.format("brock.%03d@example.com", i);
            users.add(new SeedUser(null, Map.of("login", login, "email", login, "firstName", "Member" + i, "lastName", "Brock"),
                    "ACTIVE", true, List.of(), null, null));
        }
        return new SeedData(List.of(new SeedGroup(ENGINEERING_GROUP_ID, "Engineering", "All engineers", null)), users);
    }

    private static SecretsManagerClient secretsManager(MotoServer moto) {
        return SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(MotoServer.REGION))
                .endpointOverride(moto.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY)))
                .build();
    }

    public OktaSimulator okta() {
        return okta;
    }

    /** The region of the AWS parts (moto_server's). */
    public String region() {
        return MotoServer.REGION;
    }

    public URI awsEndpoint() {
        return moto.endpoint();
    }

    /**
     * The environment a function gets in Lambda, as far as this machine can give it: the template's
     * plain variables, the org, the secret's name (or the token itself for {@code viaToken}), the
     * region and the execution role's credentials (moto accepts any), and the Lambda variables the
     * runtime sets.
     */
    public Map<String, String> functionEnvironment(TemplateFacts template, String functionName, int memoryMb, boolean viaToken) {
        Map<String, String> env = new LinkedHashMap<>(template.plainEnvironment());
        env.remove("JAVA_TOOL_OPTIONS");
        env.put("OKTA_ORG_URL", okta.baseUrl());
        if (viaToken) {
            env.put("OKTA_API_TOKEN", okta.token());
        } else {
            env.put("OKTA_SECRET_ID", SECRET_NAME);
        }
        env.put("AWS_REGION", MotoServer.REGION);
        env.put("AWS_DEFAULT_REGION", MotoServer.REGION);
        env.put("AWS_ACCESS_KEY_ID", MotoServer.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", MotoServer.SECRET_KEY);
        env.put("AWS_SESSION_TOKEN", "bench-session-token");
        env.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
        env.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
        env.put("TZ", ":UTC");
        return env;
    }

    @Override
    public void close() {
        try {
            okta.close();
        } finally {
            moto.close();
        }
    }
}
