package dev.oktaprov.local;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.text.Normalizer;
import java.util.Map;

/**
 * A terminal whose character set cannot show the runner's {@code ·} and {@code …} (a C or POSIX
 * locale, e.g. under {@code env -i} or in CI) would print them as {@code ?}: this stream prints an
 * ASCII stand-in instead, and a letter without its accent ({@code Tomás} as {@code Tomas}).
 */
final class AsciiFallbackPrintStream extends PrintStream {

    private static final Map<Integer, String> STAND_INS = Map.of(
            (int) '·', "|", (int) '…', "...", (int) '–', "-", (int) '—', "-", (int) '×', "x", (int) '→', "->");

    private final Charset charset;

    private AsciiFallbackPrintStream(OutputStream out, Charset charset) {
        super(out, true, charset);
        this.charset = charset;
    }

    /** {@code out} itself where {@code charset} shows the runner's own characters, else a stream with stand-ins. */
    static PrintStream over(PrintStream out, Charset charset) {
        return charset.newEncoder().canEncode("·…") ? out : new AsciiFallbackPrintStream(out, charset);
    }

    // println, printf, format and append all end in one of these on a subclass of PrintStream.
    @Override
    public void print(String text) {
        super.print(encodable(String.valueOf(text)));
    }

    @Override
    public void print(Object value) {
        print(String.valueOf(value));
    }

    @Override
    public void print(char c) {
        print(String.valueOf(c));
    }

    @Override
    public void print(char[] text) {
        print(new String(text));
    }

    String encodable(String text) {
        CharsetEncoder encoder = charset.newEncoder();
        if (encoder.canEncode(text)) {
            return text;
        }
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> shown.append(encodable(codePoint, encoder)));
        return shown.toString();
    }

    private static String encodable(int codePoint, CharsetEncoder encoder) {
        String character = Character.toString(codePoint);
        if (encoder.canEncode(character)) {
            return character;
        }
        String standIn = STAND_INS.get(codePoint);
        if (standIn != null) {
            return standIn;
        }
        // The letter without its accent, when the character set has it: "á" is "a" + a combining mark.
        String base = Normalizer.normalize(character, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return !base.isEmpty() && encoder.canEncode(base) ? base : "?";
    }
}
