package dev.oktaprov.errors;

import java.util.Optional;

/**
 * Base of every failure a caller of the core acts on; messages are for humans and never carry a secret.
 * Subclasses are top-level, unchecked and never renamed: their fully qualified names are Step Functions error names.
 */
public abstract class OktaProvisioningException extends RuntimeException {

    private final String oktaRequestId;

    protected OktaProvisioningException(String message, String oktaRequestId, Throwable cause) {
        super(message, cause);
        this.oktaRequestId = oktaRequestId;
    }

    protected OktaProvisioningException(String message, String oktaRequestId) {
        this(message, oktaRequestId, null);
    }

    /** A stable SCREAMING_SNAKE machine code, e.g. {@code RATE_LIMITED}. */
    public abstract String code();

    /** The {@code X-Okta-Request-Id} of the response that caused this failure, when Okta answered. */
    public Optional<String> oktaRequestId() {
        return Optional.ofNullable(oktaRequestId);
    }
}
