package dev.oktaprov.local.sqs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The X-Ray trace header Lambda uses to detect recursive loops, as far as this mapping needs it:
 * {@code Root=1-…;Parent=…;Sampled=0;Lineage=<function id>:<invocations>|…}. Lambda hands each
 * invocation a trace header; the AWS SDK puts it on every request the function makes; SQS keeps it
 * on a message it was sent with as the {@code AWSTraceHeader} system attribute; and when that
 * message invokes the same function again, Lambda counts one more invocation of the chain in the
 * {@code Lineage} field.
 *
 * <p>Here a lineage entry counts the invocations of the function so far in the chain: a message with
 * {@code <id>:16} has invoked it 16 times, and Lambda stops the 17th ("more than 16 times").
 */
final class TraceHeader {

    /** Lambda stops a chain that would invoke the function more often than this. */
    static final int MAX_INVOCATIONS_PER_CHAIN = 16;
    /** The system attribute SQS stores a message's trace header under. */
    static final String SQS_ATTRIBUTE = "AWSTraceHeader";

    private static final String LINEAGE = "Lineage";

    private TraceHeader() {}

    /** A short, stable id of a function, as lineage entries name functions. */
    static String functionId(String functionArn) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(functionArn.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** How often the chain of {@code header} has invoked the function; 0 without a header or an entry. */
    static int invocations(String header, String functionId) {
        String count = lineage(fields(header)).get(functionId);
        try {
            return count == null ? 0 : Math.max(0, Integer.parseInt(count));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The trace header of an invocation by these messages: the chain of the message that has invoked
     * the function most often (so a loop never hides behind a fresh message in the same batch), with
     * one more invocation counted; a new trace when no message has a header.
     */
    static String forInvocation(List<String> messageHeaders, String functionId) {
        String longest = messageHeaders.stream().filter(header -> header != null && !header.isBlank())
                .max((a, b) -> Integer.compare(invocations(a, functionId), invocations(b, functionId)))
                .orElse(null);
        Map<String, String> fields = longest == null ? newTrace() : fields(longest);
        Map<String, String> lineage = lineage(fields);
        lineage.put(functionId, Integer.toString(invocations(longest, functionId) + 1));
        StringBuilder entries = new StringBuilder();
        lineage.forEach((id, count) -> entries.append(entries.isEmpty() ? "" : "|").append(id).append(':').append(count));
        fields.put(LINEAGE, entries.toString());
        StringBuilder header = new StringBuilder();
        fields.forEach((key, value) -> header.append(header.isEmpty() ? "" : ";").append(key).append('=').append(value));
        return header.toString();
    }

    // X-Ray's format: Root=1-<epoch seconds, 8 hex>-<96 random bits, 24 hex>, Parent=<64 bits, 16 hex>.
    private static Map<String, String> newTrace() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Root", "1-" + hex.toHexDigits((int) (System.currentTimeMillis() / 1000)) + "-"
                + hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextInt()));
        fields.put("Parent", hex.toHexDigits(random.nextLong()));
        fields.put("Sampled", "0");
        return fields;
    }

    private static Map<String, String> fields(String header) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (header == null) {
            return fields;
        }
        for (String part : header.split(";")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                fields.put(part.substring(0, equals).strip(), part.substring(equals + 1).strip());
            }
        }
        return fields;
    }

    /** {@code id -> count}; an entry may carry a version in front ({@code 1:id:count}), which is dropped. */
    private static Map<String, String> lineage(Map<String, String> fields) {
        Map<String, String> lineage = new LinkedHashMap<>();
        String value = fields.get(LINEAGE);
        if (value == null || value.isEmpty()) {
            return lineage;
        }
        for (String entry : value.split("\\|")) {
            String[] parts = entry.split(":");
            if (parts.length >= 2) {
                lineage.put(parts[parts.length - 2], parts[parts.length - 1]);
            }
        }
        return lineage;
    }
}
