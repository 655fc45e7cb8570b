package dev.oktaprov.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.oktaprov.errors.FieldError;
import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.okta.model.UserQuery;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A list request as Okta will receive it, or every problem with it at once. */
class ListQueryTest {

    @Test
    void aPlainRequestAsksForNothingButItsLimit() {
        assertThat(ProvisioningService.toQuery(ListRequest.firstPage(null)))
                .isEqualTo(new UserQuery(null, null, null, null, null, null, null));
        assertThat(ProvisioningService.toQuery(new ListRequest(" ", "", "  ", null, null, 1, " ")))
                .as("blank parts are absent").isEqualTo(new UserQuery(null, null, null, 1, null, null, null));
    }

    @Test
    void partsAreStrippedAndStructuredConditionsQuotedAndJoined() {
        Map<String, String> profile = new LinkedHashMap<>();
        profile.put(" profile.department ", "R&D \"West\"");
        profile.put("costCenter", "42");

        UserQuery query = ProvisioningService.toQuery(new ListRequest(" jane ", " status eq \"ACTIVE\" ",
                " profile.title sw \"Eng\" ", " staged ", profile, 200, " 00u1 "));

        assertThat(query).isEqualTo(new UserQuery("jane", "status eq \"ACTIVE\"",
                "(profile.title sw \"Eng\") and (status eq \"STAGED\") and (profile.department eq \"R&D \\\"West\\\"\")"
                        + " and (profile.costCenter eq \"42\")", 200, "00u1", null, null));
    }

    @Test
    void limitsFrom1To200() {
        assertThat(errors(new ListRequest(null, null, null, null, null, 0, null)))
                .containsExactly(new FieldError("limit", "must be 1-200, was 0"));
        assertThat(errors(new ListRequest(null, null, null, null, null, 201, null)))
                .containsExactly(new FieldError("limit", "must be 1-200, was 201"));
        assertThat(ProvisioningService.toQuery(ListRequest.firstPage(1)).limit()).isEqualTo(1);
        assertThat(ProvisioningService.toQuery(ListRequest.firstPage(200)).limit()).isEqualTo(200);
    }

    @Test
    void expressionsUpTo2000CharactersWithoutControlCharacters() {
        String longest = "a".repeat(2_000);
        assertThat(ProvisioningService.toQuery(new ListRequest(longest, null, null, null, null, null, null)).q()).isEqualTo(longest);

        assertThat(errors(new ListRequest("a".repeat(2_001), "x\u0001", null, null, null, null, "c\u007f")))
                .containsExactly(new FieldError("q", "must be at most 2000 characters long"),
                        new FieldError("filter", "must not contain control characters"),
                        new FieldError("after", "must not contain control characters"));
    }

    @Test
    void aSearchThatWouldNotStayInsideItsParenthesesIsRefusedOnce() {
        assertThat(errors(new ListRequest(null, null, "a eq \"b\") or (c eq \"d\"", null, null, null, null)))
                .containsExactly(new FieldError("search", "has unbalanced parentheses or an unterminated string"));
        assertThat(errors(new ListRequest(null, null, "a eq \"b", null, null, null, null)))
                .containsExactly(new FieldError("search", "has unbalanced parentheses or an unterminated string"));
        assertThat(errors(new ListRequest(null, null, "(a eq \"\u0001\"", null, null, null, null)))
                .as("a control character, reported alone").containsExactly(new FieldError("search", "must not contain control characters"));
        assertThat(errors(new ListRequest(null, null, "(" + "a".repeat(2_000), null, null, null, null)))
                .as("too long, reported alone").containsExactly(new FieldError("search", "must be at most 2000 characters long"));
        assertThat(ProvisioningService.toQuery(new ListRequest(null, null, "a eq \"x\\\")\"", null, null, null, null)).search())
                .as("an escaped quote inside a string").isEqualTo("a eq \"x\\\")\"");
    }

    @Test
    void aStatusOktaDoesNotKnowIsRefused() {
        assertThat(errors(new ListRequest(null, null, null, "ARCHIVED", null, null, null))).containsExactly(new FieldError("status",
                "must be one of ACTIVE, DEPROVISIONED, LOCKED_OUT, PASSWORD_EXPIRED, PROVISIONED, RECOVERY, STAGED, SUSPENDED"));
    }

    @Test
    void profileConditionsNeedAPlainAttributeNameAndAValue() {
        Map<String, String> profile = new HashMap<>();
        profile.put(null, "x");
        Map<String, String> dotted = new LinkedHashMap<>();
        dotted.put("address.city", "Paris");
        dotted.put("department", null);
        dotted.put("title", "a\u0001b");

        assertThat(errors(new ListRequest(null, null, null, null, profile, null, null)))
                .containsExactly(new FieldError("profile", "attribute names must hold only letters, digits and underscores"));
        assertThat(errors(new ListRequest(null, null, null, null, dotted, null, null))).containsExactly(
                new FieldError("profile", "attribute names must hold only letters, digits and underscores"),
                new FieldError("profile.department", "needs a value"),
                new FieldError("profile.title", "must not contain control characters"));
    }

    private static List<FieldError> errors(ListRequest request) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> ProvisioningService.toQuery(request));
        assertThat(e).as("refused").isNotNull();
        return e.fieldErrors();
    }
}
