package dev.oktaprov.onboarding;

import static dev.oktaprov.onboarding.MessageAttributes.putNumber;
import static dev.oktaprov.onboarding.MessageAttributes.putText;

import dev.oktaprov.entrypoints.sqs.SqsMessageAttribute;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a permanently failed message to the DLQ ({@code ONBOARDING_DLQ_URL}) with its reason in
 * message attributes: {@code errorCode}, {@code errorMessage}, {@code oktaRequestId},
 * {@code attempts} (the receive count), {@code sourceMessageId}, {@code failedAt}, and, when the body
 * was cleaned, {@code removedFields} or {@code bodyWithheld} (see {@link DeadLetterBody}).
 */
final class DeadLetterQueue {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterQueue.class);
    private static final String FIFO_GROUP_FALLBACK = "onboarding-dead-letters";

    private final Supplier<SqsCalls> sqs;
    private final String url;
    private final boolean fifo;
    private final Clock clock;

    DeadLetterQueue(Supplier<SqsCalls> sqs, String url, boolean fifo, Clock clock) {
        this.sqs = sqs;
        this.url = url;
        this.fifo = fifo;
        this.clock = clock;
    }

    /** True once SQS has the message; false when the send failed (the caller returns the message to its queue). */
    boolean send(QueueMessage message, Failure failure) {
        DeadLetterBody body = DeadLetterBody.of(message.body());
        Map<String, SqsMessageAttribute> ours = new LinkedHashMap<>();
        putText(ours, MessageAttributes.ERROR_CODE, failure.code());
        putText(ours, MessageAttributes.ERROR_MESSAGE, failure.message());
        putText(ours, MessageAttributes.OKTA_REQUEST_ID, failure.oktaRequestId());
        putNumber(ours, MessageAttributes.ATTEMPTS, message.receiveCount());
        putText(ours, MessageAttributes.SOURCE_MESSAGE_ID, message.messageId());
        putText(ours, MessageAttributes.FAILED_AT, clock.instant().toString());
        putText(ours, MessageAttributes.REMOVED_FIELDS, String.join(",", body.removedFields()));
        if (body.withheld()) {
            putText(ours, MessageAttributes.BODY_WITHHELD, "true");
        }
        putText(ours, MessageAttributes.ORIGINAL_MESSAGE_ID, message.attributeText(MessageAttributes.ORIGINAL_MESSAGE_ID));
        String groupId = !fifo ? null : message.groupId() != null ? message.groupId() : FIFO_GROUP_FALLBACK;
        try {
            sqs.get().sendMessage(url, body.body(), MessageAttributes.withProducerAttributes(ours, message), groupId,
                    fifo ? message.messageId() : null);
            return true;
        } catch (RuntimeException e) {
            LOG.error("Could not send message {} to the dead-letter queue ({}); it goes back to its queue",
                    message.messageId(), SqsClients.describe(e));
            return false;
        }
    }
}
