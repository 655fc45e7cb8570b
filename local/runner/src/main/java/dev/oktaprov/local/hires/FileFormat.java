package dev.oktaprov.local.hires;

import java.nio.file.Path;
import java.util.Locale;

/** How a new-hires file is written. */
public enum FileFormat {
    /** RFC 4180 CSV with a header row naming the create input's fields. */
    CSV,
    /** One create input (a JSON object) per line. */
    JSON_LINES;

    /**
     * By extension ({@code .jsonl}, {@code .ndjson}, {@code .json} are JSON lines, {@code .csv} is
     * CSV); otherwise by content: a first non-blank character {@code {} means JSON lines.
     */
    public static FileFormat detect(Path file, String text) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return JSON_LINES;
        }
        return text.stripLeading().startsWith("{") ? JSON_LINES : CSV;
    }
}
