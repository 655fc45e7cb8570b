package dev.oktaprov.simulator;

import static dev.oktaprov.simulator.OktaHttp.encode;
import static dev.oktaprov.simulator.OktaHttp.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktaprov.simulator.OktaHttp.Answer;
import dev.oktaprov.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GET /api/v1/users: pagination, q, filter, search; pinned to API-NOTES "List". */
class ListUsersTest {

    private static final Instant START = Instant.parse("2026-03-02T10:00:00.000Z");
    private static final MutableClock CLOCK = new MutableClock(START);
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
    void org() {
        CLOCK.set(START);
        okta.reset();
        okta.seedUsers(
                user("ada@example.com", "Ada", "Lovelace", "ACTIVE", "2025-01-10T00:00:00.000Z", Map.of("department", "Engineering", "nickName", "Countess")),
                user("alan@example.com", "Alan", "Turing", "STAGED", "2025-06-01T00:00:00.000Z", Map.of("department", "Engineering", "badges", List.of("gold", "silver"))),
                user("grace@example.com", "Grace", "Hopper", "PROVISIONED", "2025-09-15T12:00:00.000Z", Map.of("department", "Navy")),
                user("conor@example.com", "Conor", "O\"Brien", "ACTIVE", "2026-01-20T00:00:00.000Z", Map.of()),
                user("isaac@example.com", "Isaac", "Bröck", "DEPROVISIONED", "2026-02-01T00:00:00.000Z", Map.of("department", "Engineering")),
                user("rick@example.com", "Rick", "Astley", "ACTIVE", "2026-02-20T00:00:00.000Z", Map.of("email", "never.gonna@music.example")));
    }

    private static SeedUser user(String login, String first, String last, String status, String lastUpdated,
            Map<String, Object> extra) {
        Map<String, Object> profile = new java.util.LinkedHashMap<>(Map.of("login", login, "email", login, "firstName", first, "lastName", last));
        profile.putAll(extra);
        return new SeedUser(null, profile, status, true, List.of(), Instant.parse(lastUpdated), Instant.parse(lastUpdated));
    }

    private static List<String> logins(Answer answer) {
        List<String> logins = new ArrayList<>();
        answer.json().forEach(user -> logins.add(user.at("/profile/login").asText()));
        return logins;
    }

    private static List<String> expected(String semicolonSeparated) {
        return semicolonSeparated == null ? List.of() : Arrays.asList(semicolonSeparated.split(";"));
    }

    @Test
    void plainListPagesThroughLinkHeadersAndOmitsDeprovisioned() {
        List<String> seen = new ArrayList<>();
        Answer page = http.get("/api/v1/users?limit=2");
        int pages = 0;
        while (true) {
            pages++;
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.headers("Link")).as("one Link header per rel").allMatch(link -> link.split(", <").length == 1);
            assertThat(page.link("self")).isNotNull();
            seen.addAll(logins(page));
            String next = page.link("next");
            if (next == null) {
                break;
            }
            assertThat(page.headers("Link")).hasSize(2);
            assertThat(next).startsWith(okta.baseUrl() + "/api/v1/users?").contains("limit=2").contains("after=");
            page = http.follow(next);
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("ada@example.com", "alan@example.com", "grace@example.com",
                "conor@example.com", "rick@example.com");
    }

    @Test
    void filterPagesKeepTheFilterAndIncludeDeprovisioned() {
        String filter = encode("status eq \"ACTIVE\" or status eq \"DEPROVISIONED\"");
        Answer first = http.get("/api/v1/users?filter=" + filter + "&limit=2");
        Answer second = http.follow(first.link("next"));

        assertThat(first.link("self")).isEqualTo(okta.baseUrl() + "/api/v1/users?filter=" + filter + "&limit=2");
        assertThat(first.link("next")).contains("filter=" + filter);
        assertThat(logins(first)).containsExactly("ada@example.com", "conor@example.com");
        assertThat(logins(second)).containsExactly("isaac@example.com", "rick@example.com");
        assertThat(second.link("next")).isNull();
    }

