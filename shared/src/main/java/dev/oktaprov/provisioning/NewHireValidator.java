package dev.oktaprov.provisioning;

import dev.oktaprov.errors.FieldError;
import dev.oktaprov.errors.InvalidInputException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a create request before anything is sent to Okta, and reports every problem at once, per
 * field.
 *
 * <p>Accepted top-level fields (anything else is an error, so that typos are caught):
 * <ul>
 *   <li>{@code firstName}, {@code lastName} (required strings, 1-50 characters),
 *   <li>{@code email} (required, 5-100 characters, an email address),
 *   <li>{@code login} (required, 5-100 characters, an email-like login: Okta's default login pattern),
 *   <li>{@code activate} (boolean, or the strings "true"/"false" in any case; default false = STAGED),
 *   <li>{@code groupIds} (array of at most 20 non-empty strings),
 *   <li>{@code nextLogin} (only "changePassword", only with activate=true and a password),
 *   <li>{@code password} (string, 1-256 characters),
 *   <li>{@code profile} (object of further attributes: strings, numbers, booleans, null, or arrays of
 *       those; it may repeat a base attribute only with the same value),
 *   <li>{@code startDate} (a date like 2027-01-04, at most 364 days ahead and 30 days past), with
 *       optional {@code timeZone} (a zone name or offset; default UTC) and {@code activationTime} (a
 *       time of day; default 08:00): the user is created STAGED and activated at that moment (at once
 *       when it has passed). Not with {@code activate: false} or {@code nextLogin}.
 * </ul>
 * The four base strings are stripped of surrounding whitespace. No string anywhere may contain
 * control characters or characters outside the Basic Multilingual Plane (4-byte UTF-8, e.g. emoji),
 * which Okta does not store.
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

    /** As {@link #validate(Map, Clock)}, start dates checked against the system clock. */
    public static NewHire validate(Map<String, Object> input) {
        return validate(input, Clock.systemUTC());
    }

    /**
     * The validated new hire, or {@link InvalidInputException} listing every problem.
     *
     * @param clock today, for the start date's bounds and whether it has come
     */
    public static NewHire validate(Map<String, Object> input, Clock clock) {
        return validate(input, clock, true);
    }

    /**
     * As {@link #validate(Map, Clock)} for a caller that creates the user now and schedules nothing
     * ({@code POST /users}): a start date is refused with the other problems, rather than leaving a
     * STAGED user that nobody activates.
     */
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
        String text = raw.strip();
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
