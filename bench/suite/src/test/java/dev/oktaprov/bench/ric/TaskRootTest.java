package dev.oktaprov.bench.ric;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A baseline's jar and this build's, of the same name, each run from a task root of its own. */
class TaskRootTest {

    @TempDir
    Path dir;

    @Test
    void twoJarsOfTheSameNameUnpackApart() throws IOException {
        Path now = jar(dir.resolve("now/get-user.jar"), "this build");
        Path baseline = jar(dir.resolve("baseline/get-user.jar"), "the baseline");
        Path taskRoots = dir.resolve("task");

        Path nowRoot = ManagedJavaRuntime.taskRoot(now, taskRoots);
        Path baselineRoot = ManagedJavaRuntime.taskRoot(baseline, taskRoots);

        assertThat(baselineRoot).isNotEqualTo(nowRoot);
        assertThat(Files.readString(nowRoot.resolve("which.txt"))).isEqualTo("this build");
        assertThat(Files.readString(baselineRoot.resolve("which.txt"))).isEqualTo("the baseline");
    }

    private static Path jar(Path path, String content) throws IOException {
        Files.createDirectories(path.getParent());
        try (OutputStream file = Files.newOutputStream(path); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("which.txt"));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return path;
    }
}
