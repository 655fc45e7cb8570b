package dev.oktaprov.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.endpoints.SecretsManagerEndpointProvider;

/** Secrets Manager's endpoint for a region, as the AWS SDK's own endpoint rules give it (the judge). */
class AwsEndpointsTest {

    static Stream<Arguments> regions() {
        return Stream.of("us-east-1", "eu-west-1", "ap-southeast-7", "mx-central-1", "cn-north-1", "us-gov-west-1",
                        "us-iso-east-1", "us-isob-east-1", "eu-isoe-west-1", "us-isof-south-1", "eusc-de-east-1", "xx-future-1")
                .flatMap(region -> Stream.of(Arguments.of(region, false, false), Arguments.of(region, true, false),
                        Arguments.of(region, false, true), Arguments.of(region, true, true)));
    }

    @ParameterizedTest(name = "{0} fips={1} dualStack={2}")
    @MethodSource("regions")
    void theSameEndpointAsTheAwsSdk(String region, boolean fips, boolean dualStack) {
        URI sdk;
        try {
            sdk = SecretsManagerEndpointProvider.defaultProvider()
                    .resolveEndpoint(p -> p.region(Region.of(region)).useFips(fips).useDualStack(dualStack)).join().url();
        } catch (CompletionException | SdkClientException e) {
            // A combination the partition does not offer: the SDK refuses it, and so does AWS's DNS.
            return;
        }
        assertThat(AwsEndpoints.regional("secretsmanager", region, fips, dualStack)).isEqualTo(sdk);
    }
}
