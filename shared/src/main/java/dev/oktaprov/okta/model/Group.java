package dev.oktaprov.okta.model;

/** An Okta group; {@code type} is OKTA_GROUP, APP_GROUP or BUILT_IN. */
public record Group(String id, String type, String name, String description) {}
