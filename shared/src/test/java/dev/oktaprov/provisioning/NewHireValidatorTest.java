package dev.oktaprov.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oktaprov.errors.FieldError;
import dev.oktaprov.errors.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NewHireValidatorTest {

    static Map<String, Object> valid() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("firstName", "Jane");
        input.put("lastName", "Doe");
        input.put("email", "jane.doe@example.com");
        input.put("login", "jane.doe@example.com");
        return input;
    }

    static Map<String, Object> with(Consumer<Map<String, Object>> change) {
        Map<String, Object> input = valid();
        change.accept(input);
        return input;
    }

    static Stream<Arguments> invalidInputs() {
        return Stream.of(
                Arguments.of("missing first name", with(m -> m.remove("firstName")), "firstName", "is required"),
                Arguments.of("null last name", with(m -> m.put("lastName", null)), "lastName", "is required"),
                Arguments.of("number as name", with(m -> m.put("firstName", 42)), "firstName", "must be a string, not a number"),
                Arguments.of("array as email", with(m -> m.put("email", List.of("a@b.co"))), "email", "must be a string, not an array"),
                Arguments.of("blank name", with(m -> m.put("lastName", "   ")), "lastName", "must not be blank"),
                Arguments.of("51-character name", with(m -> m.put("firstName", "x".repeat(51))), "firstName",
                        "must be 1-50 characters long, was 51"),
                Arguments.of("short login", with(m -> m.put("login", "a@b")), "login", "must be 5-100 characters long, was 3"),
                Arguments.of("long email", with(m -> m.put("email", "a".repeat(95) + "@b.com")), "email",
                        "must be 5-100 characters long, was 101"),
                Arguments.of("email without domain", with(m -> m.put("email", "jane.doe@")), "email",
                        "must be an email address, e.g. jane.doe@example.com"),
                Arguments.of("email with space", with(m -> m.put("email", "jane doe@example.com")), "email",
                        "must be an email address, e.g. jane.doe@example.com"),
                Arguments.of("login not email-like", with(m -> m.put("login", "jane.doe")), "login",
                        "must be an email-like login, e.g. jane.doe@example.com"),
                Arguments.of("emoji in a name", with(m -> m.put("firstName", "Jane \uD83D\uDE00")), "firstName",
                        "must not contain emoji or other characters outside the Basic Multilingual Plane (4-byte UTF-8)"),
                Arguments.of("control character", with(m -> m.put("lastName", "Do\u0000e")), "lastName",
                        "must not contain control characters"),
                Arguments.of("activate as number", with(m -> m.put("activate", 1)), "activate", "must be true or false, not a number"),
                Arguments.of("activate as yes", with(m -> m.put("activate", "yes")), "activate", "must be true or false, not a string"),
                Arguments.of("groupIds not an array", with(m -> m.put("groupIds", "00g1")), "groupIds",
                        "must be an array of group ids, not a string"),
                Arguments.of("21 groups", with(m -> m.put("groupIds", Collections.nCopies(21, "00g1"))), "groupIds",
                        "must have at most 20 group ids, had 21"),
                Arguments.of("empty group id", with(m -> m.put("groupIds", List.of("00g1", ""))), "groupIds[1]", "must not be empty"),
                Arguments.of("number group id", with(m -> m.put("groupIds", List.of(7))), "groupIds[0]", "must be a string, not a number"),
                Arguments.of("nextLogin other value", with(m -> {
                    m.put("activate", true);
                    m.put("password", "pw-123456");
                    m.put("nextLogin", "resetPassword");
                }), "nextLogin", "must be \"changePassword\""),
                Arguments.of("password as number", with(m -> m.put("password", 1234)), "password", "must be a string, not a number"),
                Arguments.of("profile not an object", with(m -> m.put("profile", List.of())), "profile",
                        "must be an object of profile attributes, not an array"),
                Arguments.of("profile overrides email", with(m -> m.put("profile", Map.of("email", "other@example.com"))),
                        "profile.email", "conflicts with the top-level email; give it once"),
                Arguments.of("nested profile object", with(m -> m.put("profile", Map.of("address", Map.of("city", "Paris")))),
                        "profile.address", "must be a string, number, boolean, null or an array of those, not an object"),
                Arguments.of("emoji in profile array", with(m -> m.put("profile", Map.of("tags", List.of("ok", "\uD83C\uDF89")))),
                        "profile.tags[1]",
                        "must not contain emoji or other characters outside the Basic Multilingual Plane (4-byte UTF-8)"),
                Arguments.of("typo in field name", with(m -> m.put("firstname", "Jane")), "firstname",
                        "is not a known field; did you mean firstName?"),
                Arguments.of("unknown field", with(m -> m.put("department", "R&D")), "department",
                        "is not a known field; accepted fields are firstName, lastName, email, login, activate, groupIds,"
                                + " nextLogin, password, profile, startDate, timeZone, activationTime (further attributes go"
                                + " under profile)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInputs")
    void reportsTheFieldAndWhy(String title, Map<String, Object> input, String field, String message) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> NewHireValidator.validate(input));

        assertThat(e).as(title).isNotNull();
        assertThat(e.fieldErrors()).as(title).contains(new FieldError(field, message));
        assertThat(e.code()).isEqualTo("INVALID_INPUT");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("lastName", 7);
        input.put("email", "nope");
        input.put("activate", "maybe");
        input.put("nickname", "JD");

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> NewHireValidator.validate(input));

        assertThat(e.fieldErrors()).extracting(FieldError::field)
                .containsExactly("firstName", "lastName", "email", "login", "activate", "nickname");
    }

    @Test
    void nextLoginNeedsActivationAndAPassword() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> NewHireValidator.validate(with(m -> m.put("nextLogin", "changePassword"))));

        assertThat(e.fieldErrors()).containsExactly(
                new FieldError("nextLogin", "requires activate=true"),
                new FieldError("nextLogin", "requires a password"));
    }

    @Test
    void passwordNeverAppearsInErrorsOrToString() {
        String password = "hunter2-\u0007-secret";
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> NewHireValidator.validate(with(m -> m.put("password", password))));
        assertThat(e.getMessage()).doesNotContain("hunter2");

        NewHire hire = NewHireValidator.validate(with(m -> m.put("password", "hunter2-secret")));
        assertThat(hire.password()).isEqualTo("hunter2-secret");
        assertThat(hire.toString()).doesNotContain("hunter2", "jane.doe");
        assertThat(hire.toCreateUserRequest().toString()).doesNotContain("hunter2", "jane.doe");
    }

    @Test
    void acceptsAFullRequestAndNormalisesIt() {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("department", "Engineering");
        profile.put("employeeNumber", 1234);
        profile.put("login", "jane+okta@example.com");
        profile.put("tags", new ArrayList<>(java.util.Arrays.asList("a", null, 3)));
        Map<String, Object> input = valid();
        input.put("firstName", "  Jane ");
        input.put("login", "jane+okta@example.com");
        input.put("activate", "True");
        input.put("groupIds", List.of("00g1", "00g2"));
        input.put("password", "Tr0ub4dor&3-horse");
        input.put("nextLogin", "changePassword");
        input.put("profile", profile);

        NewHire hire = NewHireValidator.validate(input);

        assertThat(hire.firstName()).isEqualTo("Jane");
        assertThat(hire.login()).isEqualTo("jane+okta@example.com");
        assertThat(hire.activate()).isTrue();
        assertThat(hire.groupIds()).containsExactly("00g1", "00g2");
        assertThat(hire.nextLogin()).isEqualTo("changePassword");
        assertThat(hire.extraProfile()).containsOnlyKeys("department", "employeeNumber", "tags");
        assertThat(hire.toCreateUserRequest().profile().attributes().keySet())
                .containsExactly("login", "firstName", "lastName", "email", "department", "employeeNumber", "tags");
    }

    @Test
    void activateDefaultsToFalseAndAcceptsBooleansAndStrings() {
        assertThat(NewHireValidator.validate(valid()).activate()).isFalse();
        assertThat(NewHireValidator.validate(with(m -> m.put("activate", true))).activate()).isTrue();
        assertThat(NewHireValidator.validate(with(m -> m.put("activate", "FALSE"))).activate()).isFalse();
    }

    @Test
    void loginsWithSpecialCharactersAreAccepted() {
        for (String login : List.of("a+b@example.com", "a/b@example.com", "what?@example.com", "o'brien#1@example.com",
                "ä.ö@exämple.com")) {
            assertThat(NewHireValidator.validate(with(m -> m.put("login", login))).login()).isEqualTo(login);
        }
    }

    @Test
    void aDecomposedLoginAndEmailAreAcceptedAndSentComposed() {
        String composed = "zo\u00eb.d\u00edaz@example.com";
        String decomposed = java.text.Normalizer.normalize(composed, java.text.Normalizer.Form.NFD);

        NewHire hire = NewHireValidator.validate(with(m -> {
            m.put("login", decomposed);
            m.put("email", decomposed);
            m.put("profile", Map.of("login", decomposed));
        }));

        assertThat(hire.login()).isEqualTo(composed);
        assertThat(hire.email()).isEqualTo(composed);
    }

    @Test
    void threeByteCharactersAreFine() {
        NewHire hire = NewHireValidator.validate(with(m -> m.put("lastName", "山田 Ñúñez")));
        assertThat(hire.lastName()).isEqualTo("山田 Ñúñez");
    }

    @Test
    void notAnObjectAtAll() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> NewHireValidator.validate(null));
        assertThat(e.fieldErrors()).containsExactly(new FieldError("request", "must be a JSON object"));
    }
}
