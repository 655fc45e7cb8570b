package dev.oktaprov.local.hires;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/**
 * A file's bytes as UTF-8 text, a leading byte order mark dropped, with the lines that were not valid
 * UTF-8 noted (their bad bytes become U+FFFD so the rest of the file can still be read).
 *
 * @param badLines 1-based numbers of the lines holding bytes that are not UTF-8
 */
record Utf8Text(String text, Set<Integer> badLines) {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    static Utf8Text decode(byte[] bytes) {
        StringBuilder text = new StringBuilder(bytes.length);
        Set<Integer> badLines = new TreeSet<>();
        int line = 1;
        int lineStart = 0;
        // Line by line: 0x0A never occurs inside a multi-byte UTF-8 sequence.
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                int end = i == bytes.length ? i : i + 1;
                if (!decodeLine(bytes, lineStart, end - lineStart, text)) {
                    badLines.add(line);
                }
                line++;
                lineStart = end;
            }
        }
        if (text.length() > 0 && text.charAt(0) == BYTE_ORDER_MARK) {
            text.deleteCharAt(0);
        }
        return new Utf8Text(text.toString(), Set.copyOf(badLines));
    }

    /** Appends the line; false when it had to replace bytes that are not UTF-8. */
    private static boolean decodeLine(byte[] bytes, int offset, int length, StringBuilder into) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = strict.decode(ByteBuffer.wrap(bytes, offset, length));
            into.append(chars);
            return true;
        } catch (CharacterCodingException e) {
            into.append(new String(bytes, offset, length, StandardCharsets.UTF_8));
            return false;
        }
    }
}
