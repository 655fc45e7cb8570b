package dev.oktaprov.aws;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A regional AWS service's endpoint as the AWS SDK's endpoint rules give it: the partition's DNS
 * suffix chosen by the region's name, {@code -fips} in the host when {@code AWS_USE_FIPS_ENDPOINT} is
 * true, the dual-stack suffix when {@code AWS_USE_DUALSTACK_ENDPOINT} is true. Written for Secrets
 * Manager (AwsEndpointsTest holds it to the SDK's rules for that service).
 */
public final class AwsEndpoints {

    private record Partition(Pattern regions, String dnsSuffix, String dualStackSuffix, String fipsDualStackSuffix) {

        Partition(Pattern regions, String dnsSuffix, String dualStackSuffix) {
            this(regions, dnsSuffix, dualStackSuffix, dualStackSuffix);
        }
    }

    /**
     * The partitions of the SDK's partition data; a region no pattern matches is in "aws", as there.
     * Secrets Manager's own endpoints answer over IPv6 in aws, aws-cn and aws-us-gov, so its rules keep
     * the usual suffix for dual-stack there (and for FIPS dual-stack in aws and aws-us-gov).
     */
    private static final List<Partition> PARTITIONS = List.of(
            new Partition(Pattern.compile("^cn-\\w+-\\d+$"), "amazonaws.com.cn", "amazonaws.com.cn", "api.amazonwebservices.com.cn"),
            new Partition(Pattern.compile("^us-gov-\\w+-\\d+$"), "amazonaws.com", "amazonaws.com"),
            new Partition(Pattern.compile("^us-iso-\\w+-\\d+$"), "c2s.ic.gov", "api.aws.ic.gov"),
            new Partition(Pattern.compile("^us-isob-\\w+-\\d+$"), "sc2s.sgov.gov", "api.aws.scloud"),
            new Partition(Pattern.compile("^eu-isoe-\\w+-\\d+$"), "cloud.adc-e.uk", "api.cloud-aws.adc-e.uk"),
            new Partition(Pattern.compile("^us-isof-\\w+-\\d+$"), "csp.hci.ic.gov", "api.aws.hci.ic.gov"),
            new Partition(Pattern.compile("^eusc-de-\\w+-\\d+$"), "amazonaws.eu", "api.amazonwebservices.eu"));
    private static final Partition AWS = new Partition(null, "amazonaws.com", "amazonaws.com");

    private AwsEndpoints() {}

    /** e.g. {@code https://secretsmanager.eu-west-1.amazonaws.com}. */
    public static URI regional(String service, String region, boolean fips, boolean dualStack) {
        Partition partition = PARTITIONS.stream().filter(p -> p.regions().matcher(region).matches()).findFirst().orElse(AWS);
        return URI.create("https://" + service + (fips ? "-fips." : ".") + region + "."
                + (!dualStack ? partition.dnsSuffix() : fips ? partition.fipsDualStackSuffix() : partition.dualStackSuffix()));
    }
}
