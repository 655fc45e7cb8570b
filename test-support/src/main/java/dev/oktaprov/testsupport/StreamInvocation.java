package dev.oktaprov.testsupport;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link RequestStreamHandler} invoked as Lambda's Java runtime invokes one: the event's JSON
 * bytes in, the bytes the handler wrote out. What the handler throws comes out unchanged (Lambda
 * reports its class name as the error type).
 */
public final class StreamInvocation {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectWriter ESCAPING = JSON.writer().with(JsonGenerator.Feature.ESCAPE_NON_ASCII);

    private StreamInvocation() {}

    public static byte[] invoke(RequestStreamHandler handler, byte[] event, Context context) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream(1024);
        try {
            handler.handleRequest(new ByteArrayInputStream(event), answer, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return answer.toByteArray();
    }

    /** {@code event} as JSON (as API Gateway or Step Functions sends it), the answer read back as a JSON object. */
    public static Map<String, Object> invoke(RequestStreamHandler handler, Map<String, ?> event, Context context) {
        return object(invoke(handler, json(event), context));
    }

    /** An HTTP API answer of 503 because Okta (the simulator) did not answer within the request timeout. */
    public static boolean oktaTimedOut(Map<String, Object> answer) {
        return Integer.valueOf(503).equals(answer.get("statusCode"))
                && String.valueOf(answer.get("body")).contains("\"Okta did not answer in time\"");
    }

    /**
     * {@code event} as UTF-8 JSON; text that UTF-8 cannot carry (a lone surrogate) goes as a
     * JSON escape, as a JSON sender must write it.
     */
    public static byte[] json(Object event) {
        try {
            try {
                return JSON.writeValueAsBytes(event);
            } catch (JsonProcessingException unencodable) {
                return ESCAPING.writeValueAsBytes(event);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A test double written as a handler of maps, as a stream handler: the event's JSON read as a
     * map, its answer written as JSON ({@code null} for null).
     */
    public static RequestStreamHandler ofMaps(RequestHandler<Map<String, Object>, ?> handler) {
        return (event, answer, context) -> answer.write(JSON.writeValueAsBytes(
                handler.handleRequest(object(event.readAllBytes()), context)));
    }

    /** A JSON object's members in their order; null for a JSON null. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(byte[] json) {
        try {
            return JSON.readValue(json, LinkedHashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
