package dev.oktaprov.okta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktaprov.errors.FieldError;
import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.errors.NotFoundException;
import dev.oktaprov.errors.OktaAccessDeniedException;
import dev.oktaprov.errors.OktaProvisioningException;
import dev.oktaprov.errors.TransientUpstreamException;
import dev.oktaprov.errors.UnexpectedOktaException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Okta's error answers into our exceptions. Decisions rest on the HTTP status and Okta's
 * {@code errorCode}; the only text matched is the {@code login:} cause that marks a duplicate login,
 * as Okta itself recommends.
 */
final class OktaErrors {

    /** What Okta said, as far as it said anything readable. */
    record OktaError(String errorCode, String errorSummary, List<String> causes) {
        static final OktaError UNREADABLE = new OktaError(null, null, List.of());

        String describe() {
            return errorCode == null ? "no Okta error code" : errorCode;
        }
    }

    private static final Pattern FIELD_CAUSE = Pattern.compile("^([A-Za-z_][A-Za-z0-9_.\\[\\]]*):\\s*(.+)$", Pattern.DOTALL);

    private OktaErrors() {}

    static OktaError parse(byte[] body) {
        if (body == null) {
            return OktaError.UNREADABLE;
        }
        try {
            // Not an object (an empty body reads as a MissingNode): no field, no cause, the same as UNREADABLE.
            JsonNode node = OktaJson.MAPPER.readTree(body);
            List<String> causes = new ArrayList<>();
            for (JsonNode cause : node.path("errorCauses")) {
                String summary = cause.path("errorSummary").asText(null);
                if (summary != null) {
                    causes.add(summary);
                }
            }
            return new OktaError(OktaJson.text(node, "errorCode"), OktaJson.text(node, "errorSummary"), causes);
        } catch (IOException e) {
            return OktaError.UNREADABLE;
        }
    }

    /** The exception for a final (not retried) non-2xx answer. */
    static OktaProvisioningException toException(int status, byte[] body, String requestId, String notFoundWhat) {
        OktaError error = parse(body);
        String code = error.errorCode();
        if (status == 400 && "E0000001".equals(code) && isDuplicateLogin(error)) {
            return new LoginAlreadyExistsException(requestId);
        }
        if (status == 400) {
            return new InvalidInputException(fieldErrors(error), requestId);
        }
        if (status == 401 || status == 403) {
            return new OktaAccessDeniedException(status, code, requestId);
        }
        if (status == 404) {
            return new NotFoundException(notFoundWhat, requestId);
        }
        if (status == 409 && "E0000112".equals(code)) {
            return new TransientUpstreamException("The Okta user is still being activated; try again later (E0000112)", requestId);
        }
        if (status >= 500) {
            return new TransientUpstreamException("Okta answered HTTP " + status + " (" + error.describe() + ")", requestId);
        }
        return new UnexpectedOktaException("Okta answered HTTP " + status + " (" + error.describe() + ")", requestId);
    }

    static boolean isDuplicateLogin(OktaError error) {
        return error.causes().stream()
                .map(c -> c.toLowerCase(Locale.ROOT))
                .anyMatch(c -> c.startsWith("login:") && c.contains("already exist"));
    }

    /** {@code "email: Does not match required pattern"} becomes field {@code profile.email}. */
    private static List<FieldError> fieldErrors(OktaError error) {
        List<FieldError> fields = new ArrayList<>();
        for (String cause : error.causes()) {
            Matcher m = FIELD_CAUSE.matcher(cause.trim());
            if (m.matches()) {
                fields.add(new FieldError(m.group(1), m.group(2).trim()));
            } else {
                fields.add(new FieldError("request", cause.trim()));
            }
        }
        if (fields.isEmpty()) {
            String summary = error.errorSummary() == null ? "Okta refused the request" : error.errorSummary();
            String suffix = error.errorCode() == null ? "" : " (" + error.errorCode() + ")";
            fields.add(new FieldError("request", summary + suffix));
        }
        return fields;
    }
}
