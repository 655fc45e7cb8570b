package dev.oktaprov.simulator;

import static dev.oktaprov.simulator.OktaHttp.newUser;
import static dev.oktaprov.simulator.OktaHttp.newUserWithPassword;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktaprov.simulator.OktaHttp.Answer;
import dev.oktaprov.testsupport.MutableClock;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** POST /api/v1/users, pinned to API-NOTES "Create". */
class CreateUserTest {

    private static final String START = "2026-03-02T10:15:30.123Z";
    private static final MutableClock CLOCK = MutableClock.at(START);
    private static OktaSimulator okta;
    private static OktaHttp http;

    @BeforeAll
    static void start() {
        okta = OktaSimulator.start(SimulatorOptions.defaults().withToken("test-token").withClock(CLOCK));
        http = new OktaHttp(okta);
    }

    @AfterAll
    static void stop() {
        okta.close();
    }

    @BeforeEach
    void freshOrg() {
        okta.reset();
        CLOCK.set(java.time.Instant.parse(START));
    }

    @ParameterizedTest(name = "{0} with {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            activate=false                        | none     | STAGED
            activate=false                        | password | STAGED
            (default)                             | none     | PROVISIONED
            activate=true                         | none     | PROVISIONED
            activate=true                         | password | ACTIVE
            activate=true&nextLogin=changePassword | password | PASSWORD_EXPIRED
            activate=true&provider=true           | provider | ACTIVE
            """)
    void statusFollowsActivateAndCredentials(String query, String credentials, String expectedStatus) {
        String body = switch (credentials) {
            case "password" -> newUserWithPassword("ada@example.com", "Correct-Horse-9");
            case "provider" -> "{\"profile\":{\"login\":\"ada@example.com\",\"email\":\"ada@example.com\","
                    + "\"firstName\":\"Ada\",\"lastName\":\"Lovelace\"},"
                    + "\"credentials\":{\"provider\":{\"type\":\"FEDERATION\",\"name\":\"FEDERATION\"}}}";
            default -> newUser("ada@example.com", "Ada", "Lovelace");
        };
        Answer answer = http.post("/api/v1/users" + (query.equals("(default)") ? "" : "?" + query), body);

        assertThat(answer.status()).as("Okta answers a create with 200, not 201").isEqualTo(200);
        JsonNode user = answer.json();
        assertThat(user.path("status").asText()).isEqualTo(expectedStatus);
        assertThat(user.has("transitioningToStatus")).as("activation completes at once here").isFalse();
        assertThat(user.path("activated").isNull()).isEqualTo(expectedStatus.equals("STAGED"));
        assertThat(user.path("passwordChanged").isNull()).isEqualTo(credentials.equals("none") || credentials.equals("provider"));
        assertThat(user.at("/credentials/provider/type").asText())
                .isEqualTo(credentials.equals("provider") ? "FEDERATION" : "OKTA");
        assertThat(okta.findByLogin("ada@example.com")).get().extracting(SimulatedUser::status).isEqualTo(expectedStatus);
    }

    @Test
    void createdUserLooksLikeOktas() {
        String body = "{\"profile\":{\"login\":\"isaac.brock@example.com\",\"email\":\"isaac.brock@example.com\","
                + "\"firstName\":\"Isaac\",\"lastName\":\"Brock\",\"mobilePhone\":\"555-415-1337\","
                + "\"costCenter\":\"cc-42\",\"badgeColours\":[\"red\",\"blue\"]},"
                + "\"credentials\":{\"password\":{\"value\":\"tlpWENT2m-secret\"},"
                + "\"recovery_question\":{\"question\":\"Who's a major player in the cowboy scene?\",\"answer\":\"Annie Oakley\"}}}";

        Answer answer = http.post("/api/v1/users?activate=true", body);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        JsonNode user = answer.json();
        assertThat(user.path("id").asText()).matches("00u[A-Za-z0-9]{17}");
        assertThat(user.path("created").asText()).isEqualTo(START);
        assertThat(user.path("lastUpdated").asText()).isEqualTo(START);
        assertThat(user.path("activated").asText()).isEqualTo(START);
        assertThat(user.path("lastLogin").isNull()).isTrue();
        assertThat(user.at("/type/id").asText()).matches("oty[A-Za-z0-9]{17}");
        assertThat(user.at("/profile/costCenter").asText()).isEqualTo("cc-42");
        assertThat(user.at("/profile/badgeColours/1").asText()).isEqualTo("blue");
        assertThat(user.at("/credentials/password").isObject()).isTrue();
        assertThat(user.at("/credentials/password").isEmpty()).as("the password never comes back").isTrue();
        assertThat(user.at("/credentials/recovery_question/question").asText()).startsWith("Who's");
        assertThat(answer.body()).doesNotContain("tlpWENT2m-secret").doesNotContain("Annie Oakley");
        assertThat(user.at("/credentials/provider/name").asText()).isEqualTo("OKTA");
        String self = okta.baseUrl() + "/api/v1/users/" + user.path("id").asText();
        assertThat(user.at("/_links/self/href").asText()).isEqualTo(self);
        assertThat(user.at("/_links/deactivate/href").asText()).isEqualTo(self + "/lifecycle/deactivate");
        assertThat(okta.counters().usersCreated()).isEqualTo(1);
    }

    @Test
    void bodyThatIsNotJsonIsE0000003() {
        Answer answer = http.request("POST", "/api/v1/users").body("{\"profile\": {").violatingContract().send();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("E0000003");
        assertThat(answer.json().path("errorSummary").asText()).isEqualTo("The request body was not well-formed.");
        assertThat(okta.userCount()).isZero();
    }

    @Test
    void emptyProfileGetsOktasCausesInOktasOrder() {
        Answer answer = http.post("/api/v1/users", "{\"profile\":{\"nickName\":\"bad\"}}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("E0000001");
        assertThat(answer.json().path("errorSummary").asText()).isEqualTo("Api validation failed: login");
        assertThat(answer.errorCauses()).containsExactly(
                "login: The field cannot be left blank",
                "firstName: The field cannot be left blank",
                "lastName: The field cannot be left blank",
                "email: The field cannot be left blank",
                "login: Username must be in the form of an email address");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            login not an email | {"profile":{"login":"isaac.brock","email":"i@example.com","firstName":"I","lastName":"B"}}       | true  | login: Username must be in the form of an email address
            bad email          | {"profile":{"login":"i@example.com","email":"not-an-email","firstName":"I","lastName":"B"}}      | false | email: Does not match required pattern
            long firstName     | {"profile":{"login":"i@example.com","email":"i@example.com","firstName":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","lastName":"B"}} | false | firstName: The field cannot be longer than 50 characters
            4-byte character   | {"profile":{"login":"i@example.com","email":"i@example.com","firstName":"Ada \\uD83D\\uDE00","lastName":"B"}} | true | firstName: The field contains characters that are not supported (only characters of up to 3 bytes in UTF-8)
            short password     | {"profile":{"login":"i@example.com","email":"i@example.com","firstName":"I","lastName":"B"},"credentials":{"password":{"value":"short"}}} | true | password: Password requirements were not met. Password requirements: at least 8 characters.
            """)
    void invalidFieldsGetOneCauseEachFieldFirst(String what, String body, boolean conformsToContract, String cause) {
        OktaHttp.Request request = http.request("POST", "/api/v1/users").body(body);
        Answer answer = (conformsToContract ? request : request.violatingContract()).send();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("E0000001");
        assertThat(answer.errorCauses()).containsExactly(cause);
        assertThat(answer.json().path("errorSummary").asText())
                .isEqualTo("Api validation failed: " + cause.substring(0, cause.indexOf(':')));
        assertThat(answer.body()).doesNotContain("\"short\"");
        assertThat(okta.userCount()).isZero();
    }

