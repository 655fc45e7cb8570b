package dev.oktaprov.errors;

/**
 * Secrets Manager could not answer this time: a network failure, a timeout (the invocation's deadline
 * included), a 5xx or throttling. Retry later; nothing is wrong with the secret itself. A secret that
 * is missing, denied or malformed is a {@link ConfigurationException} instead.
 */
public final class SecretsUnavailableException extends OktaProvisioningException {

    public SecretsUnavailableException(String message) {
        super(message, null);
    }

    public SecretsUnavailableException(String message, Throwable cause) {
        super(message, null, cause);
    }

    @Override
    public String code() {
        return "SECRETS_UNAVAILABLE";
    }
}
