package dev.oktaprov.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract check must be able to fail: each violation below is one a client bug would cause. */
class OktaContractTest {

    private static final Map<String, List<String>> AUTH = Map.of(
            "Authorization", List.of("SSWS token"), "Accept", List.of("application/json"),
            "Content-Type", List.of("application/json"));
    private static final String USER = """
            {"id":"00u1","status":"STAGED","created":"2026-01-05T09:59:58.000Z","activated":null,
             "lastUpdated":"2026-01-05T09:59:58.000Z","profile":{"login":"a@example.com","email":"a@example.com",
             "firstName":"A","lastName":"B"}}""";

    private final OktaContract contract = OktaContract.load();

    @Test
    void aConformingCreatePasses() {
        contract.validateRequest("POST", URI.create("/api/v1/users?activate=false"), AUTH,
                "{\"profile\":{\"login\":\"a@example.com\",\"email\":\"a@example.com\",\"firstName\":\"A\",\"lastName\":\"B\"}}");
    }

    @Test
    void aNonBooleanActivateFails() {
        assertThatThrownBy(() -> contract.validateRequest("POST", URI.create("/api/v1/users?activate=maybe"), AUTH,
                "{\"profile\":{\"login\":\"a@example.com\"}}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("POST /api/v1/users").hasMessageContaining("activate");
    }

    @Test
    void anUnknownNextLoginFails() {
        assertThatThrownBy(() -> contract.validateRequest("POST", URI.create("/api/v1/users?nextLogin=resetPassword"), AUTH,
                "{\"profile\":{\"login\":\"a@example.com\"}}")).isInstanceOf(AssertionError.class);
    }

    @Test
    void aCreateWithoutProfileFails() {
        assertThatThrownBy(() -> contract.validateRequest("POST", URI.create("/api/v1/users"), AUTH, "{\"groupIds\":[]}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("profile");
    }

    @Test
    void aRequestWithoutCredentialsFails() {
        assertThatThrownBy(() -> contract.validateRequest("GET", URI.create("/api/v1/users/00u1"), Map.of(), null))
                .isInstanceOf(AssertionError.class).hasMessageContaining("security");
    }

    @Test
    void aNonNumericLimitFails() {
        assertThatThrownBy(() -> contract.validateRequest("GET", URI.create("/api/v1/users?limit=lots"), AUTH, null))
                .isInstanceOf(AssertionError.class).hasMessageContaining("limit");
    }

    @Test
    void queryValuesAreDecodedBeforeValidation() {
        contract.validateRequest("GET", URI.create("http://127.0.0.1:1/api/v1/users?search=status%20eq%20%22ACTIVE%22&limit=200"),
                AUTH, null);
    }

    @Test
    void responsesAreCheckedToo() {
        contract.validateResponse("GET", "/api/v1/users/00u1", 200, Map.of("Content-Type", List.of("application/json")), USER);

        assertThatThrownBy(() -> contract.validateResponse("GET", "/api/v1/users/00u1", 200,
                Map.of("Content-Type", List.of("application/json")), USER.replace("STAGED", "HAPPY")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("status");
    }

    @Test
    void knowsWhatItCovers() {
        assertThat(contract.covers("GET", "/api/v1/users/00u1/groups")).isTrue();
        assertThat(contract.covers("GET", "/api/v1/groups/00g1/users")).isTrue();
        assertThat(contract.covers("POST", "/oauth2/v1/token")).isFalse();
        assertThat(contract.covers("PATCH", "/api/v1/users")).isFalse();
    }
}
