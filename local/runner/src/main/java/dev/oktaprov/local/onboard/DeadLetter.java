package dev.oktaprov.local.onboard;

/**
 * A row of the run that ended in the dead-letter queue.
 *
 * @param line the row's line in the file, or 0 when the message cannot be traced back to it
 * @param errorCode the function's {@code errorCode} attribute, or {@code MAX_RECEIVES} for a message SQS
 *     moved after {@code maxReceiveCount} receives
 * @param errorMessage the function's {@code errorMessage} attribute (never a password or a raw login)
 */
public record DeadLetter(int line, String errorCode, String errorMessage) {
}
