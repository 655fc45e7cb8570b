package dev.oktaprov.simulator;

import java.util.Arrays;
import java.util.Locale;

/** What the simulator can do to a request instead of (or on top of) answering it normally. */
public enum Fault {
    /** Answer 500 E0000009 without processing the request. */
    ERROR_500("error-500"),
    /** Answer 503 without processing the request. */
    ERROR_503("error-503"),
    /** Answer 504 without processing the request. */
    ERROR_504("error-504"),
    /** Close the connection without an answer. */
    DROP("drop"),
    /** POST /api/v1/users only: create the user, then answer 504 as if the answer was lost on the way. */
    LOST_ANSWER("lost-answer"),
    /** Wait before answering (the plan's latency), then answer normally. */
    LATENCY("latency");

    private final String id;

    Fault(String id) {
        this.id = id;
    }

    /** The name used in the admin JSON and the counters. */
    public String id() {
        return id;
    }

    /** Accepts "error-503", "ERROR_503", "503", "drop", "lost-answer"... */
    public static Fault fromId(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (wanted.matches("\\d{3}")) {
            wanted = "error-" + wanted;
        }
        String finalWanted = wanted;
        return Arrays.stream(values())
                .filter(fault -> fault.id.equals(finalWanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fault: " + name
                        + " (known: " + Arrays.stream(values()).map(Fault::id).toList() + ")"));
    }

    static Fault ofStatus(int status) {
        return switch (status) {
            case 500 -> ERROR_500;
            case 503 -> ERROR_503;
            case 504 -> ERROR_504;
            default -> throw new IllegalArgumentException("fault statuses are 500, 503 or 504, not " + status);
        };
    }

    public boolean isServerError() {
        return this == ERROR_500 || this == ERROR_503 || this == ERROR_504;
    }

    public int status() {
        return switch (this) {
            case ERROR_500 -> 500;
            case ERROR_503 -> 503;
            case ERROR_504, LOST_ANSWER -> 504;
            default -> throw new IllegalStateException(this + " has no status");
        };
    }
}