    @Test
    void limitAbove200IsClampedTo200() {
        List<SeedUser> many = new ArrayList<>();
        for (int i = 0; i < 205; i++) {
            many.add(SeedUser.of("bulk" + i + "@example.com", "Bulk", "User" + i));
        }
        okta.seedUsers(many);

        Answer answer = http.get("/api/v1/users?limit=500");
        Answer defaulted = http.get("/api/v1/users");

        assertThat(answer.json().size()).isEqualTo(200);
        assertThat(answer.link("next")).isNotNull();
        assertThat(defaulted.json().size()).as("default limit").isEqualTo(200);
    }

    @Test
    void limitThatIsNotAPositiveIntegerIsRefused() {
        Answer answer = http.request("GET", "/api/v1/users?limit=0").send();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("E0000001");
    }

    @Test
    void unknownCursorIsRefusedNotSilentlyEmpty() {
        Answer answer = http.get("/api/v1/users?after=00uNeverHandedOut0000");

        assertThat(answer.status()).isEqualTo(400);
    }

    @ParameterizedTest(name = "q={0}")
    @CsvSource(delimiter = '|', textBlock = """
            a          | ada@example.com;alan@example.com;rick@example.com
            LOVE       | ada@example.com
            never.gonna| rick@example.com
            isaac      |
            zzz        |
            """)
    void qStartsWithFirstNameLastNameOrEmailAndOmitsDeprovisioned(String q, String expectedLogins) {
        Answer answer = http.get("/api/v1/users?q=" + encode(q));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(logins(answer)).containsExactlyElementsOf(expected(expectedLogins));
        assertThat(answer.link("next")).isNull();
    }

    @Test
    void qDefaultsToTenResultsWithoutPagination() {
        List<SeedUser> many = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            many.add(SeedUser.of("sam" + i + "@example.com", "Sam", "Smith" + i));
        }
        okta.seedUsers(many);

        Answer answer = http.get("/api/v1/users?q=sam");

