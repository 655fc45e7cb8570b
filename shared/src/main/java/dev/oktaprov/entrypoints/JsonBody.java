package dev.oktaprov.entrypoints;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/** An answer's JSON, written straight to the generator of the trigger's response. */
@FunctionalInterface
public interface JsonBody {

    void writeTo(JsonGenerator json, NullMembers nulls) throws IOException;

    /** A body of plain values: maps, lists, strings, numbers, booleans and nulls. */
    static JsonBody of(Map<String, ?> values) {
        Objects.requireNonNull(values, "values");
        return (json, nulls) -> JsonValues.write(json, values, nulls);
    }
}
