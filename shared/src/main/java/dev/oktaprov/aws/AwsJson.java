package dev.oktaprov.aws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The few JSON documents the AWS calls here exchange, read and written as streams: no tree, no data binding. */
final class AwsJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private AwsJson() {}

    /** An object of text fields, in {@code fields}' order. */
    static byte[] object(Map<String, String> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            for (Map.Entry<String, String> field : fields.entrySet()) {
                json.writeStringField(field.getKey(), field.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The top-level text fields of a JSON object that are among {@code names}; others (nested ones
     * included) are skipped. Throws {@link IOException} for a document that is not a JSON object.
     */
    static Map<String, String> textFields(byte[] document, Set<String> names) throws IOException {
        Map<String, String> found = new HashMap<>();
        try (JsonParser json = FACTORY.createParser(document)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                if (value == JsonToken.VALUE_STRING && names.contains(name)) {
                    found.put(name, json.getText());
                } else {
                    json.skipChildren();
                }
            }
        }
        return found;
    }
}
