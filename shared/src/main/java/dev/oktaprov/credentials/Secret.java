package dev.oktaprov.credentials;

import java.util.Objects;

/** A credential value that does not print itself: {@link #toString()} is masked, {@link #reveal()} is explicit. */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The value itself: for the one place that sends it, never for logging. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "Secret[***]";
    }
}
