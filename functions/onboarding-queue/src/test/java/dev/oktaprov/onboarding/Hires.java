package dev.oktaprov.onboarding;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.oktaprov.okta.OktaJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Message bodies: the create input of the create function. */
final class Hires {

    private Hires() {}

    static String hire(int number) {
        return hire("hire" + number + "@example.com", "First" + number, "Last" + number);
    }

    static String hire(String login, String firstName, String lastName) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", firstName);
        body.put("lastName", lastName);
        body.put("email", login.toLowerCase());
        body.put("login", login);
        return json(body);
    }

    static List<String> hires(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(Hires::hire).toList();
    }

    static String json(Map<String, Object> body) {
        try {
            return OktaJson.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
