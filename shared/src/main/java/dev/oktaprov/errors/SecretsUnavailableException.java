package dev.oktaprov.errors;

/**
 * Secrets Manager could not hand out the Okta secret this time (a network error, a 5xx, throttling):
 * transient, worth retrying later. A secret that is missing, denied or malformed is a
 * {@link ConfigurationException} instead. Messages name the variable, never a secret.
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
