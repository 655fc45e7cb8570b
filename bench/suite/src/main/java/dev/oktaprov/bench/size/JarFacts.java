package dev.oktaprov.bench.size;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;

/** A deployment jar's size on disk and the classes it holds (multi-release copies counted once each). */
public record JarFacts(String name, Path jar, long bytes, int classes) {

    public static JarFacts of(String name, Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            int classes = (int) file.stream().filter(e -> e.getName().endsWith(".class")).count();
            return new JarFacts(name, jar, Files.size(jar), classes);
        } catch (IOException e) {
            throw new UncheckedIOException(jar + " cannot be read; build it first", e);
        }
    }

    public double megabytes() {
        return bytes / 1_000_000.0;
    }
}
