package dev.oktaprov.activateuser;

import dev.oktaprov.errors.FieldError;
import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.okta.OktaClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which user to activate, checked before anything is sent to Okta: {@code id} (an Okta user id, as
 * the create step returns it) and optional {@code sendEmail} (default true: a user without a
 * password needs the activation email to sign in).
 */
record ActivationRequest(String userId, boolean sendEmail) {

    static final int MAX_LENGTH = 100;
    private static final Set<String> ACCEPTED_FIELDS = Set.of("id", "sendEmail");

    static ActivationRequest from(Map<String, Object> input) {
        List<FieldError> errors = new ArrayList<>();
        for (String key : input.keySet()) {
            if (!ACCEPTED_FIELDS.contains(key)) {
                errors.add(new FieldError(key.length() <= MAX_LENGTH ? key : "request", "is not accepted; give id (and sendEmail)"));
            }
        }
        String id = id(input.get("id"), errors);
        Object sendEmail = input.get("sendEmail");
        if (sendEmail != null && !(sendEmail instanceof Boolean)) {
            errors.add(new FieldError("sendEmail", "must be true or false"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ActivationRequest(id, !Boolean.FALSE.equals(sendEmail));
    }

    private static String id(Object value, List<FieldError> errors) {
        if (!(value instanceof String text) || text.isBlank()) {
            errors.add(new FieldError("id", "is required: the Okta user's id"));
            return null;
        }
        String id = text.strip();
        // Okta ids are ASCII; a surrogate, lone, would be sent as '?', which a path must not hold.
        if (id.length() > MAX_LENGTH
                || id.chars().anyMatch(c -> Character.isISOControl(c) || Character.isSurrogate((char) c) || c == '/' || c == '?')) {
            errors.add(new FieldError("id", "must be an Okta user id, e.g. 00ub0oNGTSWTBKOLGLNR"));
            return null;
        }
        if (id.equalsIgnoreCase(OktaClient.RESERVED_ME)) {
            // Okta reads "me" as the API credential's own user, usually a super admin.
            errors.add(new FieldError("id", "must not be \"me\"; give the user's id"));
            return null;
        }
        return id;
    }
}
