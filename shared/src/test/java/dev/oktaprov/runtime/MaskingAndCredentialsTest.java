package dev.oktaprov.runtime;

import dev.oktaprov.credentials.OktaCredentials;
import dev.oktaprov.credentials.Secret;
import dev.oktaprov.credentials.StaticTokenCredentialSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.time.Deadline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskingAndCredentialsTest {

    private static final String TOKEN = "00SECRETtokenVALUE";

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "jane.doe@example.com|j***@e***.com",
        "a@b.co.uk|a***@b***.uk",
        "jane|j***",
        "jane@localhost|j***@l***",
        "@example.com|@***",
        "NULL|''"})
    void masksEmailsAndLogins(String value, String masked) {
        assertThat(Masking.maskEmail(value)).isEqualTo(masked);
        assertThat(Masking.maskLogin(value)).isEqualTo(masked);
    }

    @Test
    void usersPrintWithoutPersonalData() {
        dev.oktaprov.okta.model.User user = new dev.oktaprov.okta.model.User("00u1", "ACTIVE", null, null, null, null, null,
                null, null, null, dev.oktaprov.okta.model.Profile.of("jane.doe@example.com", "Jane", "Doe", "jane@example.com", null));

        assertThat(user.toString()).isEqualTo("User[id=00u1, status=ACTIVE, profile=Profile[login, firstName, lastName, email]]");
    }

    @Test
    void parsesAnApiTokenSecret() {
        OktaCredentials.ApiToken credentials = (OktaCredentials.ApiToken) OktaCredentials.parse("{\"apiToken\":\" " + TOKEN + " \"}", "test");

        assertThat(credentials.authorizationHeader()).isEqualTo("SSWS " + TOKEN);
        assertThat(credentials.toString()).doesNotContain(TOKEN);
    }

    @Test
    void unknownShapesAreConfigurationErrorsThatNeverQuoteTheSecret() {
        for (String secret : new String[] {
            TOKEN, "{\"token\":\"" + TOKEN + "\"}", "[\"" + TOKEN + "\"]", "{\"apiToken\":42}",
            "{\"apiToken\":\"" + TOKEN + " x\"}", "{\"clientId\":\"0oa1\",\"privateKey\":\"" + TOKEN + "\"}",
            "{\"apiToken\":\"" + TOKEN}) {
            ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                    () -> OktaCredentials.parse(secret, "named by OKTA_SECRET_ID"));
            assertThat(e).as(secret).isNotNull();
            assertThat(e.getMessage()).contains("OKTA_SECRET_ID").doesNotContain(TOKEN);
            assertThat(e.getCause()).isNull();
        }
    }

    @Test
    void oauthSecretsGetAClearMessage() {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> OktaCredentials.parse("{\"clientId\":\"0oa1\",\"privateKey\":\"k\"}", "s"));
        assertThat(e.getMessage()).contains("an OAuth service app needs clientId, privateKey and keyId");
    }

    @Test
    void staticTokenSource() {
        StaticTokenCredentialSource source = new StaticTokenCredentialSource(Secret.of(TOKEN));
        source.invalidate();
        assertThat(source.authorizationHeader(Deadline.none())).isEqualTo("SSWS " + TOKEN);
        assertThat(source.toString()).doesNotContain(TOKEN);
    }
}
