package dev.oktaprov.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.local.LocalSet;
import dev.oktaprov.local.hires.NewHireFile;
import dev.oktaprov.local.hires.NewHireRow;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SimulatedUser;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, in-process: {@code start --onboard samples/new-hires.csv} onboards the
 * sample through the queue to the exact summary the file was written for, then the API answers on
 * every route, and a stop ends it all.
 */
class LocalRunEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Rows the function rejects before calling Okta: bad emails, missing last names, an emoji, 21 groupIds. */
    private static final Map<Integer, String> INVALID_ROWS = Map.of(
            113, "email must be an email address",
            114, "email must be an email address",
            122, "lastName is required",
            157, "lastName is required",
            196, "emoji",
            199, "at most 20 group ids");
    /** Jordan Blake of the seed owns the login another Jordan Blake asks for. */
    private static final int CONFLICT_WITH_THE_ORG = 111;
    /** Two people asking for one login, twice: whichever comes second is the conflict. */
    private static final List<Set<Integer>> CONFLICTING_PAIRS = List.of(Set.of(25, 92), Set.of(101, 104));

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theSampleIsOnboardedToItsSummaryAndTheApiAnswersOnEveryRoute() throws Exception {
        InProcessRunner runner = new InProcessRunner().runInBackground("start", "--onboard", "../../samples/new-hires.csv",
                "--api-port", "0", "--okta-port", "0", "--batching-window", "1");
        LocalSet set = runner.awaitStarted();
        runner.awaitOutput("Serving until Ctrl-C.", Duration.ofSeconds(90));
        String out = runner.out();

        assertThat(summaryCount(out, "created")).isEqualTo(187);
        assertThat(summaryCount(out, "already existed")).isEqualTo(4);
        assertThat(summaryCount(out, "failed (in the DLQ)")).isEqualTo(9);
        assertThat(summaryCount(out, "INVALID_INPUT")).isEqualTo(6);
        assertThat(summaryCount(out, "LOGIN_CONFLICT")).isEqualTo(3);

        Map<Integer, String[]> deadLetters = deadLetters(out);
        INVALID_ROWS.forEach((line, reason) -> {
            assertThat(deadLetters).containsKey(line);
            assertThat(deadLetters.get(line)[0]).as("line %d", line).isEqualTo("INVALID_INPUT");
            assertThat(deadLetters.get(line)[1]).as("line %d", line).contains(reason);
        });
        assertThat(deadLetters.get(CONFLICT_WITH_THE_ORG)).isNotNull();
        assertThat(deadLetters.get(CONFLICT_WITH_THE_ORG)[0]).isEqualTo("LOGIN_CONFLICT");
        for (Set<Integer> pair : CONFLICTING_PAIRS) {
            assertThat(pair.stream().filter(deadLetters::containsKey).map(line -> deadLetters.get(line)[0]))
                    .as("lines %s", pair).containsExactly("LOGIN_CONFLICT");
        }
        assertThat(deadLetters).hasSize(9);

        assertEveryHireIsInOktaOnce(set.simulator());

        apiRoundTrips(set.api().baseUrl());

        assertThat(runner.stop()).isZero();
        assertThat(runner.out()).contains("Stopped.");
    }

    /** Every login of a valid row is one user, seed users included; nobody twice. */
    private static void assertEveryHireIsInOktaOnce(OktaSimulator okta) throws Exception {
        assertThat(okta.userCount()).isEqualTo(2 + 187);
        Map<String, Long> usersPerLogin = okta.users().stream()
                .collect(Collectors.groupingBy(user -> user.login().toLowerCase(Locale.ROOT), Collectors.counting()));
        assertThat(usersPerLogin.values()).containsOnly(1L);
        NewHireFile sample = NewHireFile.read(InProcessRunner.HOME.resolve("samples/new-hires.csv"));
        for (NewHireRow row : sample.rows()) {
            if (!INVALID_ROWS.containsKey(row.line())) {
                assertThat(usersPerLogin).as("line %d", row.line())
                        .containsKey(((String) row.input().get("login")).toLowerCase(Locale.ROOT));
            }
        }
        // The rehire of the sample was already in the org: still the seed's user, not a new one.
        SimulatedUser rehire = okta.findByLogin("priya.raman@example.com").orElseThrow();
        assertThat(rehire.created()).isEqualTo(Instant.parse("2024-03-04T09:15:00Z"));
    }

    private void apiRoundTrips(String api) throws Exception {
        String engineering = "00g1emaKYZTWRYYRRTSK";
        String hire = "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"ada.lovelace@example.com\","
                + "\"login\":\"ada+local@example.com\",\"groupIds\":[\"" + engineering + "\"]}";
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(api + "/users"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(hire)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).path("id").asText();
        assertThat(created.headers().firstValue("location")).contains("/users/" + id);

        HttpResponse<String> again = send(HttpRequest.newBuilder(URI.create(api + "/users"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(hire)));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("id").asText()).isEqualTo(id);

        HttpResponse<String> byLogin = send(HttpRequest.newBuilder(URI.create(api + "/users/ada+local@example.com")).GET());
        assertThat(byLogin.statusCode()).as(byLogin.body()).isEqualTo(200);
        JsonNode user = JSON.readTree(byLogin.body());
        assertThat(user.path("id").asText()).isEqualTo(id);
        assertThat(user.path("groups").findValuesAsText("name")).contains("Engineering");

        String search = URLEncoder.encode("profile.department eq \"Sales\"", StandardCharsets.UTF_8).replace("+", "%20");
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(api + "/users?limit=2&search=" + search)).GET());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(page.body());
        assertThat(body.path("users")).hasSize(2);
        assertThat(body.path("users").findValuesAsText("department")).containsOnly("Sales");
        assertThat(body.path("nextCursor").asText()).isNotBlank();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long summaryCount(String out, String label) {
        Matcher matcher = Pattern.compile("(?m)^\\s+" + Pattern.quote(label) + "\\s+(\\d+)$").matcher(out);
        if (!matcher.find()) {
            throw new AssertionError("no \"" + label + "\" in the summary:\n" + out);
        }
        return Long.parseLong(matcher.group(1));
    }

    /** The DLQ listing: line → [errorCode, errorMessage]. */
    private static Map<Integer, String[]> deadLetters(String out) {
        String listing = out.substring(out.indexOf("Dead-letter queue:"));
        Map<Integer, String[]> letters = new LinkedHashMap<>();
        Matcher matcher = Pattern.compile("(?m)^\\s+(\\d+)\\s+([A-Z_]+)\\s+(.*)$").matcher(listing);
        while (matcher.find()) {
            letters.put(Integer.parseInt(matcher.group(1)), new String[] {matcher.group(2), matcher.group(3)});
        }
        return letters;
    }
}
