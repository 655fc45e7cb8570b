package dev.oktaprov.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.entrypoints.InvocationContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Lambda's recursive loop detection for one event source mapping. Each received message's
 * {@code AWSTraceHeader} says how often its chain has invoked the function; unless the function
 * allows loops ({@link RecursiveLoop#ALLOW}), a message whose chain has done so
 * {@value TraceHeader#MAX_INVOCATIONS_PER_CHAIN} times does not invoke it again: Lambda drops it,
 * into the queue's dead-letter queue when the queue has a redrive policy, else for good.
 */
final class RecursionGuard {

    private static final System.Logger LOG = System.getLogger(RecursionGuard.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The messages that invoke the function, with the invocation's trace header, and those Lambda drops. */
    record Split(List<Message> delivered, String traceHeader, List<Message> dropped) {}

    private final SqsClient sqs;
    private final String queueUrl;
    private final RecursiveLoop recursiveLoop;
    private final String functionId;

    RecursionGuard(SqsClient sqs, String queueUrl, EventSourceMappingSettings settings) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.recursiveLoop = settings.recursiveLoop();
        this.functionId = TraceHeader.functionId("arn:aws:lambda:" + settings.region() + ":"
                + InvocationContext.LOCAL_ACCOUNT_ID + ":function:" + settings.functionName());
    }

    Split split(List<Message> batch) {
        List<Message> delivered = new ArrayList<>();
        List<Message> dropped = new ArrayList<>();
        for (Message message : batch) {
            (stops(message) ? dropped : delivered).add(message);
        }
        String traceHeader = TraceHeader.forInvocation(delivered.stream().map(RecursionGuard::traceHeaderOf).toList(),
                functionId);
        return new Split(delivered, traceHeader, dropped);
    }

    private boolean stops(Message message) {
        return recursiveLoop == RecursiveLoop.TERMINATE
                && TraceHeader.invocations(traceHeaderOf(message), functionId) >= TraceHeader.MAX_INVOCATIONS_PER_CHAIN;
    }

    /**
     * Moves each message to the queue's DLQ (body and message attributes), or deletes it when the
     * queue has none, as Lambda does with an event it stops.
     *
     * @return how many messages left the queue
     */
    int drop(List<Message> messages) {
        if (messages.isEmpty()) {
            return 0;
        }
        Optional<String> dlqUrl = deadLetterQueueUrl();
        int gone = 0;
        for (Message message : messages) {
            LOG.log(System.Logger.Level.WARNING, "recursive loop detected: message {0} has invoked the function {1} times;"
                    + " dropped {2}", message.messageId(), TraceHeader.MAX_INVOCATIONS_PER_CHAIN,
                    dlqUrl.isPresent() ? "to the dead-letter queue" : "(the queue has no dead-letter queue)");
            try {
                dlqUrl.ifPresent(url -> sqs.sendMessage(copyTo(url, message)));
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                gone++;
            } catch (RuntimeException e) {
                // It comes back after its visibility timeout and is stopped again.
                LOG.log(System.Logger.Level.WARNING, "could not drop message " + message.messageId(), e);
            }
        }
        return gone;
    }

    private static SendMessageRequest copyTo(String dlqUrl, Message message) {
        SendMessageRequest.Builder copy = SendMessageRequest.builder().queueUrl(dlqUrl)
                .messageBody(message.body()).messageAttributes(message.messageAttributes());
        String group = message.attributesAsStrings().get(MessageSystemAttributeName.MESSAGE_GROUP_ID.toString());
        if (group != null) {
            copy.messageGroupId(group).messageDeduplicationId(message.messageId());
        }
        return copy.build();
    }

    private Optional<String> deadLetterQueueUrl() {
        String policy = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                .attributes().get(QueueAttributeName.REDRIVE_POLICY);
        try {
            JsonNode target = policy == null ? null : JSON.readTree(policy).get("deadLetterTargetArn");
            if (target == null || !target.isTextual()) {
                return Optional.empty();
            }
            QueueArn arn = QueueArn.parse(target.asText());
            return Optional.of(sqs.getQueueUrl(b -> b.queueName(arn.queueName()).queueOwnerAWSAccountId(arn.accountId()))
                    .queueUrl());
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String traceHeaderOf(Message message) {
        return message.attributesAsStrings().get(TraceHeader.SQS_ATTRIBUTE);
    }
}
