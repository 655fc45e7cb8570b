package dev.oktaprov.config;

import dev.oktaprov.errors.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a function's settings from an environment map and collects what is wrong with them, so that
 * {@link #check()} reports every problem at once, each naming its variable and none quoting a value
 * it may not show. A blank variable counts as unset; values are stripped.
 */
public final class EnvironmentReader {

    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    public EnvironmentReader(Map<String, String> env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    /** The first of {@code names} that is set, stripped; null when none is. */
    public String text(String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    /** {@code name} as a whole number from {@code min} to {@code max}; {@code fallback} when unset or wrong. */
    public int integer(String name, int fallback, int min, int max) {
        return integer(name, text(name), fallback, min, max);
    }

    /** As {@link #integer}, a trailing {@code %} allowed ("50%" is 50). */
    public int percent(String name, int fallback, int min, int max) {
        String raw = text(name);
        return integer(name, raw != null && raw.endsWith("%") ? raw.substring(0, raw.length() - 1).strip() : raw,
                fallback, min, max);
    }

    /** {@code name} as whole milliseconds from {@code min} to {@code max}; {@code fallback} when unset or wrong. */
    public Duration millis(String name, Duration fallback, long min, long max) {
        String raw = text(name);
        if (raw == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw);
            if (value >= min && value <= max) {
                return Duration.ofMillis(value);
            }
        } catch (NumberFormatException e) {
            // Reported below, like an out-of-range number.
        }
        problems.add(name + " must be a whole number of milliseconds, " + min + "-" + max);
        return fallback;
    }

    /** Whether {@code name} is set to {@code true} (any case), as the AWS SDKs read their boolean settings. */
    public boolean flag(String name) {
        return "true".equalsIgnoreCase(text(name));
    }

    /** Adds a problem a caller found itself, e.g. two settings that contradict each other. */
    public void problem(String message) {
        problems.add(message);
    }

    /** Throws a {@link ConfigurationException} naming every problem found so far; returns when there is none. */
    public void check() {
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid configuration: " + String.join("; ", problems));
        }
    }

    private int integer(String name, String raw, int fallback, int min, int max) {
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
            problems.add(name + " must be " + min + "-" + max + ", was " + value);
        } catch (NumberFormatException e) {
            problems.add(name + " must be a whole number " + min + "-" + max);
        }
        return fallback;
    }
}
