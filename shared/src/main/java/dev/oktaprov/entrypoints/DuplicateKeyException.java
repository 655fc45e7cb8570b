package dev.oktaprov.entrypoints;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;

/**
 * A name given twice in one object of a strict read ({@link JsonValues#read(String, boolean)}). Jackson's own
 * duplicate check says the name only inside its message text, so the name is kept here instead.
 */
public final class DuplicateKeyException extends JsonParseException {

    private static final long serialVersionUID = 1L;
    private static final int MAX_SHOWN = 100;

    private final String key;

    DuplicateKeyException(JsonParser parser, String key) {
        super(parser, "Duplicate key", parser.currentTokenLocation()); // where the second one starts
        this.key = key;
    }

    /**
     * {@code the key 'login'} for a message: a key name, never a value; {@code a key} when the name is over 100
     * characters or holds a control, format or surrogate character (a line break in a log line, a reversed display).
     */
    public String describe() {
        boolean plain = key.length() <= MAX_SHOWN && key.chars().noneMatch(c -> Character.isISOControl(c)
                || Character.isSurrogate((char) c) || Character.getType(c) == Character.FORMAT);
        return plain ? "the key '" + key + "'" : "a key";
    }
}
