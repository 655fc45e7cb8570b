package dev.oktaprov.local.sqs;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A real SQS for tests and local runs: ElasticMQ embedded in this JVM on 127.0.0.1 and a free port,
 * or, when {@code AWS_ENDPOINT_URL} is set, whatever SQS implementation that names (moto_server,
 * LocalStack), in which case nothing is started here.
 *
 * <p>Queues are created the way the SAM template creates them: a dead-letter queue keeping messages
 * 14 days, and a source queue whose RedrivePolicy moves a message there after
 * {@code maxReceiveCount} receives.
 */
public final class LocalSqs implements AutoCloseable {

    static final String DEFAULT_REGION = "us-east-1";
    static final Duration DLQ_RETENTION = Duration.ofDays(14);

    // Helpers hold what they received this long, so a receive loop never sees the same message twice.
    private static final int HELPER_HOLD_SECONDS = 30;
    private static final int MAX_MESSAGES_PER_CALL = 10;

    private final URI endpoint;
    /** The key id and secret key of the local queues: any SQS stand-in accepts any key. */
    public static final String ACCESS_KEY = "local";

    private final String region;
    private final SqsClient client;
    private final EmbeddedElasticMq embedded;

    private LocalSqs(URI endpoint, String region, EmbeddedElasticMq embedded) {
        this.endpoint = endpoint;
        this.region = region;
        this.embedded = embedded;
        this.client = SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region))
                // Static keys keep the SDK off the default chain.
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, ACCESS_KEY)))
                .endpointOverride(endpoint)
                .build();
    }

    /** Reads {@code AWS_ENDPOINT_URL} and {@code AWS_REGION} from the process environment. */
    public static LocalSqs start() {
        return start(System.getenv());
    }

    /**
     * @param env environment variables: {@code AWS_ENDPOINT_URL} (use that SQS, start nothing) and
     *     {@code AWS_REGION} (default us-east-1)
     */
    public static LocalSqs start(Map<String, String> env) {
        String region = nonBlank(env.get("AWS_REGION"), DEFAULT_REGION);
        String externalEndpoint = env.get("AWS_ENDPOINT_URL");
        if (externalEndpoint != null && !externalEndpoint.isBlank()) {
            return new LocalSqs(URI.create(externalEndpoint.strip()), region, null);
        }
        EmbeddedElasticMq elasticMq = EmbeddedElasticMq.start(region);
        try {
            return new LocalSqs(elasticMq.endpoint(), region, elasticMq);
        } catch (RuntimeException e) {
            elasticMq.close();
            throw e;
        }
    }

    /** The SQS endpoint: the embedded ElasticMQ's, or {@code AWS_ENDPOINT_URL}. */
    public URI endpoint() {
        return endpoint;
    }

    public String region() {
        return region;
    }

    /** True when this instance runs ElasticMQ itself (no {@code AWS_ENDPOINT_URL} was given). */
    public boolean isEmbedded() {
        return embedded != null;
    }

    /** A client for {@link #endpoint()}; closed by {@link #close()}. */
    public SqsClient client() {
        return client;
    }

    /**
     * Creates (or, with the same attributes, finds) a source queue and its dead-letter queue.
     *
     * <p>Names: {@code name} and {@code name-dlq}; for FIFO, {@code name.fifo} and
     * {@code name-dlq.fifo} ({@code name} may already end with {@code .fifo}). FIFO queues are
     * created without content-based deduplication: senders give a MessageDeduplicationId.
     *
     * @param maxReceiveCount receives after which SQS moves a message to the DLQ (1 to 1000)
     * @param visibilityTimeout the source queue's visibility timeout, whole seconds (0 to 12 h)
     */
    public QueuePair createQueueWithDlq(String name, int maxReceiveCount, Duration visibilityTimeout, boolean fifo) {
        Objects.requireNonNull(name, "name");
        if (maxReceiveCount < 1 || maxReceiveCount > 1000) {
            throw new IllegalArgumentException("maxReceiveCount must be 1 to 1000, was " + maxReceiveCount);
        }
        int visibilitySeconds = wholeSeconds(visibilityTimeout, "visibilityTimeout");
        if (visibilitySeconds > Duration.ofHours(12).toSeconds()) {
            throw new IllegalArgumentException("visibilityTimeout must be at most 12 hours");
        }
        String baseName = name.endsWith(".fifo") ? name.substring(0, name.length() - ".fifo".length()) : name;
        String suffix = fifo ? ".fifo" : "";

        Map<QueueAttributeName, String> dlqAttributes = new LinkedHashMap<>();
        dlqAttributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, Long.toString(DLQ_RETENTION.toSeconds()));
        if (fifo) {
            dlqAttributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        String dlqUrl = client.createQueue(b -> b.queueName(baseName + "-dlq" + suffix).attributes(dlqAttributes))
                .queueUrl();
        String dlqArn = queueArn(dlqUrl);

        Map<QueueAttributeName, String> queueAttributes = new LinkedHashMap<>();
        queueAttributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilitySeconds));
        queueAttributes.put(QueueAttributeName.REDRIVE_POLICY, redrivePolicy(dlqArn, maxReceiveCount));
        if (fifo) {
            queueAttributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        String queueUrl = client.createQueue(b -> b.queueName(baseName + suffix).attributes(queueAttributes))
                .queueUrl();
        return new QueuePair(queueUrl, queueArn(queueUrl), dlqUrl, dlqArn);
    }

    /** The queue's ARN, as SQS reports it (attribute {@code QueueArn}). */
    public String queueArn(String queueUrl) {
        return attribute(queueUrl, QueueAttributeName.QUEUE_ARN);
    }

    /** The queue's attribute as SQS reports it, or null when it has none. */
    public String attribute(String queueUrl, QueueAttributeName name) {
        return client.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(name))
                .attributes().get(name);
    }

    /** Messages the queue holds: visible, in flight (received, not deleted) and delayed. */
    public long approximateCount(String queueUrl) {
        Map<QueueAttributeName, String> attributes = client.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return attributes.values().stream().mapToLong(Long::parseLong).sum();
    }

    /**
     * Receives every visible message and deletes it: the queue's visible messages are consumed.
     * Messages come with all system attributes and all message attributes.
     *
     * <p>Stops at the first empty receive: exact on ElasticMQ and moto, which always answer from the
     * whole queue (real SQS short polling samples a subset of its servers). In-flight and delayed
     * messages are not returned.
     */
    public List<Message> receiveAll(String queueUrl) {
        List<Message> received = new ArrayList<>();
        for (List<Message> batch = receiveBatch(queueUrl); !batch.isEmpty(); batch = receiveBatch(queueUrl)) {
            received.addAll(batch);
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i)).receiptHandle(batch.get(i).receiptHandle()).build());
            }
            client.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        }
        return received;
    }

    /**
     * Receives every visible message and makes each visible again at once: the messages stay.
     *
     * <p>A peek is still a receive: each message's {@code ApproximateReceiveCount} goes up, so on a
     * queue with a RedrivePolicy peeking can move messages to its DLQ. Meant for DLQs and for tests
     * that count receives. Same completeness as {@link #receiveAll(String)}.
     */
    public List<Message> peekAll(String queueUrl) {
        List<Message> received = new ArrayList<>();
        for (List<Message> batch = receiveBatch(queueUrl); !batch.isEmpty(); batch = receiveBatch(queueUrl)) {
            received.addAll(batch);
        }
        for (int from = 0; from < received.size(); from += MAX_MESSAGES_PER_CALL) {
            List<Message> chunk = received.subList(from, Math.min(from + MAX_MESSAGES_PER_CALL, received.size()));
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id(Integer.toString(i)).receiptHandle(chunk.get(i).receiptHandle())
                        .visibilityTimeout(0).build());
            }
            client.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(entries));
        }
        return received;
    }

    /** Stops the embedded ElasticMQ, if this instance started one, and closes the client. */
    @Override
    public void close() {
        try {
            client.close();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private List<Message> receiveBatch(String queueUrl) {
        return client.receiveMessage(b -> b.queueUrl(queueUrl)
                .maxNumberOfMessages(MAX_MESSAGES_PER_CALL)
                .waitTimeSeconds(0)
                .visibilityTimeout(HELPER_HOLD_SECONDS)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
    }

    // The same JSON the template's RedrivePolicy property produces.
    static String redrivePolicy(String deadLetterTargetArn, int maxReceiveCount) {
        return "{\"deadLetterTargetArn\":\"" + deadLetterTargetArn + "\",\"maxReceiveCount\":" + maxReceiveCount + "}";
    }

    static int wholeSeconds(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.toNanosPart() != 0) {
            throw new IllegalArgumentException(what + " must be a non-negative whole number of seconds, was " + duration);
        }
        return Math.toIntExact(duration.toSeconds());
    }

    private static String nonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
