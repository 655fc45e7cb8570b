package dev.oktaprov.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Watches everything a test's code under test writes — every log4j event (rendered with the
 * layout the function uses in Lambda, stack traces included), everything printed to standard
 * output (EMF metrics, the Lambda context's logger) and every response body the test hands to
 * {@link #response} — and fails when a credential appears in any of it, or a login or email
 * appears unmasked in a log line at INFO or above.
 *
 * <pre>{@code
 * try (LeakWatch watch = LeakWatch.start()) {
 *     watch.secret("API token", token);
 *     watch.personal("jane.doe@example.com");
 *     watch.response("POST /users", handler.handleRequest(event, context).getBody());
 *     watch.assertNoLeaks();
 * }
 * }</pre>
 *
 * Besides the values registered, anything shaped like a credential is refused wherever it is: a
 * signed JWT (a client assertion, an access token), PEM private-key armour, an {@code SSWS} or
 * {@code Bearer} header value. While the watch runs, {@code dev.oktaprov} loggers log at DEBUG, so
 * the debug lines are checked too. Not thread-safe to start twice at once; events from any thread
 * are captured.
 */
public final class LeakWatch implements AutoCloseable {

    /** One line written while watching. {@code level} is null for standard output. */
    public record Line(String source, Level level, String text) {
    }

    private static final String APPENDER = "LeakWatch";
    private static final int KEY_FRAGMENT = 24;
    private static final Map<String, Pattern> SHAPES = new LinkedHashMap<>();

    static {
        SHAPES.put("a signed JWT", Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}"));
        SHAPES.put("private key armour", Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"));
        SHAPES.put("an SSWS credential", Pattern.compile("(?i)\\bSSWS\\s+[A-Za-z0-9_\\-]{8,}"));
        SHAPES.put("a Bearer credential", Pattern.compile("(?i)\\bBearer\\s+[A-Za-z0-9_\\-.~+/]{8,}"));
        SHAPES.put("a DPoP credential", Pattern.compile("\\bDPoP\\s+[A-Za-z0-9_\\-.~+/]{8,}"));
    }

    private final List<Line> lines = new ArrayList<>();
    private final Map<String, List<String>> secrets = new LinkedHashMap<>();
    private final List<String> personal = new ArrayList<>();
    private final LoggerContext context;
    private final AbstractAppender appender;
    private final LoggerConfig debugConfig;
    private final PrintStream originalOut;

    private LeakWatch() {
        context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        Layout<? extends Serializable> layout = configuration.getAppenders().values().stream()
                .map(Appender::getLayout)
                .filter(Objects::nonNull)
                .findFirst()
                .orElseGet(PatternLayout::createDefaultLayout);
        appender = new AbstractAppender(APPENDER, null, layout, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder text = new StringBuilder(String.valueOf(getLayout().toSerializable(event)));
                if (event.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    event.getThrown().printStackTrace(new PrintWriter(trace));
                    text.append('\n').append(trace);
                }
                add(new Line("log " + event.getLoggerName(), event.getLevel(), text.toString()));
            }
        };
        appender.start();
        configuration.addAppender(appender);
        configuration.getRootLogger().addAppender(appender, null, null);
        for (LoggerConfig logger : configuration.getLoggers().values()) {
            if (!logger.getAppenders().containsKey(APPENDER)) {
                logger.addAppender(appender, null, null);
            }
        }
        LoggerConfig existing = configuration.getLoggers().get("dev.oktaprov");
        if (existing == null) {
            debugConfig = new LoggerConfig("dev.oktaprov", Level.DEBUG, true);
            configuration.addLogger("dev.oktaprov", debugConfig);
        } else {
            debugConfig = null;
        }
        context.updateLoggers();
        originalOut = System.out;
        System.setOut(new PrintStream(new TeeOutputStream(originalOut, this), true, StandardCharsets.UTF_8));
    }

    /** Attaches to log4j and standard output; {@link #close()} detaches. */
    public static LeakWatch start() {
        return new LeakWatch();
    }

    /** A value that must appear nowhere: a token, a password, an assertion. Blank values are ignored. */
    public LeakWatch secret(String label, String value) {
        if (value != null && !value.isBlank()) {
            secrets.computeIfAbsent(label, k -> new ArrayList<>()).add(value);
        }
        return this;
    }

    /**
     * A private key in PEM: no run of {@value #KEY_FRAGMENT} characters of its base64 body may
     * appear, nor the body re-encoded as base64url.
     */
    public LeakWatch privateKey(String label, String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        String url = Base64.getUrlEncoder().withoutPadding().encodeToString(Base64.getDecoder().decode(body));
        for (String encoded : List.of(body, url)) {
            for (int i = 0; i + KEY_FRAGMENT <= encoded.length(); i += KEY_FRAGMENT / 2) {
                secret(label, encoded.substring(i, i + KEY_FRAGMENT));
            }
        }
        return this;
    }

    /** A login or email: in log lines at INFO and above only masked. Responses may carry it. */
    public LeakWatch personal(String value) {
        if (value != null && !value.isBlank()) {
            personal.add(value.toLowerCase(Locale.ROOT));
        }
        return this;
    }

    /** Records a response body (or any other output the test wants checked) under {@code where}. */
    public LeakWatch response(String where, String body) {
        add(new Line("response " + where, null, body == null ? "" : body));
        return this;
    }

    /** Everything captured so far. */
    public synchronized List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The captured log lines at {@code level} or more severe. */
    public List<Line> logLines(Level atLeast) {
        return lines().stream().filter(l -> l.level() != null && l.level().isMoreSpecificThan(atLeast)).toList();
    }

    /**
     * Fails listing every leak found: which kind of value, and where. The message never repeats a
     * secret; it shows the line with the offending value cut out.
     */
    public void assertNoLeaks() {
        List<String> problems = new ArrayList<>();
        for (Line line : lines()) {
            // JSON lines hold a value with a quote, a backslash or a line break only escaped, answers twice.
            Set<String> readings = JsonEscapes.readings(line.text());
            secrets.forEach((label, values) -> {
                for (String value : values) {
                    String found = readings.stream().filter(text -> text.contains(value)).findFirst().orElse(null);
                    if (found != null) {
                        problems.add(label + " in " + line.source() + ": " + redacted(found, value));
                        return;
                    }
                }
            });
            SHAPES.forEach((label, pattern) -> {
                Matcher m = pattern.matcher(line.text());
                if (m.find()) {
                    problems.add(label + " in " + line.source() + ": " + redacted(line.text(), m.group()));
                }
            });
            // Standard output (metrics, the Lambda context's logger) reaches CloudWatch like an INFO line.
            boolean infoOrAbove = line.level() != null ? line.level().isMoreSpecificThan(Level.INFO)
                    : line.source().equals("stdout");
            if (infoOrAbove) {
                for (String value : personal) {
                    readings.stream().map(text -> text.toLowerCase(Locale.ROOT)).filter(text -> text.contains(value)).findFirst()
                            .ifPresent(lower -> problems.add("an unmasked login/email at " + line.level() + " in "
                                    + line.source() + ": " + redacted(lower, value)));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " leak(s) in " + lines().size() + " captured lines:\n  "
                    + String.join("\n  ", problems));
        }
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        Configuration configuration = context.getConfiguration();
        for (LoggerConfig logger : configuration.getLoggers().values()) {
            logger.removeAppender(APPENDER);
        }
        configuration.getRootLogger().removeAppender(APPENDER);
        if (debugConfig != null) {
            configuration.removeLogger("dev.oktaprov");
        }
        context.updateLoggers();
        appender.stop();
    }

    private synchronized void add(Line line) {
        lines.add(line);
    }

    private static String redacted(String text, String value) {
        String cut = text.replace(value, "<" + value.length() + " chars>");
        return cut.length() <= 400 ? cut : cut.substring(0, 400) + "...";
    }

    /** Copies standard output to the watch, line by line, and on to the real stream. */
    private static final class TeeOutputStream extends OutputStream {
        private final PrintStream target;
        private final LeakWatch watch;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        TeeOutputStream(PrintStream target, LeakWatch watch) {
            this.target = target;
            this.watch = watch;
        }

        @Override
        public synchronized void write(int b) {
            target.write(b);
            if (b == '\n') {
                flushLine();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        @Override
        public synchronized void flush() {
            target.flush();
        }

        @Override
        public synchronized void close() {
            flushLine();
        }

        private void flushLine() {
            if (line.size() > 0) {
                watch.add(new Line("stdout", null, line.toString(StandardCharsets.UTF_8)));
                line.reset();
            }
        }
    }
}
