package dev.oktaprov.entrypoints;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The repository's sample events ({@code events/}), as the bytes Lambda would hand over. */
public final class SampleEvents {

    public static final Path DIRECTORY = Path.of("..", "events");

    private SampleEvents() {}

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(DIRECTORY.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample events whose names start with {@code prefix} ({@code apigw-}, {@code sfn-}, {@code sqs-}). */
    public static List<String> named(String prefix) {
        try (var files = Files.list(DIRECTORY)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith(prefix) && name.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
