package dev.oktaprov.entrypoints.direct;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.oktaprov.entrypoints.JsonValues;
import dev.oktaprov.entrypoints.NullMembers;
import dev.oktaprov.entrypoints.OperationResult;
import dev.oktaprov.errors.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The direct trigger (Step Functions' {@code lambda:invoke}, {@code aws lambda invoke}): the input is the JSON
 * object itself, less its optional {@code correlationId}, which names the invocation in the log; the answer is
 * the result object, null members left out. A failure is not written: it is thrown as the core's typed
 * exception, whose class name Lambda reports as the error type the state machine's {@code Retry} and
 * {@code Catch} match.
 */
public final class DirectAdapter {

    /** Stands for an event that is not valid JSON (e.g. a lone surrogate escape in a name): refused as input. */
    public static final Object UNREADABLE = new Object();
    private static final String CORRELATION_ID = "correlationId";
    private static final int MAX_CORRELATION_ID = 200;

    private DirectAdapter() {}

    /**
     * The operation's input: the event's members without {@code correlationId}; a JSON null is an empty object.
     *
     * @throws InvalidInputException for an event that is not a JSON object, or not JSON
     */
    public static Map<String, Object> input(Object event) {
        if (event == UNREADABLE) {
            throw InvalidInputException.of("input", "is not JSON that can be read");
        }
        if (event != null && !(event instanceof Map<?, ?>)) {
            throw InvalidInputException.of("input", "must be a JSON object");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        if (event != null) {
            ((Map<?, ?>) event).forEach((name, value) -> fields.put(String.valueOf(name), value));
        }
        fields.remove(CORRELATION_ID);
        return Collections.unmodifiableMap(fields);
    }

    /** The log's correlation id for {@code event}: its own {@code correlationId}, else the Lambda request id. */
    public static String correlationId(Object event, Context context) {
        return event instanceof Map<?, ?> map && map.get(CORRELATION_ID) instanceof String id && !id.isBlank()
                && id.length() <= MAX_CORRELATION_ID ? id : context.getAwsRequestId();
    }

    public static void writeResult(OperationResult result, OutputStream out) throws IOException {
        try (JsonGenerator json = JsonValues.generator(out)) {
            result.body().writeTo(json, NullMembers.OMIT);
        }
    }
}
