package dev.oktaprov.local.hires;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewHireFileTest {

    @TempDir
    Path dir;

    @Test
    void csvRowsBecomeCreateInputs() throws Exception {
        NewHireFile file = NewHireFile.read(write("hires.csv", """
                firstName,lastName,email,login,activate,groupIds,profile.title,password
                Zoë,O'Connor,zoe@example.com,zoe+it@example.com,TRUE,00g1;00g2;,"Engineer, Platform",
                "Sam ""Sammy""\",Ortiz,sam@example.org,sam@example.org,,,"line one
                line two",s3cret-Passw0rd
                """));

        assertThat(file.format()).isEqualTo(FileFormat.CSV);
        assertThat(file.unreadable()).isEmpty();
        assertThat(file.rows()).extracting(NewHireRow::line).containsExactly(2, 3);
        assertThat(file.rows().get(0).input()).containsExactly(
                Map.entry("firstName", "Zoë"), Map.entry("lastName", "O'Connor"), Map.entry("email", "zoe@example.com"),
                Map.entry("login", "zoe+it@example.com"), Map.entry("activate", true),
                Map.entry("groupIds", List.of("00g1", "00g2")),
                Map.entry("profile", Map.of("title", "Engineer, Platform")));
        assertThat(file.rows().get(1).input())
                .containsEntry("firstName", "Sam \"Sammy\"")
                .containsEntry("profile", Map.of("title", "line one\nline two"))
                .containsEntry("password", "s3cret-Passw0rd")
                .doesNotContainKeys("activate", "groupIds");
    }

    @Test
    void startDatesMayBeWrittenRelativeToTheDayTheFileIsRead() throws Exception {
        LocalDate today = LocalDate.parse("2026-12-30");
        NewHireFile csv = NewHireFile.read(write("hires.csv", """
                firstName,lastName,email,login,startDate,timeZone,activationTime
                Ada,Lovelace,ada@example.com,ada@example.com,today+14,Europe/Berlin,09:30
                Bob,Byte,bob@example.com,bob@example.com,TODAY - 2,,
                Cy,Cee,cy@example.com,cy@example.com,2027-01-04,,
                Di,Dee,di@example.com,di@example.com,tomorrow,,
                """), null, today);
        NewHireFile jsonLines = NewHireFile.read(write("hires.jsonl", """
                {"firstName": "Ada", "startDate": "today"}
                """), null, today);

        assertThat(csv.rows()).extracting(row -> row.input().get("startDate"))
                .containsExactly("2027-01-13", "2026-12-28", "2027-01-04", "tomorrow");
        assertThat(csv.rows().get(0).input()).containsEntry("timeZone", "Europe/Berlin").containsEntry("activationTime", "09:30");
        assertThat(jsonLines.rows().get(0).input()).containsEntry("startDate", "2026-12-30");
    }

    @Test
    void aByteOrderMarkCrlfLinesAndBlankRowsAreTolerated() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "firstName,lastName,email,login\r\n\r\nAda,Lovelace,ada@example.com,ada@example.com\r\n,,,\r\n"
                .getBytes(StandardCharsets.UTF_8);
        Path path = dir.resolve("bom.csv");
        Files.write(path, concat(bom, text));

        NewHireFile file = NewHireFile.read(path);

        assertThat(file.unreadable()).isEmpty();
        assertThat(file.rows()).singleElement().satisfies(row -> {
            assertThat(row.line()).isEqualTo(3);
            assertThat(row.input()).containsEntry("firstName", "Ada").hasSize(4);
        });
    }

    @Test
    void unreadableCsvRowsAreReportedWithTheirLineAndTheRestIsRead() throws Exception {
        NewHireFile file = NewHireFile.read(write("bad.csv", """
                firstName,lastName,email,login
                Ada,Lovelace,ada@example.com,ada@example.com
                Bad"Quote,Row,b@example.com,b@example.com
                Too,Few,fields@example.com
                "Closed"x,Row,c@example.com,c@example.com
                Grace,Hopper,grace@example.com,grace@example.com
                "Never closed,Row,d@example.com,d@example.com
                Lost,Row,e@example.com,e@example.com
                """));

        assertThat(file.rows()).extracting(NewHireRow::line).containsExactly(2, 6);
        assertThat(file.unreadable()).extracting(UnreadableRow::line).containsExactly(3, 4, 5, 7);
        assertThat(file.unreadable().get(0).reason()).contains("column 1").contains("quote inside an unquoted field");
        assertThat(file.unreadable().get(1).reason()).isEqualTo("3 fields, but the header has 4 columns");
        assertThat(file.unreadable().get(2).reason()).contains("text after a closing quote");
        assertThat(file.unreadable().get(3).reason()).isEqualTo("a quoted field opened on line 7 is never closed");
    }

    @Test
    void invalidUtf8IsReportedForItsRowOnly() throws Exception {
        byte[] head = "firstName,lastName,email,login\nAda,Lovelace,ada@example.com,ada@example.com\nJos".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = {(byte) 0xE9};
        byte[] tail = ",Garcia,jose@example.com,jose@example.com\n".getBytes(StandardCharsets.UTF_8);
        Path path = dir.resolve("latin1.csv");
        Files.write(path, concat(concat(head, latin1), tail));

        NewHireFile file = NewHireFile.read(path);

        assertThat(file.rows()).extracting(NewHireRow::line).containsExactly(2);
        assertThat(file.unreadable()).containsExactly(new UnreadableRow(3, "not valid UTF-8 (save the file as UTF-8)"));
    }

    @Test
    void aHeaderWithUnknownOrRepeatedColumnsMakesTheFileUnusable() throws Exception {
        Path path = write("header.csv", "fristName,lastName,email,Email,login\nA,B,c@example.com,c@example.com,c@example.com\n");

        assertThatThrownBy(() -> NewHireFile.read(path))
                .isInstanceOf(NewHireFile.UnusableFileException.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("unknown column \"fristName\"")
                .hasMessageContaining("column \"Email\" appears twice");
    }

    @Test
    void headerNamesIgnoreCase() throws Exception {
        NewHireFile file = NewHireFile.read(write("case.csv", "FirstName,LASTNAME,email,Login,Profile.costCenter\nA,B,c@example.com,c@example.com,CC-7\n"));

        assertThat(file.rows().get(0).input()).containsOnlyKeys("firstName", "lastName", "email", "login", "profile")
                .containsEntry("profile", Map.of("costCenter", "CC-7"));
    }

    @Test
    void jsonLinesAreReadLineByLine() throws Exception {
        NewHireFile file = NewHireFile.read(write("hires.jsonl", """
                {"firstName":"Ada","lastName":"Lovelace","email":"ada@example.com","login":"ada@example.com","groupIds":["00g1"]}

                {"firstName":"Broken", "password":"hunter2hunter2"
                ["not", "an", "object"]
                {"login":"x@example.com","login":"y@example.com"}
                {"firstName":"Grace","lastName":"Hopper","email":"grace@example.com","login":"grace@example.com","activate":true}
                """));

        assertThat(file.format()).isEqualTo(FileFormat.JSON_LINES);
        assertThat(file.rows()).extracting(NewHireRow::line).containsExactly(1, 6);
        assertThat(file.rows().get(0).input()).containsEntry("groupIds", List.of("00g1"));
        assertThat(file.rows().get(1).input()).containsEntry("activate", true);
        assertThat(file.unreadable()).extracting(UnreadableRow::line).containsExactly(3, 4, 5);
        assertThat(file.unreadable().get(0).reason()).startsWith("not valid JSON (column").doesNotContain("hunter2");
        assertThat(file.unreadable().get(1).reason()).startsWith("not a JSON object");
        assertThat(file.unreadable().get(2).reason()).startsWith("not valid JSON");
    }

    @Test
    void theFormatComesFromTheNameElseFromTheContent() throws Exception {
        assertThat(NewHireFile.read(write("hires.txt", "{\"login\":\"a@example.com\"}\n")).format())
                .isEqualTo(FileFormat.JSON_LINES);
        assertThat(NewHireFile.read(write("hires.data", "login\na@example.com\n")).format()).isEqualTo(FileFormat.CSV);
    }

    @Test
    void anEmptyOrMissingFileIsUnusable() throws Exception {
        Path empty = write("empty.csv", "\n\n");
        assertThatThrownBy(() -> NewHireFile.read(empty)).isInstanceOf(NewHireFile.UnusableFileException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> NewHireFile.read(dir.resolve("missing.csv")))
                .isInstanceOf(NewHireFile.UnusableFileException.class)
                .hasMessage("cannot read " + dir.resolve("missing.csv") + ": no such file");
        assertThatThrownBy(() -> NewHireFile.read(dir)).isInstanceOf(NewHireFile.UnusableFileException.class)
                .hasMessageContaining("cannot read " + dir + ": ").hasMessageNotContaining("Exception");
    }

    private Path write(String name, String content) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return path;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
