package dev.oktaprov.provisioning;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.oktaprov.errors.FieldError;
import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.errors.LoginConflictException;
import dev.oktaprov.errors.NotFoundException;
import dev.oktaprov.errors.OktaAccessDeniedException;
import dev.oktaprov.errors.TransientUpstreamException;
import dev.oktaprov.errors.UserNotActivatableException;
import dev.oktaprov.okta.model.Group;
import dev.oktaprov.okta.model.JsonPage;
import dev.oktaprov.testing.OktaBodies;
import dev.oktaprov.testing.WireMockOkta;
import dev.oktaprov.testsupport.LeakWatch;
import dev.oktaprov.time.Deadline;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProvisioningServiceTest {

    private static final String LOGIN = "jane.doe@example.com";
    private static final String LOGIN_PATH = "/api/v1/users/jane.doe%40example.com";

    private WireMockOkta okta;
    private ProvisioningService service;

    @BeforeEach
    void start() {
        okta = new WireMockOkta();
        service = new ProvisioningService(okta.client());
    }

    @AfterEach
    void stop() {
        try {
            okta.assertRequestsConformToContract();
            okta.assertResponsesConformToContract();
        } finally {
            okta.close();
        }
    }

    private static NewHire jane() {
        return jane(Map.of());
    }

    private static NewHire jane(Map<String, Object> asked) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("firstName", "Jane");
        input.put("lastName", "Doe");
        input.put("email", "jane.doe@example.com");
        input.put("login", LOGIN);
        input.putAll(asked);
        return NewHireValidator.validate(input);
    }

    /** Jane's create is refused as taken: she exists, with {@code status} and in {@code groupIds}. */
    private void janeExists(String status, String... groupIds) {
        loginIsTaken();
        okta.server.stubFor(get(urlEqualTo(LOGIN_PATH)).willReturn(okJson(
                OktaBodies.user("00u7", LOGIN, "Jane", "Doe", LOGIN, status))));
        List<String> groups = Arrays.stream(groupIds).map(id -> OktaBodies.group(id, "Group " + id)).toList();
        okta.server.stubFor(get(urlEqualTo("/api/v1/users/00u7/groups")).willReturn(okJson("[" + String.join(",", groups) + "]")));
    }

    private int groupLookups() {
        return okta.server.findAll(getRequestedFor(urlEqualTo("/api/v1/users/00u7/groups"))).size();
    }

    private static List<String> warnings(LeakWatch watch) {
        return watch.logLines(Level.WARN).stream().map(LeakWatch.Line::text).toList();
    }

    private void loginIsTaken() {
        okta.server.stubFor(post(urlPathEqualTo("/api/v1/users")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withHeader("X-Okta-Request-Id", "req-dup")
                .withBody(OktaBodies.duplicateLogin())));
    }

    private int posts() {
        return okta.server.findAll(postRequestedFor(urlPathEqualTo("/api/v1/users"))).size();
    }

    private int lookups() {
        return okta.server.findAll(getRequestedFor(urlEqualTo(LOGIN_PATH))).size();
    }

    @Test
    void createsANewUser() {
        okta.server.stubFor(post(urlPathEqualTo("/api/v1/users")).willReturn(okJson(OktaBodies.user("00u1", LOGIN))));

        CreateResult result = service.create(jane(), Deadline.none());

        assertThat(result.outcome()).isEqualTo(CreateOutcome.CREATED);
        assertThat(result.user().id()).isEqualTo("00u1");
        assertThat(okta.requests().get(0).getUrl()).isEqualTo("/api/v1/users?activate=false");
    }

    @Test
    void samePersonAlreadyThereIsSuccessAlreadyExisted() {
        loginIsTaken();
        // Okta keeps what was stored; the request differs only in case and surrounding space.
        okta.server.stubFor(get(urlEqualTo(LOGIN_PATH)).willReturn(okJson(
                OktaBodies.user("00u7", "Jane.Doe@Example.com", "JANE", "doe", "JANE.DOE@example.com", "ACTIVE"))));

        CreateResult result = service.create(jane(), Deadline.none());

        assertThat(result.outcome()).isEqualTo(CreateOutcome.ALREADY_EXISTED);
        assertThat(result.user().id()).isEqualTo("00u7");
        assertThat(posts()).isEqualTo(1);
    }

    @Test
    void aHireWithAStartDateIsCreatedStagedAndAStagedExistingUserLeavesNothingUndone() {
        Map<String, Object> input = new LinkedHashMap<>(Map.of("firstName", "Jane", "lastName", "Doe",
                "email", LOGIN, "login", LOGIN, "activate", true, "startDate", "2099-01-04"));
        NewHire scheduled = NewHireValidator.validate(input, Clock.fixed(Instant.parse("2098-12-01T00:00:00Z"), ZoneOffset.UTC));
        loginIsTaken();
        okta.server.stubFor(get(urlEqualTo(LOGIN_PATH)).willReturn(okJson(
                OktaBodies.user("00u7", LOGIN, "Jane", "Doe", LOGIN, "STAGED"))));

        CreateResult result = service.create(scheduled, Deadline.none());

        assertThat(okta.requests().get(0).getUrl()).isEqualTo("/api/v1/users?activate=false");
        assertThat(result.outcome()).isEqualTo(CreateOutcome.ALREADY_EXISTED);
        assertThat(result.notApplied()).isEmpty();
    }

    @Test
    void anExistingUserSaysWhichOfTheAskedActivationAndGroupsItDoesNotReflect() {
        janeExists("STAGED", "00g1");

        try (LeakWatch watch = LeakWatch.start()) {
            CreateResult result = service.create(jane(Map.of("activate", true, "groupIds", List.of("00g1", "00g2"))),
                    Deadline.none());

            assertThat(result.outcome()).isEqualTo(CreateOutcome.ALREADY_EXISTED);
            assertThat(result.notApplied()).containsExactly("activate", "groupIds");
            assertThat(result.inactive()).isFalse();
            assertThat(warnings(watch)).singleElement().asString()
                    .contains("00u7 (STAGED); not applied: activate, groupIds").doesNotContain(LOGIN);
        }
    }

    @Test
    void anExistingUserActiveAndInEveryAskedGroupLeavesNothingUndoneAndIsNoWarning() {
        janeExists("ACTIVE", "00g3", "00g1");

        try (LeakWatch watch = LeakWatch.start()) {
            CreateResult result = service.create(jane(Map.of("activate", true, "groupIds", List.of("00g1"))), Deadline.none());

            assertThat(result.notApplied()).isEmpty();
            assertThat(result.inactive()).isFalse();
            assertThat(warnings(watch)).isEmpty();
        }
    }

    @Test
    void aDeactivatedExistingUserIsInactiveAndAWarningEvenWhenNothingElseWasAsked() {
        janeExists("DEPROVISIONED", "00g1");

        try (LeakWatch watch = LeakWatch.start()) {
            CreateResult result = service.create(jane(), Deadline.none());

            assertThat(result.outcome()).isEqualTo(CreateOutcome.ALREADY_EXISTED);
            assertThat(result.notApplied()).isEmpty();
            assertThat(result.inactive()).isTrue();
            assertThat(warnings(watch)).singleElement().asString().contains("00u7 (DEPROVISIONED); not applied: nothing");
        }
        assertThat(groupLookups()).as("no groups asked for, none read").isZero();
    }

    @Test
    void aLoginOktaHoldsTheSameDespiteItsAccentsIsTheSamePersonsUser() {
        loginIsTaken();
        // Okta refused the login as taken by one that differs only in a diacritic; the person is the same.
        okta.server.stubFor(get(urlEqualTo(LOGIN_PATH)).willReturn(okJson(
                OktaBodies.user("00u7", "Jäne.Doe@example.com", "Jane", "Doe", "jane.doe@example.com", "ACTIVE"))));

        CreateResult result = service.create(jane(), Deadline.none());

        assertThat(result.outcome()).isEqualTo(CreateOutcome.ALREADY_EXISTED);
        assertThat(result.user().id()).isEqualTo("00u7");
    }

    @Test
    void loginOfSomeoneElseIsAConflict() {
        loginIsTaken();
        okta.server.stubFor(get(urlEqualTo(LOGIN_PATH)).willReturn(okJson(
                OktaBodies.user("00u8", LOGIN, "Janet", "Doe", "jane.doe@example.com", "ACTIVE"))));

        LoginConflictException e = catchThrowableOfType(LoginConflictException.class, () -> service.create(jane(), Deadline.none()));

        assertThat(e.code()).isEqualTo("LOGIN_CONFLICT");
        assertThat(e.existingUserId()).isEqualTo("00u8");
        assertThat(e.oktaRequestId()).contains("req-dup");
    }

    @Test
    void lostAnswerThenTheUserExistsEndsAlreadyExistedWithoutASecondPost() {
        okta.expectOffContractResponses(); // a 504 from a gateway is not in Okta's spec
        okta.server.stubFor(post(urlPathEqualTo("/api/v1/users")).willReturn(aResponse().withStatus(504)));
        okta.server.stubFor(get(urlEqualTo(LOGIN_PATH)).willReturn(okJson(OktaBodies.user("00u1", LOGIN))));

        CreateResult result = service.create(jane(), Deadline.none());

        assertThat(result.outcome()).isEqualTo(CreateOutcome.ALREADY_EXISTED);
        assertThat(result.user().id()).isEqualTo("00u1");
        assertThat(posts()).as("never a second create").isEqualTo(1);
        assertThat(lookups()).as("the user read once, by the client's check before a resend").isEqualTo(1);
    }

    @Test
    void droppedConnectionOnCreateThenUserExistsIsAlreadyExisted() {
        okta.server.stubFor(post(urlPathEqualTo("/api/v1/users")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        okta.server.stubFor(get(urlEqualTo(LOGIN_PATH)).willReturn(okJson(OktaBodies.user("00u1", LOGIN))));

        CreateResult result = service.create(jane(), Deadline.none());

        assertThat(result.outcome()).isEqualTo(CreateOutcome.ALREADY_EXISTED);
        assertThat(posts()).isEqualTo(1);
    }

    @Test
    void lostAnswerAndNoUserYetPostsAgainAndCreates() {
        okta.expectOffContractResponses();
        okta.server.stubFor(post(urlPathEqualTo("/api/v1/users")).inScenario("lost").whenScenarioStateIs(STARTED)
                .willSetStateTo("up").willReturn(aResponse().withStatus(503)));
        okta.server.stubFor(post(urlPathEqualTo("/api/v1/users")).inScenario("lost").whenScenarioStateIs("up")
                .willReturn(okJson(OktaBodies.user("00u1", LOGIN))));
        okta.server.stubFor(get(urlEqualTo(LOGIN_PATH)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody(OktaBodies.error("E0000007", "Not found: Resource not found: x (User)"))));

        CreateResult result = service.create(jane(), Deadline.none());

        assertThat(result.outcome()).isEqualTo(CreateOutcome.CREATED);
        assertThat(posts()).isEqualTo(2);
        assertThat(okta.clock.advances()).hasSize(1);
    }

    @Test
    void takenButUnreadableIsTransient() {
        loginIsTaken();
        okta.server.stubFor(get(urlEqualTo(LOGIN_PATH)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody(OktaBodies.error("E0000007", "Not found: Resource not found: x (User)"))));

        assertThatThrownBy(() -> service.create(jane(), Deadline.none())).isInstanceOf(TransientUpstreamException.class);
    }

    @Test
    void getsAUserWithItsGroups() {
        okta.server.stubFor(get(urlEqualTo(LOGIN_PATH)).willReturn(okJson(OktaBodies.user("00u1", LOGIN))));
        okta.server.stubFor(get(urlEqualTo("/api/v1/users/00u1/groups")).willReturn(okJson(
                "[" + OktaBodies.group("00g1", "Everyone") + "," + OktaBodies.group("00g2", "Engineering") + "]")));

        UserWithGroups found = service.get(LOGIN, Deadline.none());

        assertThat(found.user().id()).isEqualTo("00u1");
        assertThat(found.groups()).extracting(Group::name).containsExactly("Everyone", "Engineering");
    }

    @Test
    void getOfAnAbsentUserIsNotFound() {
        okta.server.stubFor(get(urlEqualTo(LOGIN_PATH)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody(OktaBodies.error("E0000007", "Not found: Resource not found: x (User)"))));

        assertThatThrownBy(() -> service.get(LOGIN, Deadline.none())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void listTurnsStatusAndProfileValuesIntoAQuotedSearch() {
        okta.server.stubFor(get(urlPathEqualTo("/api/v1/users")).willReturn(okJson("[" + OktaBodies.user("00u1", LOGIN) + "]")));
        Map<String, String> profile = new LinkedHashMap<>();
        profile.put("department", "R&D \"West\"");

        JsonPage page = service.listJson(new ListRequest(null, null, "profile.title sw \"Eng\"", "active", profile, 25,
                "00u0"), Deadline.none());

        assertThat(new String(page.json(), StandardCharsets.UTF_8)).as("Okta's page as it came")
                .startsWith("[{\"id\":\"00u1\"").contains("\"login\":\"" + LOGIN + "\"");
        assertThat(okta.requests().get(0).getUrl()).isEqualTo("/api/v1/users?search="
                + "%28profile.title%20sw%20%22Eng%22%29%20and%20%28status%20eq%20%22ACTIVE%22%29%20and%20"
                + "%28profile.department%20eq%20%22R%26D%20%5C%22West%5C%22%22%29&limit=25&after=00u0");
    }

    @Test
    void listValidatesEveryParameterBeforeCallingOkta() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> service.listJson(
                new ListRequest(null, null, null, "HAPPY", Map.of("bad name", "x"), 500, null), Deadline.none()));

        assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactlyInAnyOrder("limit", "status", "profile");
        assertThat(okta.requests()).isEmpty();
    }

    @Test
    void listWithoutConditionsSendsNoSearch() {
        okta.server.stubFor(get(urlPathEqualTo("/api/v1/users")).willReturn(okJson("[]")));

        service.listJson(ListRequest.firstPage(200), Deadline.none());

        assertThat(okta.requests().get(0).getUrl()).isEqualTo("/api/v1/users?limit=200");
    }

    @Test
    void activateAndGroupsAndPasswordReachOkta() throws Exception {
        okta.server.stubFor(post(urlPathEqualTo("/api/v1/users")).willReturn(okJson(OktaBodies.user("00u1", LOGIN))));
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("firstName", "Jane");
        input.put("lastName", "Doe");
        input.put("email", "jane.doe@example.com");
        input.put("login", LOGIN);
        input.put("activate", "TRUE");
        input.put("password", "Tr0ub4dor&3-horse");
        input.put("nextLogin", "changePassword");
        input.put("groupIds", List.of("00g1"));
        input.put("profile", Map.of("department", "Engineering"));

        service.create(NewHireValidator.validate(input), Deadline.none());

        assertThat(okta.requests().get(0).getUrl()).isEqualTo("/api/v1/users?activate=true&nextLogin=changePassword");
        assertThat(okta.requests().get(0).getBodyAsString())
                .contains("\"department\":\"Engineering\"", "\"groupIds\":[\"00g1\"]", "\"value\":\"Tr0ub4dor&3-horse\"");
    }

    private void stagedUser(String transitioningTo) {
        okta.server.stubFor(get(urlEqualTo("/api/v1/users/00u5")).willReturn(okJson(OktaBodies.user("00u5", LOGIN, "Jane",
                "Doe", LOGIN, "STAGED").replace("\"status\":\"STAGED\"",
                "\"status\":\"STAGED\",\"transitioningToStatus\":\"" + transitioningTo + "\""))));
    }

    private int activations() {
        return okta.server.findAll(postRequestedFor(urlPathEqualTo("/api/v1/users/00u5/lifecycle/activate"))).size();
    }

    @Test
    void aStagedUserOktaIsActivatingAlreadyIsAlreadyActiveWithoutACall() {
        stagedUser("ACTIVE");

        ActivationResult result = service.activate("00u5", true, Deadline.none());

        assertThat(result.outcome()).isEqualTo(ActivationOutcome.ALREADY_ACTIVE);
        assertThat(activations()).isZero();
    }

    @Test
    void aStagedUserOnItsWayToDeprovisionedIsRefusedWithoutACall() {
        stagedUser("DEPROVISIONED");

        UserNotActivatableException refused = catchThrowableOfType(UserNotActivatableException.class,
                () -> service.activate("00u5", true, Deadline.none()));

        assertThat(refused.status()).isEqualTo("STAGED becoming DEPROVISIONED");
        assertThat(activations()).isZero();
    }

    private void stagedUserWhoseActivationIsRefused(String errorCode, String summary) {
        okta.server.stubFor(get(urlEqualTo("/api/v1/users/00u5")).willReturn(okJson(
                OktaBodies.user("00u5", LOGIN, "Jane", "Doe", LOGIN, "STAGED"))));
        okta.server.stubFor(post(urlPathEqualTo("/api/v1/users/00u5/lifecycle/activate")).willReturn(aResponse()
                .withStatus(403).withHeader("Content-Type", "application/json").withBody(OktaBodies.error(errorCode, summary))));
    }

    @Test
    void anActivationOktaCallsAlreadyActiveAfterAStagedReadWasOursOrJustAhead() {
        // A lost answer retried, or a person quicker by a moment: the user was STAGED and is active now.
        stagedUserWhoseActivationIsRefused("E0000016", "Activation failed because the user is already active");

        ActivationResult result = service.activate("00u5", true, Deadline.none());

        assertThat(result.outcome()).isEqualTo(ActivationOutcome.ACTIVATED);
        assertThat(okta.requests().get(1).getUrl()).isEqualTo("/api/v1/users/00u5/lifecycle/activate?sendEmail=true");
    }

    @Test
    void anActivationRefusedForWantOfPermissionIsNotMistakenForAlreadyActive() {
        stagedUserWhoseActivationIsRefused("E0000006", "You do not have permission to perform the requested action");

        assertThatThrownBy(() -> service.activate("00u5", false, Deadline.none()))
                .isInstanceOf(OktaAccessDeniedException.class);
        assertThat(okta.requests().get(1).getUrl()).isEqualTo("/api/v1/users/00u5/lifecycle/activate?sendEmail=false");
    }
}
