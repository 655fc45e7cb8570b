package dev.oktaprov.okta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oktaprov.errors.FieldError;
import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.errors.OktaProvisioningException;
import dev.oktaprov.errors.TransientUpstreamException;
import dev.oktaprov.errors.UnexpectedOktaException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Okta's error answers as the caller gets them, including the ones that say little or nothing readable. */
class OktaErrorsTest {

    private static OktaProvisioningException answered(int status, String body) {
        return OktaErrors.toException(status, body == null ? null : body.getBytes(StandardCharsets.UTF_8), "req-1", "Okta user");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "not json", "{\"errorCode\": null, \"errorSummary\": null, \"errorCauses\": []}"})
    void aRefusalWithoutAnythingReadableIsOneRequestError(String body) {
        assertThat(answered(400, body)).isInstanceOfSatisfying(InvalidInputException.class, e ->
                assertThat(e.fieldErrors()).containsExactly(new FieldError("request", "Okta refused the request")));
        assertThat(answered(400, null)).isInstanceOfSatisfying(InvalidInputException.class, e ->
                assertThat(e.fieldErrors()).containsExactly(new FieldError("request", "Okta refused the request")));
    }

    @Test
    void aRefusalWithASummaryButNoCausesCarriesTheSummaryAndCode() {
        assertThat(answered(400, "{\"errorCode\": \"E0000001\", \"errorSummary\": \"Api validation failed: profile\"}"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors())
                        .containsExactly(new FieldError("request", "Api validation failed: profile (E0000001)")));
        assertThat(answered(400, "{\"errorSummary\": \"Api validation failed\"}"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors())
                        .containsExactly(new FieldError("request", "Api validation failed")));
    }

    @Test
    void theMessageNamesOktasCodeOrSaysThereWasNone() {
        assertThat(answered(502, "<html>Bad Gateway</html>")).isExactlyInstanceOf(TransientUpstreamException.class)
                .hasMessage("Okta answered HTTP 502 (no Okta error code)");
        assertThat(answered(418, "{\"errorCode\": \"E0000999\"}")).isExactlyInstanceOf(UnexpectedOktaException.class)
                .hasMessage("Okta answered HTTP 418 (E0000999)");
    }
}
