package dev.oktaprov.okta.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An Okta user profile: every attribute, custom ones included, in the order Okta sent them (or the
 * order they were put in). Values are JSON scalars, lists, or {@code null} for unset attributes.
 */
public record Profile(Map<String, Object> attributes) {

    @JsonCreator
    public Profile {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes == null ? Map.of() : attributes));
    }

    /** The base profile first (login, firstName, lastName, email), then {@code extra} in its order. */
    public static Profile of(String login, String firstName, String lastName, String email, Map<String, Object> extra) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("login", login);
        all.put("firstName", firstName);
        all.put("lastName", lastName);
        all.put("email", email);
        if (extra != null) {
            extra.forEach(all::putIfAbsent);
        }
        return new Profile(all);
    }

    @Override
    @JsonValue
    public Map<String, Object> attributes() {
        return attributes;
    }

    public String login() {
        return string("login");
    }

    public String email() {
        return string("email");
    }

    public String firstName() {
        return string("firstName");
    }

    public String lastName() {
        return string("lastName");
    }

    /** Attribute names only: values are personal data and stay out of log lines. */
    @Override
    public String toString() {
        return "Profile" + attributes.keySet();
    }

    /** An attribute as text, or {@code null} when unset or not a string. */
    public String string(String name) {
        return attributes.get(name) instanceof String s ? s : null;
    }
}
