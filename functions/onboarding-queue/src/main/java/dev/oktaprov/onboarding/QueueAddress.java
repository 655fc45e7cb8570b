package dev.oktaprov.onboarding;

import java.net.URI;
import java.util.Optional;

/**
 * A queue named by its ARN ({@code arn:aws:sqs:us-east-1:123456789012:onboarding}), the way an event
 * record names its source. The URL is derived rather than looked up: no GetQueueUrl call, no extra
 * permission.
 */
record QueueAddress(String partition, String region, String accountId, String name) {

    static QueueAddress fromArn(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", -1);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("sqs")
                || parts[3].isEmpty() || parts[4].isEmpty() || parts[5].isEmpty()) {
            throw new IllegalArgumentException("not an SQS queue ARN: " + arn);
        }
        return new QueueAddress(parts[1], parts[3], parts[4], parts[5]);
    }

    boolean fifo() {
        return name.endsWith(".fifo");
    }

    /**
     * The queue's URL: under {@code endpointOverride} when the client has one (ElasticMQ, moto and
     * LocalStack all serve {@code <endpoint>/<account>/<name>}), else the regional SQS endpoint.
     */
    String url(Optional<URI> endpointOverride) {
        if (endpointOverride.isPresent()) {
            String base = endpointOverride.get().toString();
            return (base.endsWith("/") ? base : base + "/") + accountId + "/" + name;
        }
        String domain = partition.equals("aws-cn") ? "amazonaws.com.cn" : "amazonaws.com";
        return "https://sqs." + region + "." + domain + "/" + accountId + "/" + name;
    }
}
