package dev.oktaprov.entrypoints.http;

/**
 * A problem with the HTTP request itself (its body), known before any use case runs.
 * Only the HTTP API caller can cause one, so it is not a Step Functions error name.
 */
public final class HttpApiException extends RuntimeException {

    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    public static final String MALFORMED_JSON = "MALFORMED_JSON";

    private final int status;
    private final String code;

    public HttpApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static HttpApiException malformedJson(String message) {
        return new HttpApiException(400, MALFORMED_JSON, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
