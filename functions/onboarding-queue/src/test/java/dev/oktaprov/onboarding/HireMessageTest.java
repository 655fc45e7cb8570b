package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HireMessageTest {

    private static HireMessage parse(String body) {
        return HireMessage.parse(new QueueMessage("m-1", "r-1", body, 1, null, Map.of()), Clock.systemUTC());
    }

    @Test
    void aValidBodyIsANewHire() {
        HireMessage hire = parse(Hires.hire("Zoë.Doe@Example.com", "Zoë", "Doe"));

        assertThat(hire.invalid()).isNull();
        assertThat(hire.hire().login()).isEqualTo("Zoë.Doe@Example.com");
        assertThat(hire.maskedLogin()).isEqualTo("Z***@E***.com");
    }

    @Test
    void loginsThatOktaTakesForTheSameAreOneGroup() {
        assertThat(parse(Hires.hire("Zoë.Doe@Example.com", "Zoë", "Doe")).loginKey())
                .isEqualTo(parse(Hires.hire("zoe.doe@example.COM", "Zoe", "Doe")).loginKey())
                .isNotEqualTo(parse(Hires.hire("zoe.doe2@example.com", "Zoe", "Doe")).loginKey());
    }

    @Test
    void aBodyFromAFileAWindowsEditorSavedIsANewHire() {
        HireMessage hire = parse("\uFEFF" + Hires.hire("ann.lee@example.com", "Ann", "Lee"));

        assertThat(hire.invalid()).isNull();
        assertThat(hire.loginKey()).isEqualTo(parse(Hires.hire("ann.lee@example.com", "Ann", "Lee")).loginKey());
    }

    @Test
    void bodiesThatAreNotOneJsonObjectAreMalformed() {
        assertThat(parse("{\"firstName\":").invalid().message()).startsWith("The message body is not well-formed JSON at line 1");
        assertThat(parse("[{\"firstName\":\"Ann\"}]").invalid().message()).isEqualTo("The message body is not a JSON object");
        assertThat(parse("{\"login\":\"a@b.co\"} {\"login\":\"c@d.co\"}").invalid().code()).isEqualTo("MALFORMED_JSON");
        assertThat(parse("{\"login\":\"a@b.co\",\"login\":\"c@d.co\"}").invalid().code()).isEqualTo("MALFORMED_JSON");
        assertThat(parse("").invalid().code()).isEqualTo("INVALID_INPUT");
        assertThat(parse("{\"firstName\":" + "9".repeat(2000) + "}").invalid().message())
                .as("beyond Jackson's number length: no location")
                .isEqualTo("The message body is not well-formed JSON");
    }

    @Test
    void aRepeatedKeyIsNamedForTheDlqWithoutItsValues() {
        Failure repeated = parse("{\"login\":\"a@b.co\",\"login\":\"c@d.co\"}").invalid();
        Failure hidden = parse("{\"a\\r\\nb\":1,\"a\\r\\nb\":2}").invalid();

        assertThat(repeated.code()).isEqualTo("MALFORMED_JSON");
        assertThat(repeated.message()).isEqualTo("The message body repeats the key 'login' at line 1, column 19;"
                + " a key may appear once in each JSON object");
        assertThat(hidden.message()).startsWith("The message body repeats a key at line 1").doesNotContain("\r", "\n");
    }

    @Test
    void anInvalidHireNamesEveryProblemButNoValue() {
        Failure invalid = parse("{\"firstName\":\"Ann\",\"login\":\"not-an-email\",\"password\":\"s3cret\",\"nextLogin\":\"changePassword\"}")
                .invalid();

        assertThat(invalid.kind()).isEqualTo(Failure.Kind.PERMANENT);
        assertThat(invalid.code()).isEqualTo("INVALID_INPUT");
        assertThat(invalid.message()).contains("lastName is required", "email is required", "login must be an email-like login",
                "nextLogin requires activate=true").doesNotContain("s3cret", "not-an-email");
    }
}
