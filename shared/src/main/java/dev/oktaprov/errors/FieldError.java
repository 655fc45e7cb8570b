package dev.oktaprov.errors;

import java.util.Objects;

/** One problem with one input field; {@code field} is a JSON-path-like name such as {@code profile.city}. */
public record FieldError(String field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
