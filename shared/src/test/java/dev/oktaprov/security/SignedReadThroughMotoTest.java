package dev.oktaprov.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oktaprov.aws.SecretsManagerClients;
import dev.oktaprov.credentials.SecretsManagerCredentialSource;
import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.testsupport.MotoServer;
import dev.oktaprov.testsupport.SecretsManagerAdmin;
import dev.oktaprov.time.Deadline;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The project's signed {@code GetSecretValue} judged by a server that checks signatures as AWS does:
 * moto_server with authentication on, the key an IAM user's, allowed by a policy. A correct
 * signature reads the secret; the same request signed with a wrong secret key is refused, as a
 * configuration error (nothing sent to Okta).
 */
class SignedReadThroughMotoTest {

    /** What the test creates before moto starts checking: user, key, policy, attachment, secret. */
    private static final int SETUP_ACTIONS = 5;
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\"}]}";

    @Test
    void motoAcceptsTheSignatureOfAnIamUsersKeyAndRefusesAWrongSecretKey() {
        try (MotoServer moto = MotoServer.startCheckingSignatures(SETUP_ACTIONS);
                IamClient iam = IamClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.AWS_GLOBAL)
                        .endpointOverride(URI.create(moto.environment().get("AWS_ENDPOINT_URL")))
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY)))
                        .build();
                SecretsManagerClient admin = SecretsManagerAdmin.fromEnvironment(moto.environment())) {
            iam.createUser(b -> b.userName("okta-provisioning"));
            AccessKey key = iam.createAccessKey(b -> b.userName("okta-provisioning")).accessKey();
            String policy = iam.createPolicy(b -> b.policyName("read-okta-secret").policyDocument(POLICY)).policy().arn();
            iam.attachUserPolicy(b -> b.userName("okta-provisioning").policyArn(policy));
            admin.createSecret(b -> b.name("okta/provisioning").secretString("{\"apiToken\":\"00signed-read\"}"));

            SecretsManagerCredentialSource signedRight = source(moto, key.accessKeyId(), key.secretAccessKey());
            SecretsManagerCredentialSource signedWrong = source(moto, key.accessKeyId(), "not-" + key.secretAccessKey());

            assertThat(signedRight.authorizationHeader(Deadline.none())).isEqualTo("SSWS 00signed-read");
            ConfigurationException refused = catchThrowableOfType(ConfigurationException.class,
                    () -> signedWrong.authorizationHeader(Deadline.none()));
            assertThat(refused.getMessage()).contains("Secrets Manager refused to read").contains("HTTP 403")
                    .doesNotContain(key.secretAccessKey());
        }
    }

    private static SecretsManagerCredentialSource source(MotoServer moto, String accessKey, String secretKey) {
        Map<String, String> env = new HashMap<>(moto.environment());
        env.put("AWS_ACCESS_KEY_ID", accessKey);
        env.put("AWS_SECRET_ACCESS_KEY", secretKey);
        HttpClient http = OktaClient.defaultHttpClient(Duration.ofSeconds(2));
        return new SecretsManagerCredentialSource("okta/provisioning", () -> SecretsManagerClients.fromEnvironment(env, http),
                Duration.ofMinutes(5), Clock.systemUTC());
    }
}
