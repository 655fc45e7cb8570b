package dev.oktaprov.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** "The same login" as Okta holds it unique: one definition for the create's look-up and the onboarding queue's groups. */
class LoginKeyTest {

    @ParameterizedTest(name = "[{0}] is [{1}]")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "Jane.Doe@Example.COM|jane.doe@example.com",
        "  jane.doe@example.com\t|jane.doe@example.com",
        "Zoë.Doe@example.com|zoe.doe@example.com",
        // The same accent written as one character (NFC) and as a letter with a combining mark (NFD).
        "Zo\u00EB@example.com|Zoe\u0308@example.com",
        "José.García@Example.com|jose.garcia@example.com",
        "ÅSA.STRÖM@example.com|asa.strom@example.com"})
    void oktaCountsTheseAsOneLogin(String one, String other) {
        assertThat(LoginKey.of(one)).isEqualTo(LoginKey.of(other));
        assertThat(LoginKey.same(one, other)).isTrue();
    }

    @ParameterizedTest(name = "[{0}] is not [{1}]")
    @CsvSource(delimiter = '|', value = {
        "jane.doe@example.com|jane.doe2@example.com",
        "jane.doe@example.com|jane.doe@example.org",
        "jane+it@example.com|jane@example.com",
        "jane.doe@example.com|jane doe@example.com"})
    void otherLoginsStayApart(String one, String other) {
        assertThat(LoginKey.same(one, other)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(value = {"Jane.Doe@Example.COM,jane.doe@example.com", "' Zoë@x.io ',zoe@x.io"})
    void theKeyIsTheLoginStrippedOfCaseAndMarks(String login, String key) {
        assertThat(LoginKey.of(login)).isEqualTo(key);
    }

    @ParameterizedTest
    @CsvSource(value = {"jane.doe@example.com,", ",jane.doe@example.com", ","})
    void noLoginIsNobodysLogin(String one, String other) {
        assertThat(LoginKey.same(one, other)).isFalse();
    }
}
