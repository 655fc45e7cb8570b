package dev.oktaprov.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.okta.model.UserQuery;
import dev.oktaprov.provisioning.ListRequest;
import dev.oktaprov.provisioning.ProvisioningService;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A caller's search is wrapped in parentheses and joined to the structured conditions with
 * {@code and}: one that could close those parentheses would move a condition into one branch of
 * its {@code or}. Such searches are refused before Okta sees them.
 */
class SearchStructureTest {

    private static ListRequest search(String search) {
        return new ListRequest(null, null, search, "ACTIVE", Map.of("department", "Eng\") or (x"), null, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "profile.lastName eq \"Brock\") or (profile.lastName eq \"Smith\"",
        "profile.lastName eq \"Brock\")",
        "(profile.lastName eq \"Brock\"",
        "profile.lastName eq \"Brock",
        "profile.lastName eq \"Bro\\\"ck) or (x eq \"y\""})
    void searchesThatCouldCloseTheirGroupAreRefused(String search) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> ProvisioningService.toQuery(search(search)));

        assertThat(e.fieldErrors()).anySatisfy(error -> assertThat(error.field()).isEqualTo("search"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "profile.lastName eq \"Brock\" or profile.lastName eq \"Smith\"",
        "(profile.lastName eq \"Brock\") or (profile.lastName eq \"Smith\")",
        "profile.lastName eq \"O)Brien(\"",
        "profile.lastName eq \"a\\\"b)\""})
    void selfContainedSearchesStayOneGroup(String search) {
        UserQuery query = ProvisioningService.toQuery(search(search));

        assertThat(query.search()).startsWith("(" + search + ") and (status eq \"ACTIVE\")");
    }

    @Test
    void structuredValuesAreLiteralsWhateverTheyHold() {
        UserQuery query = ProvisioningService.toQuery(search("profile.lastName eq \"Brock\""));

        assertThat(query.search()).endsWith("(profile.department eq \"Eng\\\") or (x\")");
    }
}
