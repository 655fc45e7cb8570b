package dev.oktaprov.okta.model;

import java.time.Instant;

/** An Okta user as the Users API returns it; {@code _links}, {@code _embedded} and credentials are not kept. */
public record User(
        String id,
        String status,
        String transitioningToStatus,
        Instant created,
        Instant activated,
        Instant statusChanged,
        Instant lastLogin,
        Instant lastUpdated,
        Instant passwordChanged,
        String typeId,
        Profile profile) {

    public User {
        profile = profile == null ? new Profile(null) : profile;
    }

    /** Without the profile: a user printed into a log line must not carry a login or an email. */
    @Override
    public String toString() {
        return "User[id=" + id + ", status=" + status + ", profile=" + profile + "]";
    }
}