        assertThat(answer.json().size()).isEqualTo(10);
        assertThat(answer.link("next")).isNull();
    }

    @ParameterizedTest(name = "filter={0}")
    @CsvSource(delimiter = '|', textBlock = """
            profile.login eq "ada@example.com"                                            | ada@example.com
            profile.login EQ "ada@example.com"                                            | ada@example.com
            profile.login eq "ADA@example.com"                                            |
            status eq "STAGED"                                                            | alan@example.com
            status eq "DEPROVISIONED"                                                     | isaac@example.com
            profile.lastName eq "O\\"Brien"                                               | conor@example.com
            lastUpdated gt "2026-01-01T00:00:00.000Z"                                     | conor@example.com;isaac@example.com;rick@example.com
            lastUpdated ge "2025-09-15T12:00:00.000Z" and lastUpdated lt "2026-01-20T00:00:00.000Z" | grace@example.com
            lastUpdated gt "2025-12-31T00:00:00Z" and lastUpdated le "2026-01-20T00:00:00.000Z"     | conor@example.com
            (status eq "ACTIVE" or status eq "STAGED") and profile.lastName eq "Turing"   | alan@example.com
            status eq "ACTIVE" or status eq "STAGED" and profile.lastName eq "Turing"     | ada@example.com;alan@example.com;conor@example.com;rick@example.com
            id eq "00uNoSuchUser0000000"                                                  |
            """)
    void filterMatchesLikeOkta(String filter, String expectedLogins) {
        Answer answer = http.get("/api/v1/users?filter=" + encode(filter));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(logins(answer)).containsExactlyElementsOf(expected(expectedLogins));
    }

    @ParameterizedTest(name = "filter={0}")
    @CsvSource(delimiter = '|', textBlock = """
            profile.login eq ada@example.com
            profile.login sw "ada"
            profile.department eq "Engineering"
            not status eq "ACTIVE"
            status ne "ACTIVE"
            status eq "ACTIVE" and
            (status eq "ACTIVE"
            status eq "ACTIVE")
            lastUpdated gt "yesterday"
            status gt "ACTIVE"
            Status eq "ACTIVE"
            profile.login eq "unterminated
            profile.login eq "bad \\q escape"
            """)
    void badFiltersAreE0000031(String filter) {
        Answer answer = http.get("/api/v1/users?filter=" + encode(filter));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("E0000031");
        assertThat(answer.json().path("errorSummary").asText()).isEqualTo("Invalid search criteria.");
    }

    @Test
    void plusSignsInTheQueryAreNotSpaces() {
        Answer encodedWithPlus = http.get("/api/v1/users?filter=profile.login+eq+%22ada%40example.com%22");
        Answer encodedWithPercent20 = http.get("/api/v1/users?filter=profile.login%20eq%20%22ada%40example.com%22");

        assertThat(encodedWithPlus.status()).isEqualTo(400);
        assertThat(encodedWithPlus.errorCode()).isEqualTo("E0000031");
        assertThat(logins(encodedWithPercent20)).containsExactly("ada@example.com");
    }

    @ParameterizedTest(name = "search={0}")
    @CsvSource(delimiter = '|', textBlock = """
            profile.department eq "engineering"                       | ada@example.com;alan@example.com;isaac@example.com
            profile.firstName sw "A"                                  | ada@example.com;alan@example.com
            profile.email co "LOVELACE"                               | 
            profile.email co "music"                                  | rick@example.com
            profile.lastName co "o\\"b"                               | conor@example.com
            profile.nickName pr                                       | ada@example.com
            profile.badges eq "gold"                                  | alan@example.com
            profile.lastName eq "Brock"                               |
            profile.lastName eq "bröck"                               | isaac@example.com
            status lt "STAGED" or status gt "STAGED"                  | ada@example.com;grace@example.com;conor@example.com;isaac@example.com;rick@example.com
            created lt "2025-07-01T00:00:00.000Z"                     | ada@example.com;alan@example.com
            profile.department eq "Engineering" and (created lt "2025-02-01T00:00:00.000Z" or status eq "DEPROVISIONED") | ada@example.com;isaac@example.com
            type.id pr                                                | ada@example.com;alan@example.com;grace@example.com;conor@example.com;isaac@example.com;rick@example.com
            """)
    void searchMatchesLikeOkta(String search, String expectedLogins) {
        Answer answer = http.get("/api/v1/users?search=" + encode(search));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(logins(answer)).containsExactlyElementsOf(expected(expectedLogins));
    }

    @ParameterizedTest(name = "search={0}")
    @CsvSource(delimiter = '|', textBlock = """
            profile.department co "eng"
            status ne "STAGED"
            Profile.login eq "ada@example.com"
            profile.login eq
            created gt "not a date"
            profile.login eq "a" or or status eq "ACTIVE"
            """)
    void badSearchesAreE0000031(String search) {
        Answer answer = http.get("/api/v1/users?search=" + encode(search));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("E0000031");
    }

    @Test
    void searchSortsAndPagesBySortBy() {
        String search = encode("status eq \"ACTIVE\"");
        Answer first = http.get("/api/v1/users?search=" + search + "&sortBy=profile.lastName&sortOrder=desc&limit=2");
        Answer second = http.follow(first.link("next"));

        assertThat(logins(first)).containsExactly("conor@example.com", "ada@example.com");
        assertThat(logins(second)).containsExactly("rick@example.com");
        assertThat(second.link("next")).isNull();
    }

    @Test
    void withASearchLagNewUsersShowUpInListsOnlyLater() {
        okta.setSearchLag(Duration.ofSeconds(2));
        String id = http.post("/api/v1/users", newUser("late@example.com", "Late", "Comer")).json().path("id").asText();
        String byLogin = "/api/v1/users?filter=" + encode("profile.login eq \"late@example.com\"");

        JsonNode soon = http.get(byLogin).json();
        int byId = http.get("/api/v1/users/" + id).status();
        CLOCK.advance(Duration.ofSeconds(2));
        JsonNode later = http.get(byLogin).json();

        assertThat(soon.size()).isZero();
        assertThat(byId).isEqualTo(200);
        assertThat(later.size()).isEqualTo(1);
    }
}
