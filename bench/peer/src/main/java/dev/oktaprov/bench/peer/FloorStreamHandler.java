package dev.oktaprov.bench.peer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The {@link FloorHandler} as a {@code RequestStreamHandler}: the same log line, the same answer, but
 * the event's bytes are only drained, so the runtime builds no POJO serializer. The difference
 * between the two floors is what a {@code RequestHandler<Map, Map>} costs a fresh start.
 */
public final class FloorStreamHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FloorStreamHandler.class);
    private static final byte[] ANSWER = "{\"statusCode\":200,\"body\":\"{}\"}".getBytes(StandardCharsets.UTF_8);

    @Override
    public void handleRequest(InputStream event, OutputStream answer, Context context) throws IOException {
        event.readAllBytes();
        PowertoolsLogging.withLogging(context, () -> {
            LOG.info("Invocation answered");
            return null;
        });
        answer.write(ANSWER);
    }
}
