package dev.oktaprov.credentials;

import dev.oktaprov.aws.AwsCallException;
import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.errors.OktaProvisioningException;
import dev.oktaprov.errors.SecretsUnavailableException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why the Okta secret could not be used, told apart. Secrets Manager not answering (network, timeout,
 * 5xx, throttling) is transient: {@link SecretsUnavailableException}, retried by the caller. Only a
 * secret that is missing, denied (IAM, KMS) or malformed is a {@link ConfigurationException}, and the
 * log line says which of the three. Neither the secret's value nor the SDK's text about it is quoted.
 */
final class SecretReadFailures {

    static final String SECRET = "the secret named by OKTA_SECRET_ID";

    private static final Logger LOG = LoggerFactory.getLogger(SecretReadFailures.class);
    /** Gone, scheduled for deletion, without a current version, or an id that cannot name a secret. */
    private static final Set<String> MISSING_CODES = Set.of(
            "ResourceNotFoundException", "InvalidRequestException", "InvalidParameterException");
    /** The role, the key policy or the request's signature says no; retrying will not change that. */
    private static final Set<String> DENIED_CODES = Set.of(
            "AccessDeniedException", "AccessDenied", "DecryptionFailure", "KMSAccessDeniedException",
            "KMSDisabledException", "KMSInvalidStateException", "UnrecognizedClientException",
            "InvalidSignatureException", "SignatureDoesNotMatch", "IncompleteSignature", "InvalidClientTokenId",
            "MissingAuthenticationToken", "ExpiredTokenException");

    private SecretReadFailures() {}

    /** A failed {@code GetSecretValue}, as the exception the caller acts on. */
    static OktaProvisioningException of(AwsCallException failure) {
        return switch (failure.kind()) {
            case SERVICE_ERROR -> ofAnswer(failure);
            case NO_CREDENTIALS -> configuration("denied", failure.getMessage(),
                    "No AWS credentials were found to read " + SECRET, failure);
            case TIMEOUT -> unavailable("did not answer in time", failure);
            case UNREACHABLE -> unavailable("could not be reached (" + failure.getMessage() + ")", failure);
            case CREDENTIALS_UNAVAILABLE -> unavailable("no AWS credentials to sign with now: " + failure.getMessage(), failure);
        };
    }

    /** No time left before the invocation's deadline to ask Secrets Manager at all. */
    static SecretsUnavailableException noTimeLeft() {
        return unavailable("no time left before the deadline", null);
    }

    /** The secret's text could not be read as credentials; {@code parsing} says why without quoting it. */
    static ConfigurationException malformed(ConfigurationException parsing) {
        LOG.error("The Okta secret is malformed: {}", parsing.getMessage());
        return parsing;
    }

    private static OktaProvisioningException ofAnswer(AwsCallException service) {
        int status = service.status();
        String code = service.errorCode();
        String answer = "HTTP " + status + (code == null ? "" : " " + code);
        if (status >= 500 || service.isThrottling()) {
            return unavailable("answered " + answer, service);
        }
        if (code != null && MISSING_CODES.contains(code)) {
            return configuration("missing", answer, code.equals("ResourceNotFoundException")
                    ? "The secret named by OKTA_SECRET_ID does not exist"
                    : "The secret named by OKTA_SECRET_ID cannot be read (" + answer + "): it is deleted, scheduled for"
                            + " deletion, has no current version, or OKTA_SECRET_ID is not a secret's name or ARN", service);
        }
        if (status == 403 || status == 401 || code == null || DENIED_CODES.contains(code)) {
            return configuration("denied", answer, "Secrets Manager refused to read " + SECRET + " (" + answer
                    + "): the function's role, or the policy of the secret's KMS key, does not allow it", service);
        }
        // Another 4xx about our request: no retry fixes it, so a person must look; reported as a refusal.
        return configuration("denied", answer, "Secrets Manager refused to read " + SECRET + " (" + answer + ")", service);
    }

    /** {@code problem}: what a person has to fix, "missing" or "denied". */
    private static ConfigurationException configuration(String problem, String detail, String message, Throwable cause) {
        LOG.error("The Okta secret is {}: {}", problem, detail);
        return new ConfigurationException(message, cause);
    }

    private static SecretsUnavailableException unavailable(String reason, Throwable cause) {
        LOG.warn("Secrets Manager is unavailable for the Okta secret: {}", reason);
        return new SecretsUnavailableException("Secrets Manager is unavailable to read " + SECRET + " (" + reason
                + "); try again later", cause);
    }
}
