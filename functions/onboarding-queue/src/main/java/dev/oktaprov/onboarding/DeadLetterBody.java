package dev.oktaprov.onboarding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body a failed message leaves in the DLQ: the original, byte for byte, unless it holds a
 * password. The DLQ is read by people, kept 14 days and redriven in bulk, so a password never goes
 * there: every field whose name contains "password", "passwd" or "pwd" or is "pass" (any case, any
 * depth) and every
 * {@code credentials} object is removed, the cleaned body is written anew, and the removed paths
 * are named in an attribute. The body is read as strictly as the message itself (a duplicate key or
 * a second value makes it not JSON), so what is checked is exactly what the text holds. A body that
 * is not JSON cannot be cleaned reliably: if it mentions a password, even spelt with JSON's
 * unicode escapes (a backslash, {@code u} and four hex digits), it is withheld altogether.
 *
 * @param removedFields JSON paths of the removed fields, e.g. {@code password}, {@code profile.passwordHint}
 * @param withheld whether the original body was replaced by a note
 */
record DeadLetterBody(String body, List<String> removedFields, boolean withheld) {

    static final String WITHHELD_NOTE = "{\"withheld\":\"The original body was not well-formed JSON and mentioned a"
            + " password, so it was not copied to the dead-letter queue. Send the hire again from its source.\"}";

    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");

    DeadLetterBody {
        removedFields = List.copyOf(removedFields);
    }

    static DeadLetterBody of(String original) {
        String text = original == null ? "" : original;
        JsonNode json;
        try {
            json = HireMessage.BODY_READER.readTree(HireMessage.withoutByteOrderMark(text));
        } catch (JsonProcessingException e) {
            json = null;
        }
        if (json == null) {
            return mentionsSecret(text) ? new DeadLetterBody(WITHHELD_NOTE, List.of(), true)
                    : new DeadLetterBody(text, List.of(), false);
        }
        List<String> removed = new ArrayList<>();
        removeSecrets(json, "", removed);
        return removed.isEmpty() ? new DeadLetterBody(text, List.of(), false)
                : new DeadLetterBody(json.toString(), removed, false);
    }

    private static void removeSecrets(JsonNode node, String path, List<String> removed) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (isSecretName(field.getKey())) {
                    fields.remove();
                    removed.add(fieldPath);
                } else {
                    removeSecrets(field.getValue(), fieldPath, removed);
                }
            }
        } else if (node != null && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                removeSecrets(node.get(i), path + "[" + i + "]", removed);
            }
        }
    }

    private static boolean isSecretName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        // What HR exports and hand-written producers call a password too.
        return lower.contains("password") || lower.contains("passwd") || lower.contains("pwd") || lower.equals("pass")
                || lower.equals("credentials");
    }

    private static boolean mentionsSecret(String text) {
        String lower = UNICODE_ESCAPE.matcher(text)
                .replaceAll(escape -> Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(escape.group(1), 16))))
                .toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("credentials");
    }
}
