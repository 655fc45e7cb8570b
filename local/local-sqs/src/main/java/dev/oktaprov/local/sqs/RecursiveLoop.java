package dev.oktaprov.local.sqs;

import java.util.Locale;

/**
 * A function's recursive loop detection setting ({@code RecursiveLoop} of AWS::Lambda::Function,
 * {@code PutFunctionRecursionConfig}): what Lambda does when the same event has invoked the function
 * more than {@value TraceHeader#MAX_INVOCATIONS_PER_CHAIN} times through SQS.
 */
public enum RecursiveLoop {
    /** Lambda's default: the next invocation of the chain is stopped, the message dropped or dead-lettered. */
    TERMINATE,
    /** Lambda takes no action: the chain goes on. */
    ALLOW;

    /** From the template's spelling ({@code Allow}, {@code Terminate}); absent means Lambda's default. */
    public static RecursiveLoop fromTemplate(String value) {
        if (value == null || value.isBlank()) {
            return TERMINATE;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "allow" -> ALLOW;
            case "terminate" -> TERMINATE;
            default -> throw new IllegalArgumentException("RecursiveLoop must be Allow or Terminate, was " + value);
        };
    }
}
