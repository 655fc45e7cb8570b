package dev.oktaprov.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A queue given by URL ({@code onboard --queue-url}): the deployed one, with the default credential
 * chain and the region its URL names; or the queue of a {@code ./run-local} running on this machine
 * (a loopback URL), with the placeholder credentials local SQS implementations accept.
 */
final class DeployedQueues {

    private static final Pattern SQS_HOST = Pattern.compile("sqs[.-]([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?");
    private static final Pattern LEGACY_HOST = Pattern.compile("([a-z0-9-]+)\\.queue\\.amazonaws\\.com(\\.cn)?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeployedQueues() {}

    static boolean isLoopback(String queueUrl) {
        String host = URI.create(queueUrl).getHost();
        return host != null && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1"));
    }

    static SqsClient client(String queueUrl, Map<String, String> env) {
        URI url = parsed(queueUrl);
        if (url == null || url.getScheme() == null || url.getHost() == null) {
            throw new IllegalArgumentException("--queue-url must be a queue URL, e.g. "
                    + "https://sqs.us-east-1.amazonaws.com/123456789012/okta-provisioning-onboarding");
        }
        SqsClientBuilder builder = SqsClient.builder().httpClient(UrlConnectionHttpClient.create());
        if (isLoopback(queueUrl)) {
            return builder.endpointOverride(URI.create(url.getScheme() + "://" + url.getRawAuthority()))
                    .region(Region.of(env.getOrDefault("AWS_REGION", "us-east-1")))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .build();
        }
        regionOf(url.getHost()).ifPresent(region -> builder.region(Region.of(region)));
        return builder.credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
    }

    private static URI parsed(String queueUrl) {
        try {
            return URI.create(queueUrl);
        } catch (IllegalArgumentException e) {
            // URI's own text ("Illegal character in path at index 3") does not say what was expected.
            return null;
        }
    }

    /** The region in {@code sqs.<region>.amazonaws.com} (or the legacy {@code <region>.queue.amazonaws.com}). */
    static Optional<String> regionOf(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        for (Pattern pattern : new Pattern[] {SQS_HOST, LEGACY_HOST}) {
            Matcher matcher = pattern.matcher(lower);
            if (matcher.matches()) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }

    /** The URL of the queue's dead-letter queue, from its RedrivePolicy; empty when it has none. */
    static Optional<String> deadLetterQueueOf(SqsClient sqs, String queueUrl) {
        String policy = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                .attributes().get(QueueAttributeName.REDRIVE_POLICY);
        if (policy == null || policy.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode target = JSON.readTree(policy).path("deadLetterTargetArn");
            String[] arn = target.asText("").split(":", 6);
            if (arn.length != 6 || !arn[2].equals("sqs")) {
                return Optional.empty();
            }
            String account = arn[4];
            String name = arn[5];
            return Optional.of(sqs.getQueueUrl(b -> b.queueName(name).queueOwnerAWSAccountId(account)).queueUrl());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
