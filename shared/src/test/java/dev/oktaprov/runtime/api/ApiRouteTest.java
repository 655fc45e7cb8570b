package dev.oktaprov.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRouteTest {

    private static final ApiRoute GET_USER = ApiRoute.of("GET", "/users/{id+}");
    private static final ApiRoute LIST = ApiRoute.of("GET", "/users");

    private static HttpApiRequest request(String method, String rawPath, String routeKey, String stage, Map<String, String> params) {
        Map<String, Object> event = new HashMap<>(Priming.httpEvent(method, rawPath, routeKey, params, Map.of(), null));
        @SuppressWarnings("unchecked")
        Map<String, Object> context = new HashMap<>((Map<String, Object>) event.get("requestContext"));
        context.put("stage", stage);
        event.put("requestContext", context);
        return HttpApiRequest.from(event);
    }

    @Test
    void theRouteKeyDecidesWhenApiGatewayGivesOne() {
        HttpApiRequest greedy = request("GET", "/users/it/ops@example.com", "GET /users/{id+}", "$default",
                Map.of("id", "it/ops@example.com"));
        HttpApiRequest single = request("GET", "/users/00u1", "GET /users/{id}", "$default", Map.of("id", "00u1"));

        assertThat(GET_USER.match(greedy).pathParameter("id")).contains("it/ops@example.com");
        assertThat(GET_USER.match(single).pathParameter("id")).contains("00u1");
        assertThatThrownBy(() -> GET_USER.match(request("GET", "/groups/1", "GET /groups/{id}", "$default", Map.of())))
                .isInstanceOfSatisfying(HttpApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> GET_USER.match(request("DELETE", "/users/00u1", "DELETE /users/{id}", "$default", Map.of())))
                .isInstanceOfSatisfying(HttpApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(405);
                    assertThat(e.headers()).containsEntry("Allow", "GET");
                });
    }

    @Test
    void withoutARouteKeyThePathIsMatchedAsHttpApiDecodedIt() {
        HttpApiRequest slashLogin = request("GET", "/users/it/ops@example.com", "$default", "$default", Map.of());
        HttpApiRequest plusLogin = request("GET", "/users/jane+ops@example.com", null, "$default", Map.of());

        assertThat(GET_USER.match(slashLogin).pathParameter("id")).contains("it/ops@example.com");
        assertThat(GET_USER.match(plusLogin).pathParameter("id")).contains("jane+ops@example.com");
        assertThat(LIST.match(request("GET", "/users/", "$default", "$default", Map.of())).pathParameters()).isEmpty();
        assertThatThrownBy(() -> GET_USER.match(request("GET", "/users", "$default", "$default", Map.of())))
                .isInstanceOfSatisfying(HttpApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> LIST.match(request("GET", "/users/00u1", "$default", "$default", Map.of())))
                .isInstanceOfSatisfying(HttpApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> LIST.match(request("POST", "/users", "$default", "$default", Map.of())))
                .isInstanceOfSatisfying(HttpApiException.class, e -> assertThat(e.status()).isEqualTo(405));
    }

    @Test
    void aNamedStageIsNotPartOfTheRoute() {
        HttpApiRequest staged = request("GET", "/prod/users/00u1", "$default", "prod", Map.of());

        assertThat(GET_USER.match(staged).pathParameter("id")).contains("00u1");
    }

    @Test
    void aNotFoundMessageDoesNotRepeatALoginFromThePath() {
        assertThatThrownBy(() -> LIST.match(request("GET", "/people/jane.doe@example.com", "$default", "$default", Map.of())))
                .hasMessageNotContaining("jane.doe");
    }
}
