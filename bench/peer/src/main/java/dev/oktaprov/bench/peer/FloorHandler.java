package dev.oktaprov.bench.peer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The floor under every function here, ours and the peer's: a handler that calls neither Okta nor
 * AWS, and only writes one Powertools JSON log line. Its cold start is the JVM, the Lambda
 * runtime's serializers and Powertools' logging (log4j) starting up.
 */
public final class FloorHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(FloorHandler.class);

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            LOG.info("Invocation answered");
            return Map.of("statusCode", 200, "body", "{}");
        });
    }
}
