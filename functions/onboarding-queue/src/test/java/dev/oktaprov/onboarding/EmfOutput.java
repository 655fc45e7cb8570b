package dev.oktaprov.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The EMF metric lines the function writes to standard output, as CloudWatch would read them:
 * {@link #capture()} tees {@code System.out} while open; {@link #counts()} sums each metric over every
 * EMF line, and {@link #samples(String)} counts a metric's values.
 */
final class EmfOutput implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream original = System.out;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private EmfOutput() {
        System.setOut(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
    }

    static EmfOutput capture() {
        return new EmfOutput();
    }

    /** Every metric named in an EMF line's {@code _aws.CloudWatchMetrics}, with the sum of its values. */
    synchronized Map<String, Double> counts() {
        Map<String, Double> sums = new TreeMap<>();
        forEachValue((name, value) -> sums.merge(name, value, Double::sum));
        return sums;
    }

    /** How many values of {@code metric} were written (one per Okta answer for {@code OktaLatency}). */
    synchronized int samples(String metric) {
        int[] count = {0};
        forEachValue((name, value) -> {
            if (name.equals(metric)) {
                count[0]++;
            }
        });
        return count[0];
    }

    private void forEachValue(java.util.function.BiConsumer<String, Double> action) {
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.contains("\"_aws\"")) {
                continue;
            }
            JsonNode emf = read(line.strip());
            for (JsonNode directive : emf.path("_aws").path("CloudWatchMetrics")) {
                for (JsonNode metric : directive.path("Metrics")) {
                    String name = metric.path("Name").asText();
                    JsonNode value = emf.path(name);
                    if (value.isArray()) {
                        value.forEach(v -> action.accept(name, v.asDouble()));
                    } else {
                        action.accept(name, value.asDouble());
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        System.setOut(original);
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final OutputStream copy;

        Tee(OutputStream console, OutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            synchronized (copy) {
                console.write(b);
                copy.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (copy) {
                console.write(b, off, len);
                copy.write(b, off, len);
            }
        }
    }
}
