package dev.oktaprov.local.sqs;

import java.util.Objects;

/** The parts of an SQS queue ARN: {@code arn:PARTITION:sqs:REGION:ACCOUNT:NAME}. */
record QueueArn(String region, String accountId, String queueName) {

    static QueueArn parse(String arn) {
        Objects.requireNonNull(arn, "queueArn");
        String[] parts = arn.split(":", -1);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("sqs")
                || parts[3].isEmpty() || parts[4].isEmpty() || parts[5].isEmpty()) {
            throw new IllegalArgumentException("not an SQS queue ARN: " + arn);
        }
        return new QueueArn(parts[3], parts[4], parts[5]);
    }

    boolean fifo() {
        return queueName.endsWith(".fifo");
    }
}
