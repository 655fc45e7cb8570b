package dev.oktaprov.aws;

import java.util.Set;

/**
 * Why an AWS call gave no answer to use. Its message never quotes what the service said (an error
 * message can echo a request's value); the kind, the HTTP status and AWS's error code say enough.
 */
public final class AwsCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, for the caller to tell "try again later" from "someone must fix this". */
    public enum Kind {
        /** The service answered with an error: see {@link #status()} and {@link #errorCode()}. */
        SERVICE_ERROR,
        /** No answer within the call's time (its own timeout or the caller's deadline). */
        TIMEOUT,
        /** No connection, or one that broke: see {@link #getCause()}. */
        UNREACHABLE,
        /** Neither the environment nor a container credentials endpoint gave keys to sign with. */
        NO_CREDENTIALS,
        /** The container credentials endpoint did not give usable keys. */
        CREDENTIALS_UNAVAILABLE
    }

    /** Codes AWS uses for "slow down" (the AWS SDK for Java's list), besides HTTP 429. */
    private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "ThrottledException",
            "ProvisionedThroughputExceededException", "SlowDown", "TooManyRequestsException", "RequestLimitExceeded",
            "BandwidthLimitExceeded", "RequestThrottled", "RequestThrottledException", "EC2ThrottledException",
            "TransactionInProgressException");
    /** Codes for a request that may well succeed if sent again (the AWS SDK for Java's list). */
    private static final Set<String> TRANSIENT = Set.of("PriorRequestNotComplete", "RequestTimeout",
            "RequestTimeoutException", "InternalError");

    private final Kind kind;
    private final int status;
    private final String errorCode;
    private final String serverDate;

    private AwsCallException(Kind kind, String message, int status, String errorCode, String serverDate, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.errorCode = errorCode;
        this.serverDate = serverDate;
    }

    private AwsCallException(Kind kind, String message, Throwable cause) {
        this(kind, message, 0, null, null, cause);
    }

    static AwsCallException serviceError(int status, String errorCode, String serverDate) {
        return new AwsCallException(Kind.SERVICE_ERROR, "HTTP " + status + (errorCode == null ? "" : " " + errorCode),
                status, errorCode, serverDate, null);
    }

    static AwsCallException timeout(Throwable cause) {
        return new AwsCallException(Kind.TIMEOUT, "no answer in time", cause);
    }

    static AwsCallException unreachable(Throwable cause) {
        return new AwsCallException(Kind.UNREACHABLE, cause.getClass().getSimpleName(), cause);
    }

    static AwsCallException noCredentials(String message) {
        return new AwsCallException(Kind.NO_CREDENTIALS, message, null);
    }

    static AwsCallException credentialsUnavailable(String message, Throwable cause) {
        return new AwsCallException(Kind.CREDENTIALS_UNAVAILABLE, message, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status of a {@link Kind#SERVICE_ERROR}, else 0. */
    public int status() {
        return status;
    }

    /** AWS's error code of a {@link Kind#SERVICE_ERROR} (e.g. {@code ResourceNotFoundException}); may be null. */
    public String errorCode() {
        return errorCode;
    }

    /** The service's {@code Date} header with a {@link Kind#SERVICE_ERROR}, if it sent one. */
    String serverDate() {
        return serverDate;
    }

    /** HTTP 429 or one of AWS's throttling codes. */
    public boolean isThrottling() {
        return kind == Kind.SERVICE_ERROR && (status == 429 || (errorCode != null && THROTTLING.contains(errorCode)));
    }

    /** Whether sending the same request again may succeed (as the AWS SDK's standard retry strategy decides). */
    boolean isRetryable() {
        return switch (kind) {
            case TIMEOUT, UNREACHABLE, CREDENTIALS_UNAVAILABLE -> true;
            case NO_CREDENTIALS -> false;
            case SERVICE_ERROR -> status == 500 || status == 502 || status == 503 || status == 504 || isThrottling()
                    || (errorCode != null && TRANSIENT.contains(errorCode));
        };
    }
}
