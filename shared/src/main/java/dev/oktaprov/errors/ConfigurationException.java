package dev.oktaprov.errors;

/** The function's environment or secret is wrong or unreachable. Messages name the variable, never a secret. */
public final class ConfigurationException extends OktaProvisioningException {

    public ConfigurationException(String message) {
        super(message, null);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, null, cause);
    }

    @Override
    public String code() {
        return "CONFIGURATION";
    }
}
