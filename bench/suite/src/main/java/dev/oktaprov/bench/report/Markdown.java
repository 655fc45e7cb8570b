package dev.oktaprov.bench.report;

import java.util.List;
import java.util.Locale;

/** Small helpers for the report's tables and numbers. */
public final class Markdown {

    private Markdown() {}

    public static String table(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", header)).append(" |\n");
        out.append("|").append("---|".repeat(header.size())).append("\n");
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }

    public static String ms(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    public static String one(double value) {
        return String.format(Locale.ROOT, "%,.1f", value);
    }

    public static String two(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    public static String mb(double bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1_000_000.0);
    }
}
