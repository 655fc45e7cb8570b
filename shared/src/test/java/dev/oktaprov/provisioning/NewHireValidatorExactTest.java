package dev.oktaprov.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oktaprov.errors.FieldError;
import dev.oktaprov.errors.InvalidInputException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * What a caller reads back for one mistake: exactly the errors listed, no more (a field that failed
 * is never checked again as if it were empty), and for a good request exactly the hire it becomes.
 * Lengths are tried on both sides of each limit.
 */
class NewHireValidatorExactTest {

    private static final String EMAIL_HINT = "must be an email address, e.g. jane.doe@example.com";

    private static Map<String, Object> valid() {
        return NewHireValidatorTest.valid();
    }

    private static Map<String, Object> with(Consumer<Map<String, Object>> change) {
        return NewHireValidatorTest.with(change);
    }

    private static Map<String, Object> profile(Object... namesAndValues) {
        Map<String, Object> profile = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            profile.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return profile;
    }

    private static String emailOfLength(int length) {
        return "a".repeat(length - "@example.com".length()) + "@example.com";
    }

    static Stream<Arguments> exactErrors() {
        return Stream.of(
                Arguments.of("51 characters", with(m -> m.put("lastName", "x".repeat(51))),
                        List.of(new FieldError("lastName", "must be 1-50 characters long, was 51"))),
                Arguments.of("email of 4", with(m -> m.put("email", "a@bc")),
                        List.of(new FieldError("email", "must be 5-100 characters long, was 4"))),
                Arguments.of("email of 101", with(m -> m.put("email", emailOfLength(101))),
                        List.of(new FieldError("email", "must be 5-100 characters long, was 101"))),
                Arguments.of("a boolean name", with(m -> m.put("firstName", true)),
                        List.of(new FieldError("firstName", "must be a string, not a boolean"))),
                Arguments.of("an object as login", with(m -> m.put("login", Map.of())),
                        List.of(new FieldError("login", "must be a string, not an object"))),
                Arguments.of("another type", with(m -> m.put("firstName", new StringBuilder("Jane"))),
                        List.of(new FieldError("firstName", "must be a string, not a StringBuilder"))),
                Arguments.of("activate as an array", with(m -> m.put("activate", List.of(true))),
                        List.of(new FieldError("activate", "must be true or false, not an array"))),
                Arguments.of("a blank group id", with(m -> m.put("groupIds", List.of("00g1", " "))),
                        List.of(new FieldError("groupIds[1]", "must not be empty"))),
                Arguments.of("a group id with a control character", with(m -> m.put("groupIds", List.of("00g\u0001"))),
                        List.of(new FieldError("groupIds[0]", "must not contain control characters"))),
                Arguments.of("21 group ids, each fine", with(m -> m.put("groupIds", Collections.nCopies(21, "00g1"))),
                        List.of(new FieldError("groupIds", "must have at most 20 group ids, had 21"))),
                Arguments.of("an empty password", with(m -> m.put("password", "")),
                        List.of(new FieldError("password", "must not be empty"))),
                Arguments.of("257 characters of password", with(m -> m.put("password", "p".repeat(257))),
                        List.of(new FieldError("password", "must be at most 256 characters long"))),
                Arguments.of("a password with an emoji", with(m -> m.put("password", "pw\uD83D\uDE00pw")),
                        List.of(new FieldError("password", "must not contain emoji or other characters outside the Basic"
                                + " Multilingual Plane (4-byte UTF-8)"))),
                Arguments.of("nextLogin as a number", with(m -> m.put("nextLogin", 1)),
                        List.of(new FieldError("nextLogin", "must be the string \"changePassword\", not a number"))),
                Arguments.of("nextLogin with a password that is itself wrong", with(m -> {
                    m.put("activate", true);
                    m.put("password", "");
                    m.put("nextLogin", "changePassword");
                }), List.of(new FieldError("password", "must not be empty"))),
                Arguments.of("nextLogin without activation", with(m -> {
                    m.put("password", "pw-123456");
                    m.put("nextLogin", "changePassword");
                }), List.of(new FieldError("nextLogin", "requires activate=true"))),
                Arguments.of("nextLogin without a password", with(m -> {
                    m.put("activate", "true");
                    m.put("nextLogin", "changePassword");
                }), List.of(new FieldError("nextLogin", "requires a password"))),
                Arguments.of("a profile attribute name with a dash", with(m -> m.put("profile", profile("cost-center", "42"))),
                        List.of(new FieldError("profile", "attribute names must start with a letter and hold only letters,"
                                + " digits and underscores (at most 100)"))),
                Arguments.of("a profile attribute name of 101", with(m -> m.put("profile", profile("a".repeat(101), "x"))),
                        List.of(new FieldError("profile", "attribute names must start with a letter and hold only letters,"
                                + " digits and underscores (at most 100)"))),
                Arguments.of("a profile value of 10,001", with(m -> m.put("profile", profile("bio", "b".repeat(10_001)))),
                        List.of(new FieldError("profile.bio", "must be at most 10000 characters long"))),
                Arguments.of("an array holding an array", with(m -> m.put("profile", profile("tags", List.of("a", List.of("b"))))),
                        List.of(new FieldError("profile.tags[1]", "must be a string, number, boolean or null"))),
                Arguments.of("an array holding an object", with(m -> m.put("profile", profile("tags", List.of(Map.of("a", 1))))),
                        List.of(new FieldError("profile.tags[0]", "must be a string, number, boolean or null"))),
                Arguments.of("an array holding a long string", with(m -> m.put("profile", profile("tags", List.of("t".repeat(10_001))))),
                        List.of(new FieldError("profile.tags[0]", "must be at most 10000 characters long"))),
                Arguments.of("a base attribute again, differently", with(m -> m.put("profile", profile("firstName", "Janet"))),
                        List.of(new FieldError("profile.firstName", "conflicts with the top-level firstName; give it once"))),
                Arguments.of("a base attribute again, not a string", with(m -> m.put("profile", profile("lastName", 7))),
                        List.of(new FieldError("profile.lastName", "conflicts with the top-level lastName; give it once"))),
                Arguments.of("a base attribute again where the top-level one is wrong", with(m -> {
                    m.put("email", "not-an-email");
                    m.put("profile", profile("email", "jane.doe@example.com"));
                }), List.of(new FieldError("email", EMAIL_HINT))),
                Arguments.of("an unknown field of 101 characters", with(m -> m.put("x".repeat(101), 1)),
                        List.of(new FieldError("request", "is not a known field; accepted fields are firstName, lastName, email,"
                                + " login, activate, groupIds, nextLogin, password, profile, startDate, timeZone, activationTime (further attributes go under profile)"))),
                Arguments.of("an unknown field with a control character", with(m -> m.put("nick\u0007", 1)),
                        List.of(new FieldError("request", "is not a known field; accepted fields are firstName, lastName, email,"
                                + " login, activate, groupIds, nextLogin, password, profile, startDate, timeZone, activationTime (further attributes go under profile)"))),
                Arguments.of("an unknown field with an emoji", with(m -> m.put("nick\uD83D\uDE00", 1)),
                        List.of(new FieldError("request", "is not a known field; accepted fields are firstName, lastName, email,"
                                + " login, activate, groupIds, nextLogin, password, profile, startDate, timeZone, activationTime (further attributes go under profile)"))),
                Arguments.of("a field in the wrong case", with(m -> m.put("Profile", 1)),
                        List.of(new FieldError("Profile", "is not a known field; did you mean profile?"))),
                Arguments.of("an unknown field of 100 characters", with(m -> m.put("y".repeat(100), 1)),
                        List.of(new FieldError("y".repeat(100), "is not a known field; accepted fields are firstName, lastName,"
                                + " email, login, activate, groupIds, nextLogin, password, profile, startDate, timeZone, activationTime (further attributes go under profile)"))),
                Arguments.of("an emoji in the email", with(m -> m.put("email", "jane\uD83D\uDE00@example.com")),
                        List.of(new FieldError("email", "must not contain emoji or other characters outside the Basic"
                                + " Multilingual Plane (4-byte UTF-8)"))),
                Arguments.of("a control character in the login", with(m -> m.put("login", "jane\u0001doe@example.com")),
                        List.of(new FieldError("login", "must not contain control characters"))),
                Arguments.of("a null group id", with(m -> m.put("groupIds", java.util.Arrays.asList((Object) null))),
                        List.of(new FieldError("groupIds[0]", "must be a string, not null"))),
                Arguments.of("activation unreadable, with nextLogin", with(m -> {
                    m.put("activate", "yes");
                    m.put("password", "pw-123456");
                    m.put("nextLogin", "changePassword");
                }), List.of(new FieldError("activate", "must be true or false, not a string"),
                        new FieldError("nextLogin", "requires activate=true"))),
                // A top-level field that failed is not compared with its repetition in the profile.
                Arguments.of("a missing name given only in the profile", with(m -> {
                    m.remove("firstName");
                    m.put("profile", profile("firstName", "Jane"));
                }), List.of(new FieldError("firstName", "is required"))),
                Arguments.of("a name of the wrong type, repeated", with(m -> {
                    m.put("firstName", 7);
                    m.put("profile", profile("firstName", "7"));
                }), List.of(new FieldError("firstName", "must be a string, not a number"))),
                Arguments.of("a blank name, given in the profile", with(m -> {
                    m.put("lastName", " ");
                    m.put("profile", profile("lastName", "Doe"));
                }), List.of(new FieldError("lastName", "must not be blank"))),
                Arguments.of("a name with a control character, repeated", with(m -> {
                    m.put("lastName", "Do\u0001e");
                    m.put("profile", profile("lastName", "Do\u0001e"));
                }), List.of(new FieldError("lastName", "must not contain control characters"))),
                Arguments.of("a name too long, repeated", with(m -> {
                    m.put("lastName", "L".repeat(51));
                    m.put("profile", profile("lastName", "L".repeat(51)));
                }), List.of(new FieldError("lastName", "must be 1-50 characters long, was 51"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exactErrors")
    void oneMistakeIsReportedExactlyOnce(String title, Map<String, Object> input, List<FieldError> expected) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> NewHireValidator.validate(input));

        assertThat(e).as(title).isNotNull();
        assertThat(e.fieldErrors()).as(title).containsExactlyElementsOf(expected);
    }

    @Test
    void valuesAtEachLimitAreAccepted() {
        NewHire hire = NewHireValidator.validate(with(m -> {
            m.put("firstName", "F".repeat(50));
            m.put("lastName", "L");
            m.put("email", emailOfLength(100));
            m.put("login", "a@b.co");
            m.put("groupIds", Collections.nCopies(20, "00g1"));
            m.put("password", "p".repeat(256));
            m.put("profile", profile("a".repeat(100), "v".repeat(10_000)));
        }));

        assertThat(hire.firstName()).hasSize(50);
        assertThat(hire.lastName()).isEqualTo("L");
        assertThat(hire.email()).hasSize(100);
        assertThat(hire.login()).isEqualTo("a@b.co");
        assertThat(hire.groupIds()).hasSize(20);
        assertThat(hire.password()).hasSize(256);
        assertThat(hire.extraProfile()).containsOnlyKeys("a".repeat(100));
    }

    @Test
    void aGoodRequestBecomesExactlyThisHire() {
        Map<String, Object> input = with(m -> {
            m.put("lastName", " Doe ");
            m.put("activate", " TRUE ");
            m.put("groupIds", List.of(" 00g1 ", "00g2"));
            m.put("password", " spaces kept ");
            m.put("nextLogin", "changePassword");
            m.put("profile", profile("firstName", " Jane ", "costCenter", 42, "remote", false, "manager", null,
                    "tags", Arrays.asList("a", 1, null, true)));
        });

        NewHire hire = NewHireValidator.validate(input);

        assertThat(hire).isEqualTo(new NewHire("Jane", "Doe", "jane.doe@example.com", "jane.doe@example.com", true,
                List.of("00g1", "00g2"), "changePassword", " spaces kept ",
                profile("costCenter", 42, "remote", false, "manager", null, "tags", Arrays.asList("a", 1, null, true)), null));
        assertThat(hire.toString()).isEqualTo("NewHire[login=<masked>, activate=true, groupIds=[00g1, 00g2],"
                + " nextLogin=changePassword, password=***, extraProfile=[costCenter, remote, manager, tags], activateAt=none]");
    }

    @Test
    void aPasswordGivenAsNullIsNoPassword() {
        NewHire hire = NewHireValidator.validate(with(m -> m.put("password", null)));

        assertThat(hire.password()).isNull();
        assertThat(hire.toCreateUserRequest().password()).isNull();
    }

    @Test
    void aHireBuiltWithoutGroupsOrProfileHasNone() {
        NewHire hire = new NewHire("Jane", "Doe", "jane@example.com", "jane@example.com", false, null, null, null, null, null);

        assertThat(hire.groupIds()).isEmpty();
        assertThat(hire.extraProfile()).isEmpty();
    }

    @Test
    void activateAsAnyCaseStringOrBooleanAndNothingElse() {
        assertThat(NewHireValidator.validate(with(m -> m.put("activate", false))).activate()).isFalse();
        assertThat(NewHireValidator.validate(with(m -> m.put("activate", "false"))).activate()).isFalse();
        assertThat(NewHireValidator.validate(with(m -> m.put("activate", "tRuE"))).activate()).isTrue();
        assertThat(NewHireValidator.validate(with(m -> m.put("activate", null))).activate()).isFalse();
        assertThat(NewHireValidator.validate(valid()).toString()).contains("password=none");
    }
}
