package dev.oktaprov.provisioning;

import dev.oktaprov.errors.FieldError;
import dev.oktaprov.errors.InvalidInputException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

    private static final Set<String> BASE_PROFILE = Set.of("firstName", "lastName", "email", "login");
    private static final String LOCAL = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*";
    private static final String DOMAIN = "([\\p{L}\\p{N}]([\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)+[\\p{L}]{2,}";
    private static final Pattern EMAIL = Pattern.compile(LOCAL + "@" + DOMAIN);
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,99}");
    private static final int MAX_PASSWORD = 256;
    private static final int MAX_ATTRIBUTE_VALUE = 10_000;

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
        Map<String, Object> extra = profile(input.get("profile"), base, errors);
        StartSchedule schedule = startDates ? StartDates.read(input, clock, errors) : null;
        if (!startDates) {
            refuseStartDates(input, errors);
        } else if (input.get("startDate") != null) {
            scheduledActivation(input.get("activate") != null && Boolean.FALSE.equals(activate), input.get("nextLogin") != null,
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
            errors.add(new FieldError(field, "must be a string, not " + typeOf(value)));
            return null;
        }
        String text = raw.strip();
        if (text.isEmpty()) {
            errors.add(new FieldError(field, "must not be blank"));
            return null;
        }
        if (!characters(field, text, errors)) {
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
        errors.add(new FieldError("activate", "must be true or false, not " + typeOf(value)));
        return null;
    }

    private static List<String> groupIds(Object value, List<FieldError> errors) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            errors.add(new FieldError("groupIds", "must be an array of group ids, not " + typeOf(value)));
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
                errors.add(new FieldError(field, "must be a string, not " + typeOf(item)));
            } else if (id.isBlank()) {
                errors.add(new FieldError(field, "must not be empty"));
            } else if (characters(field, id, errors)) {
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
            errors.add(new FieldError("password", "must be a string, not " + typeOf(value)));
            return null;
        }
        if (password.isEmpty()) {
            errors.add(new FieldError("password", "must not be empty"));
            return null;
        }
        if (password.length() > MAX_PASSWORD) {
            errors.add(new FieldError("password", "must be at most " + MAX_PASSWORD + " characters long"));
            return null;
        }
        return characters("password", password, errors) ? password : null;
    }

    private static String nextLogin(Object value, boolean activate, String password, boolean passwordGiven,
            List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        if (!"changePassword".equals(value)) {
            errors.add(new FieldError("nextLogin", value instanceof String
                    ? "must be \"changePassword\""
                    : "must be the string \"changePassword\", not " + typeOf(value)));
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

    private static Map<String, Object> profile(Object value, Map<String, Object> base, List<FieldError> errors) {
        Map<String, Object> extra = new LinkedHashMap<>();
        if (value == null) {
            return extra;
        }
        if (!(value instanceof Map<?, ?> map)) {
            errors.add(new FieldError("profile", "must be an object of profile attributes, not " + typeOf(value)));
            return extra;
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String name = String.valueOf(entry.getKey());
            if (!ATTRIBUTE_NAME.matcher(name).matches()) {
                errors.add(new FieldError("profile", "attribute names must start with a letter and hold only letters, digits"
                        + " and underscores (at most 100)"));
                continue;
            }
            String field = "profile." + name;
            Object attribute = entry.getValue();
            if (BASE_PROFILE.contains(name)) {
                Object top = base.get(name);
                boolean same = attribute instanceof String s && top != null && s.strip().equals(top);
                if (!same && top != null) {
                    errors.add(new FieldError(field, "conflicts with the top-level " + name + "; give it once"));
                }
                continue;
            }
            if (scalar(field, attribute, errors)) {
                extra.put(name, attribute);
            } else if (attribute instanceof List<?> items) {
                boolean ok = true;
                for (int i = 0; i < items.size(); i++) {
                    Object item = items.get(i);
                    if (item instanceof List<?> || item instanceof Map<?, ?>) {
                        errors.add(new FieldError(field + "[" + i + "]", "must be a string, number, boolean or null"));
                        ok = false;
                    } else {
                        ok &= scalar(field + "[" + i + "]", item, errors);
                    }
                }
                if (ok) {
                    extra.put(name, new ArrayList<>(items));
                }
            } else if (attribute instanceof Map<?, ?>) {
                errors.add(new FieldError(field, "must be a string, number, boolean, null or an array of those, not an object"));
            }
        }
        return extra;
    }

    /** True when {@code value} is an acceptable scalar; adds an error when it is a bad string. */
    private static boolean scalar(String field, Object value, List<FieldError> errors) {
        if (value == null || value instanceof Boolean || value instanceof Number) {
            return true;
        }
        if (value instanceof String s) {
            if (s.length() > MAX_ATTRIBUTE_VALUE) {
                errors.add(new FieldError(field, "must be at most " + MAX_ATTRIBUTE_VALUE + " characters long"));
                return false;
            }
            return characters(field, s, errors);
        }
        return false;
    }

    /** A caller that creates the user now and activates nobody later. */
    private static void refuseStartDates(Map<String, Object> input, List<FieldError> errors) {
        for (String field : StartDates.FIELDS) {
            if (input.get(field) != null) {
                errors.add(new FieldError(field, "is not accepted here: this call creates the user now and activates nobody"
                        + " later; send a hire with a start date to the onboarding queue or the onboarding workflow"));
            }
        }
    }

    /** What a start date rules out: an activation when the user is created. */
    private static void scheduledActivation(boolean activateFalse, boolean nextLogin, List<FieldError> errors) {
        if (activateFalse) {
            errors.add(new FieldError("activate", "must not be false with a startDate: the start date schedules the"
                    + " activation (leave activate out)"));
        }
        if (nextLogin) {
            errors.add(new FieldError("nextLogin", "cannot be combined with startDate: the user is activated on its start"
                    + " date, not when it is created"));
        }
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
            String field = key.length() <= 100 && isPrintable(key) ? key : "request";
            errors.add(new FieldError(field, "is not a known field" + hint));
        }
    }

    /** Okta stores only characters of up to 3 bytes in UTF-8 and no control characters. */
    private static boolean characters(String field, String text, List<FieldError> errors) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                errors.add(new FieldError(field, "must not contain emoji or other characters outside the Basic"
                        + " Multilingual Plane (4-byte UTF-8)"));
                return false;
            }
            if (Character.isISOControl(c)) {
                errors.add(new FieldError(field, "must not contain control characters"));
                return false;
            }
        }
        return true;
    }

    private static boolean isPrintable(String text) {
        return text.chars().noneMatch(c -> Character.isISOControl(c) || Character.isSurrogate((char) c));
    }

    private static String typeOf(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
