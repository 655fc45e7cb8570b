package dev.oktaprov.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.crac.Core;
import org.crac.Resource;

/**
 * Every function's handler: the invocation's bytes and SnapStart's hooks handed to one {@link Edge}. A handler
 * adds only a constructor for Lambda (which calls {@link #registerForSnapStart()}) and one for tests and tools.
 */
public abstract class FunctionHandler implements RequestStreamHandler, Resource {

    /** The object at a function's edge: an API function's {@link ApiFunction}, a queue's {@code SqsAdapter}. */
    public interface Edge {
        void handle(InputStream event, OutputStream answer, Context context) throws IOException;

        /** SnapStart's {@code beforeCheckpoint}: load what a first invocation needs; talk to nobody. */
        void prime();

        /** SnapStart's {@code afterRestore}: nothing cached from before the snapshot is trusted. */
        void afterRestore();
    }

    private final Edge edge;

    protected FunctionHandler(Edge edge) {
        this.edge = Objects.requireNonNull(edge, "edge");
    }

    /** For the Lambda constructor: SnapStart calls the hooks below around its snapshot. */
    protected final void registerForSnapStart() {
        Core.getGlobalContext().register(this);
    }

    @Override
    public final void handleRequest(InputStream event, OutputStream answer, Context context) throws IOException {
        edge.handle(event, answer, context);
    }

    @Override
    public final void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        edge.prime();
    }

    @Override
    public final void afterRestore(org.crac.Context<? extends Resource> context) {
        edge.afterRestore();
    }
}
