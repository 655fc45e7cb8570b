package dev.oktaprov.entrypoints;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.oktaprov.okta.OktaJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Events read as plain values (maps in document order, lists, strings, numbers, booleans, null); answers written. */
public final class JsonValues {

    private JsonValues() {}

    /**
     * The whole event as plain values, {@code null} for a JSON null; read as text: Jackson's byte parser refuses
     * a name holding a lone surrogate escape ({@code \}{@code ud800}), its text parser takes it as the character
     * it names, as in a value.
     */
    public static Object read(byte[] event) throws IOException {
        return read(new String(event, StandardCharsets.UTF_8), false);
    }

    /**
     * One JSON value as plain values, read with the streaming parser (a cold start spends less on it than on
     * databind's deserializers). {@code strict}: a duplicate name or anything after the value is refused. A
     * leading byte order mark (a file a Windows editor saved, sent as it is) is skipped, as RFC 8259 allows.
     *
     * @throws DuplicateKeyException for a strict read of an object that names a key twice (at any depth)
     * @throws JsonProcessingException for text that is not (strictly) one JSON value; its location names the
     *     position, never the content
     */
    public static Object read(String json, boolean strict) throws IOException {
        // Jackson skips the mark only when it reads bytes.
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        try (JsonParser parser = OktaJson.MAPPER.getFactory().createParser(text)) {
            if (parser.nextToken() == null) {
                throw new JsonParseException(parser, "No content to read");
            }
            Object value = value(parser, strict);
            if (strict && parser.nextToken() != null) {
                throw new JsonParseException(parser, "Trailing content after the JSON value");
            }
            return value;
        }
    }

    private static Object value(JsonParser parser, boolean strict) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    if (strict && object.containsKey(name)) {
                        throw new DuplicateKeyException(parser, name);
                    }
                    parser.nextToken();
                    object.put(name, value(parser, strict));
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser, strict));
                }
                yield array;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null;
        };
    }

    /** A UTF-8 generator that leaves {@code out} open and writes an emoji as UTF-8, not as escaped surrogates. */
    @SuppressWarnings("deprecation")
    public static JsonGenerator generator(OutputStream out) throws IOException {
        return OktaJson.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .enable(JsonGenerator.Feature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
    }

    /** {@code value} (plain values) as JSON text. */
    public static String toJson(Object value, NullMembers nulls) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = OktaJson.MAPPER.getFactory().createGenerator(text)) {
            write(json, value, nulls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** Writes {@code value} (plain values, or a {@link JsonBody}) as Jackson's mapper would, nulls as {@code nulls} says. */
    public static void write(JsonGenerator json, Object value, NullMembers nulls) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> member : map.entrySet()) {
                if (member.getValue() != null || nulls == NullMembers.KEEP) {
                    json.writeFieldName(String.valueOf(member.getKey()));
                    write(json, member.getValue(), nulls);
                }
            }
            json.writeEndObject();
        } else if (value instanceof Collection<?> items) {
            json.writeStartArray();
            for (Object item : items) {
                write(json, item, nulls);
            }
            json.writeEndArray();
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof Number number) {
            writeNumber(json, number);
        } else if (value instanceof JsonBody body) {
            body.writeTo(json, nulls);
        } else {
            throw new IllegalArgumentException("not a plain JSON value: " + value.getClass().getName());
        }
    }

    private static void writeNumber(JsonGenerator json, Number number) throws IOException {
        if (number instanceof Double) {
            json.writeNumber(number.doubleValue());
        } else if (number instanceof Float) {
            json.writeNumber(number.floatValue());
        } else {
            // Integer, Long, BigInteger, BigDecimal: their decimal text is their JSON, as Jackson writes it.
            json.writeNumber(number.toString());
        }
    }
}
