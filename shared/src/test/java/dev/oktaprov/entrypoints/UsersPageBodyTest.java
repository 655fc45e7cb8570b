package dev.oktaprov.entrypoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.entrypoints.http.HttpApiRequest;
import dev.oktaprov.errors.UnexpectedOktaException;
import dev.oktaprov.okta.OktaJson;
import dev.oktaprov.okta.model.JsonPage;
import dev.oktaprov.okta.model.User;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.testing.OktaBodies;
import dev.oktaprov.testsupport.StreamInvocation;
import dev.oktaprov.time.Deadline;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A page streamed from Okta's bytes is, byte for byte, the page read into users and written from
 * {@link UserJson}: the tree path is the judge, on Okta's shapes and on odd ones.
 */
class UsersPageBodyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The answer as the tree path writes it: Okta's JSON read into users (as the Okta client reads them), then shown. */
    private static String throughTrees(String page, String cursor, NullMembers nulls) throws Exception {
        List<User> users = new ArrayList<>();
        for (JsonNode node : OktaJson.MAPPER.readTree(page)) {
            users.add(readUser(node));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("users", users.stream().map(UserJson::user).toList());
        answer.put("nextCursor", cursor);
        return written(JsonBody.of(answer), nulls);
    }

    private static User readUser(JsonNode node) throws Exception {
        Method user = OktaJson.class.getDeclaredMethod("user", JsonNode.class);
        user.setAccessible(true);
        return (User) user.invoke(null, node);
    }

    private static String streamed(String page, String cursor, NullMembers nulls) throws Exception {
        return written(new UsersPageBody(new JsonPage(page.getBytes(StandardCharsets.UTF_8), cursor, "okta-req-1")), nulls);
    }

    private static String written(JsonBody body, NullMembers nulls) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JsonValues.generator(out)) {
            body.writeTo(json, nulls);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void assertSameAnswers(String page, String cursor) throws Exception {
        for (NullMembers nulls : NullMembers.values()) {
            assertThat(streamed(page, cursor, nulls)).as(nulls + " for " + page).isEqualTo(throughTrees(page, cursor, nulls));
        }
    }

    @Test
    void oktasUsersAreWrittenAsTheTreePathWritesThem() throws Exception {
        String page = "[" + OktaBodies.user("00u1", "jane@example.com") + ","
                + OktaBodies.user("00u2", "sam+ops@example.com", "Sam", "Ó'Brien \\\"Q\\\"", "sam@example.com", "ACTIVE") + "]";

        assertSameAnswers(page, null);
        assertSameAnswers(page, "00u2");
        assertSameAnswers("[]", null);
        JsonNode answer = JSON.readTree(streamed(page, "00u2", NullMembers.KEEP));
        assertThat(answer.path("users")).hasSize(2);
        assertThat(answer.path("users").get(0).has("credentials") || answer.path("users").get(0).has("_links")).isFalse();
        assertThat(answer.path("nextCursor").asText()).isEqualTo("00u2");
        assertThat(JSON.readTree(streamed(page, null, NullMembers.OMIT)).has("nextCursor")).isFalse();
    }

    @Test
    void oddShapesAreWrittenAsTheTreePathWritesThem() throws Exception {
        List<String> users = List.of(
                // profile first, fields after it, a transition under way, offset and zero-millis timestamps
                "{\"profile\":{\"login\":\"a@example.com\",\"n\":1,\"big\":12345678901234567890,\"f\":1.50,\"e\":1e3,"
                        + "\"nested\":{\"x\":null,\"list\":[null,1,\"two\",{\"y\":null}]},\"none\":null,\"t\":true},"
                        + "\"id\":\"00u3\",\"transitioningToStatus\":\"ACTIVE\",\"status\":\"PROVISIONED\","
                        + "\"created\":\"2026-01-05T10:00:00.000+01:00\",\"lastUpdated\":\"2026-01-05T09:59:58.120Z\","
                        + "\"activated\":\"not a time\",\"type\":{\"href\":\"x\"}}",
                // text that must be escaped, an emoji, a line separator; type as text; no profile
                "{\"id\":\"00u4\",\"status\":\"STAGED\",\"type\":\"oty\",\"created\":null,"
                        + "\"_embedded\":{\"a\":[1,2]},\"extra\":\"say \\\"hi\\\" \\\\ \\u0001 \\uD83D\\uDE80 \\u2028\"}",
                // numbers and containers where text is expected, a profile that is not an object
                "{\"id\":42,\"status\":[\"ACTIVE\"],\"profile\":\"odd\",\"lastLogin\":\"2026-02-30T00:00:00Z\","
                        + "\"passwordChanged\":\"2026-01-05T09:59:58.123456789Z\",\"type\":{\"id\":null}}",
                // nothing at all
                "{}",
                // unicode in a profile, duplicated scalar fields (the last one counts)
                "{\"id\":\"00u5\",\"id\":\"00u6\",\"status\":\"ACTIVE\",\"profile\":{\"firstName\":\"Søren \uD83D\uDE80\","
                        + "\"quote\":\"\\\"</script>\\\"\"}}");
        assertSameAnswers("[" + String.join(",", users) + "]", "cursor \"x\"");
    }

    @Test
    void randomPagesAreWrittenAsTheTreePathWritesThem() throws Exception {
        Random random = new Random(20260105);
        for (int round = 0; round < 200; round++) {
            StringBuilder page = new StringBuilder("[");
            int count = random.nextInt(4);
            for (int i = 0; i < count; i++) {
                page.append(i == 0 ? "" : ",").append(randomUser(random));
            }
            assertSameAnswers(page.append(']').toString(), random.nextBoolean() ? null : "00u" + round);
        }
    }

    @Test
    void aPageThatIsNotAnArrayOfUsersIsOktasUnexpectedAnswer() {
        for (String bad : List.of("{}", "[1]", "[{\"id\":\"00u1\"}", "[{\"id\":\"00u1\",}]", "", "null")) {
            assertThatThrownBy(() -> streamed(bad, null, NullMembers.KEEP)).as(bad)
                    .isInstanceOfSatisfying(UnexpectedOktaException.class, e -> {
                        assertThat(e.getMessage()).isEqualTo("Okta answered with JSON we could not read");
                        assertThat(e.oktaRequestId()).contains("okta-req-1");
                    });
        }
        byte[] notUtf8 = "[{\"id\":\"00u1\",\"profile\":{\"firstName\":\"S\u00f8ren\"}}]".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> written(new UsersPageBody(new JsonPage(notUtf8, null, "okta-req-2")), NullMembers.KEEP))
                .isInstanceOf(UnexpectedOktaException.class);
    }

    @Test
    void anHttpCallerGetsA502NotHalfAPageWhenOktasPageBreaksHalfWay() throws Exception {
        String page = "[" + OktaBodies.user("00u1", "jane@example.com") + ",{\"id\":\"00u2\",\"profile\":{\"a\":tru}}]";
        ProvisioningRuntime runtime = ProvisioningRuntime.builder(Map.of("OKTA_ORG_URL", "http://127.0.0.1:9",
                "OKTA_API_TOKEN", "00not-a-real-token")).build();
        ApiFunction<String> function = new ApiFunction<>(runtime, new StaticPage(page));
        Context context = InvocationContext.of("list-users");

        Map<String, Object> answer = StreamInvocation.invoke(function::handle, Priming.httpEvent("GET", "/users", "GET /users",
                Map.of(), Map.of(), null), context);

        assertThat(answer.get("statusCode")).isEqualTo(502);
        assertThat(JSON.readTree((String) answer.get("body")).path("code").asText()).isEqualTo("OKTA_UNEXPECTED");
    }

    /** An operation whose Okta answered with {@code page}. */
    private record StaticPage(String page) implements Operation<String> {
        @Override
        public String fromHttp(HttpApiRequest request) {
            return page;
        }

        @Override
        public String fromDirect(Map<String, Object> input) {
            return page;
        }

        @Override
        public OperationResult run(String input, Deadline deadline) {
            return OperationResult.ok(new UsersPageBody(new JsonPage(input.getBytes(StandardCharsets.UTF_8), null, "okta-req-3")),
                    "LISTED");
        }

        @Override
        public List<Map<String, Object>> primingEvents() {
            return List.of();
        }
    }

    private static String randomUser(Random random) {
        List<String> members = new ArrayList<>();
        String[] fields = {"id", "status", "transitioningToStatus", "created", "activated", "statusChanged", "lastLogin",
            "lastUpdated", "passwordChanged", "type", "profile", "credentials", "_links"};
        for (String field : fields) {
            if (random.nextInt(5) > 0) {
                members.add("\"" + field + "\":" + randomValue(field, random, 0));
            }
        }
        java.util.Collections.shuffle(members, random);
        return "{" + String.join(",", members) + "}";
    }

    private static String randomValue(String field, Random random, int depth) {
        int kind = random.nextInt(10);
        if (field.equals("profile") && kind < 8) {
            return randomObject(random, depth + 1);
        }
        if (field.equals("type") && kind < 6) {
            return kind < 4 ? "{\"id\":\"oty" + random.nextInt(100) + "\"}" : "{}";
        }
        if (List.of("created", "activated", "statusChanged", "lastLogin", "lastUpdated", "passwordChanged").contains(field)
                && kind < 7) {
            return List.of("\"2026-01-05T09:59:58.000Z\"", "\"2026-01-05T09:59:58.1Z\"", "\"2026-01-05T09:59:58+02:00\"",
                    "\"1999-12-31T23:59:59.999Z\"", "null", "\"yesterday\"", "\"\"").get(kind);
        }
        return randomScalarOrContainer(random, depth);
    }

    private static String randomObject(Random random, int depth) {
        List<String> members = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            members.add("\"" + List.of("login", "a", "b\\\"c", "ü", "x y").get(random.nextInt(5)) + i + "\":"
                    + randomScalarOrContainer(random, depth));
        }
        return "{" + String.join(",", members) + "}";
    }

    private static String randomScalarOrContainer(Random random, int depth) {
        int kind = random.nextInt(depth > 2 ? 8 : 10);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> "true";
            case 2 -> Integer.toString(random.nextInt());
            case 3 -> Long.toString(random.nextLong());
            case 4 -> Double.toString(random.nextDouble() * 1e6);
            case 5 -> "\"text \\\"" + random.nextInt(9) + "\\\\ \\n é\"";
            case 6 -> "\"\\uD83D\\uDE80\"";
            case 7 -> "\"" + "x".repeat(random.nextInt(3)) + "\"";
            case 8 -> randomObject(random, depth + 1);
            default -> "[" + randomScalarOrContainer(random, depth + 1) + "," + randomScalarOrContainer(random, depth + 1) + "]";
        };
    }
}
