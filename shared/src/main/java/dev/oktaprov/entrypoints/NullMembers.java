package dev.oktaprov.entrypoints;

/**
 * What an answer does with object members whose value is null. An HTTP body keeps them
 * ({@code "activated": null}); a direct invocation's result leaves them out, at every depth, as
 * Lambda's own serializer wrote it before the functions became stream handlers (README, "Step
 * Functions and direct invocation"). Nulls inside arrays are always kept.
 */
public enum NullMembers {
    KEEP,
    OMIT
}