    @ParameterizedTest(name = "{0} is taken by {1}")
    @CsvSource({
            "isaac.brock@example.com, isaac.brock@example.com",
            "Isaac.Brock@Example.com, isaac.brock@example.com",
            "isáàc.bröck@example.com, isaac.brock@example.com",
    })
    void loginUniquenessIgnoresCaseAndDiacritics(String second, String first) {
        assertThat(http.post("/api/v1/users", newUser(first, "Isaac", "Brock")).status()).isEqualTo(200);

        Answer duplicate = http.post("/api/v1/users", newUser(second, "Other", "Person"));

        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.errorCode()).isEqualTo("E0000001");
        assertThat(duplicate.json().path("errorSummary").asText()).isEqualTo("Api validation failed: login");
        assertThat(duplicate.errorCauses())
                .containsExactly("login: An object with this field already exists in the current organization");
        assertThat(okta.userCount()).isEqualTo(1);
    }

    @Test
    void emailIsNotUnique() {
        http.post("/api/v1/users", "{\"profile\":{\"login\":\"a@example.com\",\"email\":\"shared@example.com\",\"firstName\":\"A\",\"lastName\":\"B\"}}");
        Answer second = http.post("/api/v1/users", "{\"profile\":{\"login\":\"b@example.com\",\"email\":\"shared@example.com\",\"firstName\":\"A\",\"lastName\":\"B\"}}");

        assertThat(second.status()).isEqualTo(200);
        assertThat(okta.userCount()).isEqualTo(2);
    }

    @Test
    void moreThanTwentyGroupIdsIsE0000093() {
        String groupIds = IntStream.range(0, 21).mapToObj(i -> "\"00g" + String.format("%017d", i) + "\"")
                .collect(Collectors.joining(","));
        String body = "{\"profile\":{\"login\":\"a@example.com\",\"email\":\"a@example.com\",\"firstName\":\"A\",\"lastName\":\"B\"},"
                + "\"groupIds\":[" + groupIds + "]}";

        Answer answer = http.post("/api/v1/users", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("E0000093");
        assertThat(answer.json().path("errorSummary").asText()).isEqualTo("Target count limit exceeded");
        assertThat(answer.errorCauses()).containsExactly("The number of group targets is too large");
    }

    @Test
    void groupIdsMustExistAndTheUserJoinsThemAndEveryone() {
        SimulatedGroup engineering = okta.addGroup("Engineering", "Builders");
        String base = "{\"profile\":{\"login\":\"a@example.com\",\"email\":\"a@example.com\",\"firstName\":\"A\",\"lastName\":\"B\"},";

        Answer unknown = http.post("/api/v1/users", base + "\"groupIds\":[\"00gDoesNotExist000000\"]}");
        Answer known = http.post("/api/v1/users", base + "\"groupIds\":[\"" + engineering.id() + "\"]}");

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorCode()).isEqualTo("E0000001");
        assertThat(unknown.errorCauses()).containsExactly("groupIds: Group not found: 00gDoesNotExist000000");
        assertThat(known.status()).isEqualTo(200);
        Answer groups = http.get("/api/v1/users/" + known.json().path("id").asText() + "/groups");
        List<String> names = new java.util.ArrayList<>();
        groups.json().forEach(group -> names.add(group.at("/profile/name").asText()));
        assertThat(names).containsExactly("Everyone", "Engineering");
    }

    @Test
    void nextLoginNeedsActivationAndAPassword() {
        Answer withoutActivation = http.post("/api/v1/users?activate=false&nextLogin=changePassword",
                newUserWithPassword("a@example.com", "Correct-Horse-9"));
        Answer withoutPassword = http.post("/api/v1/users?activate=true&nextLogin=changePassword",
                newUser("a@example.com", "A", "B"));

        assertThat(withoutActivation.status()).isEqualTo(400);
        assertThat(withoutActivation.errorCode()).isEqualTo("E0000125");
        assertThat(withoutPassword.status()).isEqualTo(400);
        assertThat(withoutPassword.errorCode()).isEqualTo("E0000124");
        assertThat(okta.userCount()).isZero();
    }
}
