package dev.oktaprov.provisioning;

import dev.oktaprov.errors.FieldError;
import dev.oktaprov.errors.InvalidInputException;
import java.text.Normalizer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a create request (the form in docs/api.md) before anything is sent to Okta, and reports
 * every problem at once, per field; an unknown field is an error, so that typos are caught.
 */
public final class NewHireValidator {

    public static final List<String> ACCEPTED_FIELDS =
            List.of("firstName", "lastName", "email", "login", "activate", "groupIds", "nextLogin", "password", "profile",
                    "startDate", "timeZone", "activationTime");
    public static final int MAX_GROUP_IDS = 20;

    private static final String LOCAL = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*";
    private static final String DOMAIN = "([\\p{L}\\p{N}]([\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)+[\\p{L}]{2,}";
    private static final Pattern EMAIL = Pattern.compile(LOCAL + "@" + DOMAIN);
    private static final int MAX_PASSWORD = 256;

    private NewHireValidator() {}

    public static NewHire validate(Map<String, Object> input) {
        return validate(input, Clock.systemUTC());
    }

    /** The validated hire, or {@link InvalidInputException} listing every problem; the start date read by {@code clock}. */
    public static NewHire validate(Map<String, Object> input, Clock clock) {
        return validate(input, clock, true);
    }

    /** For {@code POST /users}: a start date is refused, rather than leaving a STAGED user that nobody activates. */
    public static NewHire validateWithoutStartDate(Map<String, Object> input) {
        return validate(input, Clock.systemUTC(), false);
    }

    private static NewHire validate(Map<String, Object> input, Clock clock, boolean startDates) {
        if (input == null) {
            throw InvalidInputException.of("request", "must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        String firstName = baseString(input, "firstName", 1, 50, false, errors);
        String lastName = baseString(input, "lastName", 1, 50, false, errors);
        String email = baseString(input, "email", 5, 100, true, errors);
        String login = baseString(input, "login", 5, 100, true, errors);
        Boolean activate = activate(input.get("activate"), errors);
        List<String> groupIds = groupIds(input.get("groupIds"), errors);
        String password = password(input.get("password"), errors);
        String nextLogin = nextLogin(input.get("nextLogin"), Boolean.TRUE.equals(activate), password, input.containsKey("password"), errors);
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("firstName", firstName);
        base.put("lastName", lastName);
        base.put("email", email);
        base.put("login", login);
        Map<String, Object> extra = ProfileAttributes.read(input.get("profile"), base, errors);
        StartSchedule schedule = startDates ? StartDates.read(input, clock, errors) : null;
        if (!startDates) {
            StartDates.refuse(input, errors);
        } else if (input.get("startDate") != null) {
            StartDates.ruleOutActivationOnCreate(input.get("activate") != null && Boolean.FALSE.equals(activate), input.get("nextLogin") != null,
                    errors);
        }
        unknownFields(input, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new NewHire(firstName, lastName, email, login, Boolean.TRUE.equals(activate), groupIds, nextLogin, password, extra,
                schedule);
    }

    private static String baseString(Map<String, Object> input, String field, int min, int max, boolean emailLike,
            List<FieldError> errors) {
        Object value = input.get(field);
        if (value == null) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (!(value instanceof String raw)) {
            errors.add(new FieldError(field, "must be a string, not " + TextRules.typeOf(value)));
            return null;
        }
        // A login typed on a Mac or exported by some HR tools is decomposed (e + U+0301): the pattern wants letters.
        String text = emailLike ? Normalizer.normalize(raw.strip(), Normalizer.Form.NFC) : raw.strip();
        if (text.isEmpty()) {
            errors.add(new FieldError(field, "must not be blank"));
            return null;
        }
        if (!TextRules.characters(field, text, errors)) {
            return null;
        }
        int length = text.length();
        if (length < min || length > max) {
            errors.add(new FieldError(field, "must be " + min + "-" + max + " characters long, was " + length));
            return null;
        }
        if (emailLike && !EMAIL.matcher(text).matches()) {
            errors.add(new FieldError(field, "login".equals(field)
                    ? "must be an email-like login, e.g. jane.doe@example.com"
                    : "must be an email address, e.g. jane.doe@example.com"));
            return null;
        }
        return text;
    }

    private static Boolean activate(Object value, List<FieldError> errors) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            String t = s.strip().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("false")) {
                return Boolean.parseBoolean(t);
            }
        }
        errors.add(new FieldError("activate", "must be true or false, not " + TextRules.typeOf(value)));
        return null;
    }

    private static List<String> groupIds(Object value, List<FieldError> errors) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            errors.add(new FieldError("groupIds", "must be an array of group ids, not " + TextRules.typeOf(value)));
            return List.of();
        }
        if (list.size() > MAX_GROUP_IDS) {
            errors.add(new FieldError("groupIds", "must have at most " + MAX_GROUP_IDS + " group ids, had " + list.size()));
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String field = "groupIds[" + i + "]";
            Object item = list.get(i);
            if (!(item instanceof String id)) {
                errors.add(new FieldError(field, "must be a string, not " + TextRules.typeOf(item)));
            } else if (id.isBlank()) {
                errors.add(new FieldError(field, "must not be empty"));
            } else if (TextRules.characters(field, id, errors)) {
                ids.add(id.strip());
            }
        }
        return ids;
    }

    private static String password(Object value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String password)) {
            errors.add(new FieldError("password", "must be a string, not " + TextRules.typeOf(value)));
            return null;
        }
        if (password.isEmpty()) {
            errors.add(new FieldError("password", "must not be empty"));
            return null;
        }
        return TextRules.atMost("password", password, MAX_PASSWORD, errors)
                && TextRules.characters("password", password, errors) ? password : null;
    }

    private static String nextLogin(Object value, boolean activate, String password, boolean passwordGiven,
            List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        if (!"changePassword".equals(value)) {
            errors.add(new FieldError("nextLogin", value instanceof String
                    ? "must be \"changePassword\""
                    : "must be the string \"changePassword\", not " + TextRules.typeOf(value)));
            return null;
        }
        if (!activate) {
            errors.add(new FieldError("nextLogin", "requires activate=true"));
        }
        if (password == null && !passwordGiven) {
            errors.add(new FieldError("nextLogin", "requires a password"));
        }
        return "changePassword";
    }

    private static void unknownFields(Map<String, Object> input, List<FieldError> errors) {
        for (String key : input.keySet()) {
            if (ACCEPTED_FIELDS.contains(key)) {
                continue;
            }
            String hint = ACCEPTED_FIELDS.stream()
                    .filter(known -> known.equalsIgnoreCase(key))
                    .findFirst()
                    .map(known -> "; did you mean " + known + "?")
                    .orElse("; accepted fields are " + String.join(", ", ACCEPTED_FIELDS)
                            + " (further attributes go under profile)");
            String field = key.length() <= 100 && TextRules.isPrintable(key) ? key : "request";
            errors.add(new FieldError(field, "is not a known field" + hint));
        }
    }
}
