package dev.oktaprov.entrypoints.http;

import dev.oktaprov.entrypoints.OperationResult;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * The HTTP API trigger (payload 2.0): tells its events apart, reads the request the operation
 * needs, and writes the operation's result or failure as the response API Gateway turns into HTTP.
 * Routing is API Gateway's: a function is only ever invoked for the route the template gives it.
 */
public final class HttpApiAdapter {

    private HttpApiAdapter() {}

    /** True for an HTTP API payload 2.0 event: {@code version "2.0"} and a {@code requestContext.http} object. */
    @SuppressWarnings("unchecked")
    public static boolean accepts(Object event) {
        return event instanceof Map<?, ?> map && HttpApiRequest.isHttpApiEvent((Map<String, Object>) map);
    }

    /** The API Gateway request id of an accepted event, or null. */
    @SuppressWarnings("unchecked")
    public static String requestId(Object event) {
        return HttpApiRequest.requestIdOf((Map<String, Object>) event);
    }

    /**
     * The request of an accepted event.
     *
     * @throws HttpApiException for a body that is too large or not valid base64 or UTF-8
     */
    @SuppressWarnings("unchecked")
    public static HttpApiRequest request(Object event) {
        return HttpApiRequest.from((Map<String, Object>) event);
    }

    /**
     * The result as a response (its status, its headers and its body), the body produced now: a
     * failure to produce it is thrown here, before anything is written.
     */
    public static HttpApiResponse.Rendered render(OperationResult result) {
        return HttpApiResponse.status(result.status()).headers(result.headers()).render(result.body());
    }

    /** The result as a response: its status, its headers and its body. */
    public static void writeResult(OperationResult result, OutputStream out) throws IOException {
        render(result).writeTo(out);
    }

    /** The failure as an error response ({@link ApiErrors}). */
    public static void writeFailure(Throwable failure, String requestId, OutputStream out) throws IOException {
        ApiErrors.response(failure, requestId).writeTo(out);
    }

    /** The status {@link #writeFailure} answers {@code failure} with. */
    public static int status(Throwable failure) {
        return ApiErrors.status(failure);
    }
}
