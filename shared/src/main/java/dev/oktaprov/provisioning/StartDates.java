package dev.oktaprov.provisioning;

import dev.oktaprov.errors.FieldError;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a hire's {@code startDate}, {@code timeZone} and {@code activationTime} into a
 * {@link StartSchedule}, checked against the clock: at most {@value #MAX_DAYS_AHEAD} days ahead (a
 * Step Functions execution lasts at most a year, and it waits for the date), at most
 * {@value #GRACE_DAYS} days past (a late message still activates at once; an older date is a typo).
 */
final class StartDates {

    static final List<String> FIELDS = List.of("startDate", "timeZone", "activationTime");
    static final int MAX_DAYS_AHEAD = 364;
    static final int GRACE_DAYS = 30;
    /** The activation email is waiting when the hire arrives, not sent the evening before. */
    static final LocalTime DEFAULT_ACTIVATION_TIME = LocalTime.of(8, 0);

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}(:\\d{2})?");

    private StartDates() {}

    /** The schedule, or null when none is asked for or a field is wrong (then {@code errors} says why). */
    static StartSchedule read(Map<String, Object> input, Clock clock, List<FieldError> errors) {
        Object rawDate = input.get("startDate");
        if (rawDate == null) {
            for (String field : List.of("timeZone", "activationTime")) {
                if (input.get(field) != null) {
                    errors.add(new FieldError(field, "is only accepted with startDate"));
                }
            }
            return null;
        }
        int before = errors.size();
        LocalDate date = date(rawDate, errors);
        ZoneId zone = timeZone(input.get("timeZone"), errors);
        LocalTime time = activationTime(input.get("activationTime"), errors);
        if (errors.size() > before) {
            return null;
        }
        Instant now = clock.instant();
        Instant activateAt = date.atTime(time).atZone(zone).toInstant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        if (activateAt.isAfter(now.plus(Duration.ofDays(MAX_DAYS_AHEAD)))) {
            errors.add(new FieldError("startDate", "must be at most " + MAX_DAYS_AHEAD + " days ahead (the onboarding"
                    + " workflow waits for it, and a Step Functions execution lasts at most a year)"));
            return null;
        }
        if (date.isBefore(today.minusDays(GRACE_DAYS))) {
            errors.add(new FieldError("startDate", "is more than " + GRACE_DAYS + " days in the past; check the date"
                    + " (a start date up to " + GRACE_DAYS + " days past activates the user at once)"));
            return null;
        }
        return new StartSchedule(date, zone, time, activateAt, activateAt.isAfter(now));
    }

    private static LocalDate date(Object value, List<FieldError> errors) {
        if (value instanceof String text && DATE.matcher(text.strip()).matches()) {
            try {
                return LocalDate.parse(text.strip(), DateTimeFormatter.ISO_LOCAL_DATE);
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("startDate", "is not a date of the calendar"));
                return null;
            }
        }
        errors.add(new FieldError("startDate", "must be a date like 2027-01-04 (the time of day is activationTime,"
                + " the zone timeZone)"));
        return null;
    }

    private static ZoneId timeZone(Object value, List<FieldError> errors) {
        if (value == null) {
            return ZoneOffset.UTC;
        }
        if (value instanceof String text) {
            try {
                return ZoneId.of(text.strip());
            } catch (DateTimeException e) {
                // reported below
            }
        }
        errors.add(new FieldError("timeZone", "must be a time zone name like Europe/Berlin or an offset like +01:00"));
        return null;
    }

    private static LocalTime activationTime(Object value, List<FieldError> errors) {
        if (value == null) {
            return DEFAULT_ACTIVATION_TIME;
        }
        if (value instanceof String text && TIME.matcher(text.strip()).matches()) {
            try {
                return LocalTime.parse(text.strip());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        errors.add(new FieldError("activationTime", "must be a time of day like 08:00 or 08:00:30"));
        return null;
    }

    /** A caller that creates the user now and activates nobody later. */
    static void refuse(Map<String, Object> input, List<FieldError> errors) {
        for (String field : FIELDS) {
            if (input.get(field) != null) {
                errors.add(new FieldError(field, "is not accepted here: this call creates the user now and activates nobody"
                        + " later; send a hire with a start date to the onboarding queue or the onboarding workflow"));
            }
        }
    }

    /** What a start date rules out: an activation when the user is created. */
    static void ruleOutActivationOnCreate(boolean activateFalse, boolean nextLogin, List<FieldError> errors) {
        if (activateFalse) {
            errors.add(new FieldError("activate", "must not be false with a startDate: the start date schedules the"
                    + " activation (leave activate out)"));
        }
        if (nextLogin) {
            errors.add(new FieldError("nextLogin", "cannot be combined with startDate: the user is activated on its start"
                    + " date, not when it is created"));
        }
    }
}
