package dev.oktaprov.local.check;

import dev.oktaprov.aws.AwsCallException;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.credentials.OktaCredentials;
import dev.oktaprov.credentials.ServiceAppCredentials;
import dev.oktaprov.errors.OktaAccessDeniedException;
import dev.oktaprov.errors.OktaProvisioningException;
import dev.oktaprov.errors.RateLimitedException;
import dev.oktaprov.errors.TransientUpstreamException;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The check's sentences about the credentials, in one place so that what may appear is read in one
 * place: what a secret holds (its public parts only: client id, algorithm, kid, scopes), and what an
 * operator does about each refusal, Secrets Manager's, the token endpoint's and the Management API's.
 * They quote the core's messages and Okta's error codes, which never carry a credential, and nothing
 * else the answers said.
 */
final class CheckTexts {

    /** Secrets Manager's codes for a secret that is gone, scheduled for deletion, or never was. */
    private static final Set<String> MISSING = Set.of("ResourceNotFoundException", "InvalidRequestException",
            "InvalidParameterException");

    /** How the secret is named: by the variable, never by its value. */
    static final String SECRET = "the secret named by OKTA_SECRET_ID";

    private CheckTexts() {}

    /** What the secret holds, named by its public parts only: never the token or the key. */
    static String describe(OktaCredentials credentials, String text) {
        if (!(credentials instanceof OktaCredentials.ServiceApp app)) {
            return "an API token, sent as SSWS";
        }
        ServiceAppCredentials parts = app.app();
        return "an OAuth service app: client " + parts.clientId() + ", " + parts.signingKey().algorithm() + " key, kid "
                + parts.keyId() + (statesKeyId(text) ? "" : " (the JWK's kid)") + ", "
                + app.scopes().map(scopes -> "scopes " + String.join(" ", scopes)).orElse("no scopes stated");
    }

    private static boolean statesKeyId(String secretText) {
        try {
            return OktaCredentials.SECRET_JSON.readTree(secretText.replaceFirst("^\uFEFF", "")).has("keyId");
        } catch (IOException e) {
            return false;
        }
    }

    /** A token was issued for {@code scopes}. */
    static String granted(String functions, List<String> scopes, boolean dpopBound) {
        return functions + ": granted " + String.join(" ", scopes)
                + (dpopBound ? "; DPoP-bound (the app requires DPoP, which the functions handle)" : "");
    }

    /** The scopes stated for every function leave out some that {@code functions} need. */
    static String scopesLeftOut(String functions, List<String> lacking, boolean inOktaScopes) {
        return functions + " also need " + String.join(" ", lacking) + ", left out of "
                + (inOktaScopes ? "OKTA_SCOPES" : "the secret's scopes") + ": add " + (lacking.size() == 1 ? "it" : "them")
                + " there, or leave scopes out so that each function asks for its own";
    }

    /**
     * A failed {@code GetSecretValue}. The secret is never named by its id: a token pasted into
     * OKTA_SECRET_ID by mistake would be printed.
     */
    static String secretRead(AwsCallException failure) {
        String answer = "(" + failure.getMessage() + ")";
        return switch (failure.kind()) {
            case NO_CREDENTIALS -> "no AWS credentials to read " + SECRET + ": export AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), e.g. eval \"$(aws configure export-credentials --format env)\""
                    + " (AWS CLI v2)";
            case TIMEOUT, UNREACHABLE -> "Secrets Manager could not be reached " + answer
                    + ": check AWS_REGION, AWS_ENDPOINT_URL and the network";
            case CREDENTIALS_UNAVAILABLE -> "no AWS credentials to sign with " + answer + ": try again";
            case SERVICE_ERROR -> serviceError(failure, answer);
        };
    }

    private static String serviceError(AwsCallException failure, String answer) {
        if (failure.status() >= 500 || failure.isThrottling()) {
            return "Secrets Manager failed to answer " + answer + ": try again in a minute";
        }
        if (failure.errorCode() != null && MISSING.contains(failure.errorCode())) {
            return SECRET + " cannot be read " + answer + ": it does not exist in this region, is scheduled for"
                    + " deletion or has no value; check OKTA_SECRET_ID and AWS_REGION";
        }
        return "Secrets Manager refused to read " + SECRET + " " + answer + ": your AWS identity needs"
                + " secretsmanager:GetSecretValue on it (and kms:Decrypt on a customer managed key)";
    }

    /**
     * The token endpoint refused the app.
     *
     * @param kid the key id the assertion named
     * @param missing the scopes found not granted, when the refusal was {@code invalid_scope}
     */
    static String tokenRefusal(OktaProvisioningException refusal, String kid, List<String> missing, String functions) {
        if (refusal instanceof OktaAccessDeniedException denied && denied.httpStatus() == 403) {
            String scopes = missing.isEmpty() ? "a scope they ask for" : String.join(" and ", missing);
            return "invalid_scope: the app is not granted " + scopes + ", which " + functions + " need: grant "
                    + (missing.size() > 1 ? "them" : "it") + " in the Admin Console under the app's Okta API Scopes"
                    + requestId(refusal);
        }
        if (refusal instanceof OktaAccessDeniedException denied) {
            return denied.oktaErrorCode().orElse("invalid_client") + ": Okta does not accept the app's client"
                    + " assertion. Check that clientId is the app's client id, that the app's client authentication is"
                    + " Public key / Private key, and that the key's public half is added to the app with kid " + kid
                    + requestId(refusal);
        }
        return unavailable(refusal, "Okta's token endpoint");
    }

    /**
     * The Management API refused a read.
     *
     * @param what the call, e.g. "listing users"
     * @param scopes the token's scopes; null for an API token
     */
    static String apiRefusal(OktaProvisioningException refusal, String what, List<String> scopes) {
        if (!(refusal instanceof OktaAccessDeniedException denied)) {
            return what + ": " + unavailable(refusal, "Okta");
        }
        String code = denied.oktaErrorCode().orElse("HTTP " + denied.httpStatus());
        if (denied.httpStatus() == 401) {
            return what + ": Okta rejected " + (scopes == null
                    ? "the API token (" + code + "): it is revoked, expired or of another org; create one under"
                            + " Security > API > Tokens"
                    : "the access token it issued (" + code + "): check the app is active") + requestId(refusal);
        }
        if (scopes == null) {
            return what + ": the API token lacks the permission (" + code + "): the admin who created it needs a role"
                    + " that can manage users and read groups" + requestId(refusal);
        }
        if (!scopes.contains(OAuthScopes.USERS_READ)) {
            return what + ": the token lacks " + OAuthScopes.USERS_READ + " (" + code + "): add it to OKTA_SCOPES or"
                    + " the secret's scopes, or leave both out" + requestId(refusal);
        }
        return what + ": the app has the scopes but no admin role that allows this (" + code + "): assign one"
                + " in the Admin Console under the app's Admin roles" + requestId(refusal);
    }

    private static String unavailable(OktaProvisioningException failure, String who) {
        if (failure instanceof RateLimitedException limited) {
            return who + " is rate limited: try again in " + limited.retryAfterSeconds() + " s";
        }
        if (failure instanceof TransientUpstreamException) {
            return failure.getMessage() + ": check OKTA_ORG_URL and the network, then try again";
        }
        return failure.getMessage() + requestId(failure);
    }

    private static String requestId(OktaProvisioningException failure) {
        return failure.oktaRequestId().map(id -> " (Okta request id " + id + ")").orElse("");
    }
}
