package dev.oktaprov.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oktaprov.errors.FieldError;
import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.testsupport.MutableClock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The create form's start date: when the user is activated, and which dates and zones are refused. */
class StartDateValidationTest {

    /** Tuesday 1 December 2026, 10:00 UTC. */
    private final MutableClock clock = MutableClock.at("2026-12-01T10:00:00Z");

    private static Map<String, Object> hire(Consumer<Map<String, Object>> change) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("firstName", "Jane");
        input.put("lastName", "Doe");
        input.put("email", "jane.doe@example.com");
        input.put("login", "jane.doe@example.com");
        change.accept(input);
        return input;
    }

    private StartSchedule schedule(Consumer<Map<String, Object>> change) {
        return NewHireValidator.validate(hire(change), clock).schedule();
    }

    private InvalidInputException invalid(Consumer<Map<String, Object>> change) {
        return catchThrowableOfType(InvalidInputException.class, () -> NewHireValidator.validate(hire(change), clock));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            "2027-01-04, -,             -,     2027-01-04T08:00:00Z",
            "2027-01-04, Europe/Berlin, -,     2027-01-04T07:00:00Z",
            "2027-03-29, Europe/Berlin, -,     2027-03-29T06:00:00Z",
            "2027-01-04, +05:30,        -,     2027-01-04T02:30:00Z",
            "2027-01-04, America/New_York, 09:30, 2027-01-04T14:30:00Z",
            "2026-12-01, UTC,           10:00:05, 2026-12-01T10:00:05Z"})
    void theUserIsActivatedAtTheStartDatesActivationTimeInItsZone(String date, String zone, String time, String expected) {
        StartSchedule schedule = schedule(m -> {
            m.put("startDate", date);
            m.put("timeZone", zone);
            m.put("activationTime", time);
        });

        assertThat(schedule.activateAt()).isEqualTo(Instant.parse(expected));
        assertThat(schedule.startDate()).isEqualTo(LocalDate.parse(date));
        assertThat(schedule.waitsForStartDate()).isTrue();
    }

    @Test
    void aStartDateThatHasComeActivatesAtOnceEvenThirtyDaysLate() {
        StartSchedule today = schedule(m -> m.put("startDate", "2026-12-01"));
        StartSchedule monthAgo = schedule(m -> m.put("startDate", "2026-11-01"));

        assertThat(today.activateAt()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
        assertThat(today.waitsForStartDate()).isFalse();
        assertThat(monthAgo.waitsForStartDate()).isFalse();
    }

    @Test
    void theClockDecidesWhetherTheHireWaits() {
        Map<String, Object> input = hire(m -> m.put("startDate", "2026-12-01"));
        clock.set(Instant.parse("2026-12-01T07:59:59Z"));

        assertThat(NewHireValidator.validate(input, clock).schedule().waitsForStartDate()).isTrue();
    }

    @Test
    void withoutAStartDateNothingIsScheduledAndActivateDecidesAsBefore() {
        NewHire hire = NewHireValidator.validate(hire(m -> m.put("activate", true)), clock);

        assertThat(hire.schedule()).isNull();
        assertThat(hire.activatesOnCreate()).isTrue();
        assertThat(NewHireValidator.validate(hire(m -> {
            m.put("activate", true);
            m.put("startDate", "2027-01-04");
        }), clock).activatesOnCreate()).isFalse();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "startDate | 2027-12-01 | must be at most 364 days ahead (the onboarding workflow waits for it, and a Step"
                    + " Functions execution lasts at most a year)",
            "startDate | 2026-10-31 | is more than 30 days in the past; check the date (a start date up to 30 days past"
                    + " activates the user at once)",
            "startDate | 04/01/2027 | must be a date like 2027-01-04 (the time of day is activationTime, the zone timeZone)",
            "startDate | 2027-01-04T08:00:00Z | must be a date like 2027-01-04 (the time of day is activationTime, the zone"
                    + " timeZone)",
            "startDate | 2027-02-30 | is not a date of the calendar",
            "timeZone | Mars/Olympus_Mons | must be a time zone name like Europe/Berlin or an offset like +01:00",
            "activationTime | 8am | must be a time of day like 08:00 or 08:00:30",
            "activationTime | 24:00 | must be a time of day like 08:00 or 08:00:30"})
    void badStartDatesAreRefusedByField(String field, String value, String message) {
        InvalidInputException e = invalid(m -> {
            m.put("startDate", "2027-01-04");
            m.put(field, value);
        });

        assertThat(e.fieldErrors()).containsExactly(new FieldError(field, message));
    }

    @Test
    void aStartDateMustBeAString() {
        assertThat(invalid(m -> m.put("startDate", 20270104)).fieldErrors()).extracting(FieldError::field)
                .containsExactly("startDate");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        InvalidInputException e = invalid(m -> {
            m.put("email", "not-an-email");
            m.put("startDate", "2027-13-01");
            m.put("timeZone", "Nowhere/Land");
            m.put("activate", "false");
            m.put("nextLogin", "changePassword");
        });

        assertThat(e.fieldErrors()).extracting(FieldError::field)
                .contains("email", "startDate", "timeZone", "activate", "nextLogin");
    }

    @Test
    void aStartDateRulesOutNextLoginEvenWithActivateAndAPassword() {
        InvalidInputException e = invalid(m -> {
            m.put("startDate", "2027-01-04");
            m.put("activate", true);
            m.put("password", "Tr0ub4dor&3-horse");
            m.put("nextLogin", "changePassword");
        });

        assertThat(e.fieldErrors()).containsExactly(new FieldError("nextLogin", "cannot be combined with startDate: the user"
                + " is activated on its start date, not when it is created"));
    }

    @Test
    void aCallerThatCannotScheduleGetsTheSameHireWithoutAStartDate() {
        Map<String, Object> input = hire(m -> m.put("activate", true));

        assertThat(NewHireValidator.validateWithoutStartDate(input)).isEqualTo(NewHireValidator.validate(input, clock));
    }

    @Test
    void aZoneOrTimeWithoutAStartDateIsRefused() {
        InvalidInputException e = invalid(m -> {
            m.put("timeZone", "Europe/Berlin");
            m.put("activationTime", "09:00");
        });

        assertThat(e.fieldErrors()).containsExactly(new FieldError("timeZone", "is only accepted with startDate"),
                new FieldError("activationTime", "is only accepted with startDate"));
    }

    @Test
    void aCallerThatCannotScheduleRefusesStartDatesWithTheOtherProblems() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> NewHireValidator.validateWithoutStartDate(hire(m -> {
                    m.put("lastName", "");
                    m.put("startDate", "2027-01-04");
                    m.put("timeZone", "Europe/Berlin");
                })));

        assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("lastName", "startDate", "timeZone");
        assertThat(e.fieldErrors().get(1).message()).contains("onboarding queue or the onboarding workflow");
    }
}
