package dev.oktaprov.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AsciiFallbackPrintStreamTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Test
    void anAsciiTerminalGetsStandInsInsteadOfQuestionMarks() {
        PrintStream out = AsciiFallbackPrintStream.over(new PrintStream(bytes, true, StandardCharsets.US_ASCII),
                StandardCharsets.US_ASCII);

        out.println("onboarding: 30/200 done · created 29 · failed 0");
        out.printf("  %-14s %s%n", "HTTP API", "POST /users · GET /users/{id+} · GET /users");
        out.println("\nStopping…");
        out.print((Object) "Tomás Chen");
        out.print('·');
        out.append(" 😀").println();

        assertThat(bytes.toString(StandardCharsets.US_ASCII)).isEqualTo(String.join(System.lineSeparator(),
                "onboarding: 30/200 done | created 29 | failed 0",
                "  HTTP API       POST /users | GET /users/{id+} | GET /users",
                "",
                "Stopping...",
                "Tomas Chen| ?", ""));
    }

    @Test
    void aTerminalThatShowsTheCharactersGetsThemUnchanged() {
        PrintStream utf8 = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        assertThat(AsciiFallbackPrintStream.over(utf8, StandardCharsets.UTF_8)).isSameAs(utf8);
        assertThat(AsciiFallbackPrintStream.over(utf8, Charset.forName("ISO-8859-1"))).isNotSameAs(utf8);
    }

    @Test
    void latin1KeepsItsOwnLettersAndReplacesOnlyWhatItLacks() {
        PrintStream out = AsciiFallbackPrintStream.over(new PrintStream(bytes, true, StandardCharsets.ISO_8859_1),
                StandardCharsets.ISO_8859_1);

        out.print("Tomás · Zoë…");

        assertThat(bytes.toString(StandardCharsets.ISO_8859_1)).isEqualTo("Tomás · Zoë...");
    }
}
