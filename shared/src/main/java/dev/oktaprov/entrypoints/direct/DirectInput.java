package dev.oktaprov.entrypoints.direct;

import com.amazonaws.services.lambda.runtime.Context;
import dev.oktaprov.errors.InvalidInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A direct invocation's input (Step Functions, {@code aws lambda invoke}): the JSON object as
 * plain values, without its optional {@code correlationId}, which names the invocation in the log.
 */
public record DirectInput(Map<String, Object> fields, String correlationId) {

    public static final String CORRELATION_ID_FIELD = "correlationId";
    /** Stands for an event that is not valid JSON (e.g. a lone surrogate escape in a name): refused as input. */
    public static final Object UNREADABLE = new Object();
    private static final int MAX_CORRELATION_ID = 200;

    public DirectInput {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * The input of an event that is not an HTTP API request; a JSON null is an empty object.
     *
     * @throws InvalidInputException for an event that is not a JSON object, or not JSON
     */
    public static DirectInput from(Object event) {
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
        Object given = fields.remove(CORRELATION_ID_FIELD);
        return new DirectInput(fields, usable(given));
    }

    /** The log's correlation id for {@code event}: its own {@code correlationId}, else the Lambda request id. */
    public static String correlationId(Object event, Context context) {
        String given = event instanceof Map<?, ?> map ? usable(map.get(CORRELATION_ID_FIELD)) : null;
        return given != null ? given : context.getAwsRequestId();
    }

    private static String usable(Object given) {
        return given instanceof String id && !id.isBlank() && id.length() <= MAX_CORRELATION_ID ? id : null;
    }
}
