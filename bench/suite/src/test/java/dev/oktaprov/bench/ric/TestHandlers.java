package dev.oktaprov.bench.ric;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Handlers the real runtime interface client loads from target/test-classes in {@link RuntimeApiEndpointTest}. */
final class TestHandlers {

    private TestHandlers() {}

    /** A typed handler: the client's POJO serializer turns the event into a Map and the answer back into JSON. */
    public static final class EchoMap implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("statusCode", 200);
            answer.put("id", event.get("id"));
            answer.put("requestId", context.getAwsRequestId());
            answer.put("arn", context.getInvokedFunctionArn());
            answer.put("remainingPositive", context.getRemainingTimeInMillis() > 0);
            return answer;
        }
    }

    /** A stream handler: bytes in, bytes out. */
    public static final class EchoStream implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream event, OutputStream answer, Context context) throws IOException {
            String json = new String(event.readAllBytes(), StandardCharsets.UTF_8);
            answer.write(("{\"statusCode\":200,\"event\":" + json + "}").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A handler that throws: the client reports it on the invocation's error path. */
    public static final class Failing implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream event, OutputStream answer, Context context) {
            throw new IllegalStateException("boom from the handler");
        }
    }
}
