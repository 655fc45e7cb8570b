package dev.oktaprov.local.sqs;

import java.util.Objects;

/**
 * A source queue and the dead-letter queue its RedrivePolicy points at.
 *
 * @param queueUrl URL of the source queue (what producers send to and the poller receives from)
 * @param queueArn ARN of the source queue (the event source ARN of a mapping)
 * @param dlqUrl URL of the dead-letter queue
 * @param dlqArn ARN of the dead-letter queue (the {@code deadLetterTargetArn} of the RedrivePolicy)
 */
public record QueuePair(String queueUrl, String queueArn, String dlqUrl, String dlqArn) {

    public QueuePair {
        Objects.requireNonNull(queueUrl, "queueUrl");
        Objects.requireNonNull(queueArn, "queueArn");
        Objects.requireNonNull(dlqUrl, "dlqUrl");
        Objects.requireNonNull(dlqArn, "dlqArn");
    }
}
