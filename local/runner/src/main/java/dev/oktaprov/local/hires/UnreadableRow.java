package dev.oktaprov.local.hires;

/**
 * A row the reader could not turn into a create input (bad quoting, wrong column count, invalid JSON).
 *
 * @param line the 1-based line the row starts on
 * @param reason what is wrong, never the row's content (it may hold a password)
 */
public record UnreadableRow(int line, String reason) {

    @Override
    public String toString() {
        return "line " + line + ": " + reason;
    }
}
