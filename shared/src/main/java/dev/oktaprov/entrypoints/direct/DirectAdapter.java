package dev.oktaprov.entrypoints.direct;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.oktaprov.entrypoints.JsonValues;
import dev.oktaprov.entrypoints.NullMembers;
import dev.oktaprov.entrypoints.OperationResult;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The direct trigger (Step Functions' {@code lambda:invoke}, {@code aws lambda invoke}): the answer
 * is the result object itself, null members left out. A failure is not written: it is thrown as
 * the core's typed exception, whose class name Lambda reports as the error type that the state
 * machine's {@code Retry} and {@code Catch} match.
 */
public final class DirectAdapter {

    private DirectAdapter() {}

    public static DirectInput input(Object event) {
        return DirectInput.from(event);
    }

    public static void writeResult(OperationResult result, OutputStream out) throws IOException {
        try (JsonGenerator json = JsonValues.generator(out)) {
            result.body().writeTo(json, NullMembers.OMIT);
        }
    }
}
