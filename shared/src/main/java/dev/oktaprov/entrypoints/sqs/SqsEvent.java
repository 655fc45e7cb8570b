package dev.oktaprov.entrypoints.sqs;

import java.util.List;

/** The SQS event Lambda's event source mapping hands a function: a batch of records, in order. */
public record SqsEvent(List<SqsMessage> records) {

    public SqsEvent {
        records = List.copyOf(records);
    }

    /** The queue the batch came from (every record of a batch names the same one), or null for no records. */
    public String eventSourceArn() {
        return records.isEmpty() ? null : records.get(0).eventSourceArn();
    }
}
