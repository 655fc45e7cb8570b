package dev.oktaprov.simulator.http;

import java.util.List;

/**
 * An Okta error answer: thrown by endpoints, rendered by the server as
 * {@code {errorCode, errorSummary, errorLink, errorId, errorCauses}}.
 *
 * @see OktaErrors for the ones the simulator uses
 */
public final class OktaApiException extends RuntimeException {

    private final int status;
    private final String errorCode;
    private final String errorSummary;
    private final List<String> causes;

    public OktaApiException(int status, String errorCode, String errorSummary, List<String> causes) {
        super(errorCode + " " + errorSummary, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
        this.errorSummary = errorSummary;
        this.causes = List.copyOf(causes);
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    public String errorSummary() {
        return errorSummary;
    }

    public List<String> causes() {
        return causes;
    }
}
