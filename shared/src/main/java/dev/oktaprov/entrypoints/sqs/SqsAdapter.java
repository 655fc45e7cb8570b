package dev.oktaprov.entrypoints.sqs;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.oktaprov.entrypoints.FunctionHandler;
import dev.oktaprov.entrypoints.JsonValues;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;

/**
 * The SQS trigger (an event source mapping with {@code ReportBatchItemFailures}): the event's records in, the
 * partial batch response out, naming the messages SQS must hand out again. A function that throws fails its
 * whole batch, as Lambda has it.
 */
public final class SqsAdapter implements FunctionHandler.Edge {

    /** What a function does with one batch. */
    @FunctionalInterface
    public interface Batch {
        /** The ids of the messages SQS must hand out again; empty when every message is settled. */
        List<String> process(SqsEvent event, Context context);

        /** SnapStart's {@code beforeCheckpoint}; nothing to load by default. */
        default void prime() {
        }

        /** SnapStart's {@code afterRestore}; nothing cached by default. */
        default void afterRestore() {
        }
    }

    private final Batch batch;

    public SqsAdapter(Batch batch) {
        this.batch = Objects.requireNonNull(batch, "batch");
    }

    @Override
    public void handle(InputStream event, OutputStream answer, Context context) throws IOException {
        List<String> failed = batch.process(SqsEventReader.read(event), context);
        try (JsonGenerator json = JsonValues.generator(answer)) {
            json.writeStartObject();
            json.writeArrayFieldStart("batchItemFailures");
            for (String messageId : failed) {
                json.writeStartObject();
                json.writeStringField("itemIdentifier", messageId);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    @Override
    public void prime() {
        batch.prime();
    }

    @Override
    public void afterRestore() {
        batch.afterRestore();
    }
}
