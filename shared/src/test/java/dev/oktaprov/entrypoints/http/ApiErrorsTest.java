package dev.oktaprov.entrypoints.http;

import dev.oktaprov.okta.OktaJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.errors.FieldError;
import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.errors.LoginConflictException;
import dev.oktaprov.errors.NotFoundException;
import dev.oktaprov.errors.OktaAccessDeniedException;
import dev.oktaprov.errors.RateLimitedException;
import dev.oktaprov.errors.SecretsUnavailableException;
import dev.oktaprov.errors.TransientUpstreamException;
import dev.oktaprov.errors.UnexpectedOktaException;
import dev.oktaprov.errors.UserNotActivatableException;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {

    /** The payload Lambda hands API Gateway. */
    private static JsonNode written(HttpApiResponse response) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        response.writeTo(out);
        return OktaJson.MAPPER.readTree(out.toByteArray());
    }

    private static JsonNode body(HttpApiResponse response) throws Exception {
        return OktaJson.MAPPER.readTree(written(response).path("body").asText());
    }

    @Test
    void eachFailureHasItsStatusAndStableCode() throws Exception {
        Map<RuntimeException, Integer> statuses = Map.ofEntries(
                Map.entry(InvalidInputException.of("email", "is required"), 400),
                Map.entry(new NotFoundException("Okta user", "req-1"), 404),
                Map.entry(new LoginConflictException("00u9", "req-2"), 409),
                Map.entry(new UserNotActivatableException("00u8", "DEPROVISIONED", null), 409),
                Map.entry(new RateLimitedException(42, "req-3"), 429),
                Map.entry(new TransientUpstreamException("Okta answered HTTP 503", "req-4"), 503),
                Map.entry(new UnexpectedOktaException("Okta answered HTTP 418", "req-5"), 502),
                Map.entry(new OktaAccessDeniedException(401, "E0000011", "req-6"), 502),
                Map.entry(new ConfigurationException("OKTA_SECRET_ID is required"), 500),
                Map.entry(new SecretsUnavailableException("Secrets Manager is unavailable"), 503),
                Map.entry(new HttpApiException(413, HttpApiException.PAYLOAD_TOO_LARGE, "too big"), 413),
                Map.entry(new IllegalStateException("boom"), 500));

        for (Map.Entry<RuntimeException, Integer> expected : statuses.entrySet()) {
            JsonNode response = written(ApiErrors.response(expected.getKey(), "api-req"));
            assertThat(response.path("statusCode").asInt()).as(expected.getKey().getClass().getSimpleName())
                    .isEqualTo(expected.getValue());
            assertThat(response.path("headers").path("content-type").asText()).isEqualTo("application/json");
        }
        assertThat(ApiErrors.code(new RateLimitedException(1, null))).isEqualTo("RATE_LIMITED");
        assertThat(ApiErrors.code(new SecretsUnavailableException("x"))).isEqualTo("SECRETS_UNAVAILABLE");
        assertThat(ApiErrors.code(new UserNotActivatableException("00u8", "SUSPENDED", null))).isEqualTo("USER_NOT_ACTIVATABLE");
        assertThat(ApiErrors.code(new NullPointerException())).isEqualTo("INTERNAL_ERROR");
    }

    @Test
    void invalidInputListsEveryFieldAndTheRequestIds() throws Exception {
        InvalidInputException invalid = new InvalidInputException(List.of(new FieldError("email", "must be an email address"),
                new FieldError("lastName", "is required")), "okta-req-7");

        JsonNode body = body(ApiErrors.response(invalid, "api-req-7"));

        assertThat(body.path("code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(body.path("details")).hasSize(2);
        assertThat(body.path("details").get(0).path("field").asText()).isEqualTo("email");
        assertThat(body.path("details").get(0).path("message").asText()).isEqualTo("must be an email address");
        assertThat(body.path("oktaRequestId").asText()).isEqualTo("okta-req-7");
        assertThat(body.path("requestId").asText()).isEqualTo("api-req-7");
    }

    @Test
    void rateLimitedCarriesRetryAfter() throws Exception {
        JsonNode response = written(ApiErrors.response(new RateLimitedException(37, null), "r"));

        assertThat(response.path("headers").path("retry-after").asText()).isEqualTo("37");
    }

    @Test
    void ourBugsShowNeitherTheirTextNorAStackTrace() throws Exception {
        RuntimeException bug = new IllegalStateException("secret-ish detail: SSWS 00abc");

        HttpApiResponse response = ApiErrors.response(bug, "api-req-9");

        assertThat(written(response).toString()).doesNotContain("SSWS").doesNotContain("IllegalState")
                .doesNotContain("at dev.");
        assertThat(body(response).path("message").asText()).contains("api-req-9");
        assertThat(body(response).has("details")).isFalse();
        assertThat(body(response).has("oktaRequestId")).isFalse();
    }
}
