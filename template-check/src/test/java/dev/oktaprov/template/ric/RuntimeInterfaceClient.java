package dev.oktaprov.template.ric;

import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A function jar run as Lambda's managed {@code java17} runtime runs it: the real runtime interface
 * client ({@code aws-lambda-java-runtime-interface-client}, main {@code AWSLambda}, with the jars
 * its manifest names) in a JVM of its own, with the managed runtime's flags — among them
 * {@code -Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac}, which routes {@code org.crac}
 * to the client, so that with {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start} it runs every
 * registered {@code beforeCheckpoint} hook after init, asks {@code /runtime/restore/next} and runs
 * the {@code afterRestore} hooks, as SnapStart does when it publishes a version — and the jar
 * unpacked as its task root, talking to a {@link RuntimeApi} that hands it events.
 */
final class RuntimeInterfaceClient {

    private static final String MAIN = AWSLambda.class.getName();
    private static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final long TIMEOUT_SECONDS = 90;

    /** What one run of the runtime did: the invocations' outcomes, the init/restore errors, its output. */
    record Run(List<RuntimeApi.Outcome> outcomes, List<String> failures, boolean restoreAsked, String output) {}

    private final Path work;

    /** @param work where task roots, the client's JNI library and the runtime's output go (under target/) */
    RuntimeInterfaceClient(Path work) {
        this.work = work.toAbsolutePath().normalize();
    }

    /**
     * Starts a runtime for {@code handler} in {@code jar}, hands it {@code events} one by one, and ends
     * it (SIGKILL, as Lambda ends an environment) once each is answered or init failed.
     *
     * @param snapStart {@code snap-start} as the initialization type: the CRaC hooks run before the first event
     */
    Run run(Path jar, String handler, Map<String, String> functionEnvironment, List<byte[]> events, boolean snapStart)
            throws IOException, InterruptedException {
        String function = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        Path taskRoot = unpack(jar, work.resolve("task").resolve(function));
        Path output = work.resolve(function + (snapStart ? "-snap-start" : "-on-demand") + ".log");
        try (RuntimeApi api = new RuntimeApi(function, events)) {
            ProcessBuilder builder = new ProcessBuilder(command(handler)).directory(taskRoot.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment(function, handler, taskRoot, api, snapStart));
            builder.environment().putAll(functionEnvironment);
            Process process = builder.start();
            try {
                long deadline = System.nanoTime() + TIMEOUT_SECONDS * 1_000_000_000L;
                while (!api.awaitDone(1) && process.isAlive() && System.nanoTime() < deadline) {
                    // waiting for the answers, an exit or the timeout
                }
            } finally {
                process.destroyForcibly();
                process.waitFor();
            }
            return new Run(api.outcomes(), api.failures(), api.restoreAsked(), Files.readString(output));
        }
    }

    private List<String> command(String handler) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:MaxHeapSize=445645k");
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("--add-opens=java.base/java.io=ALL-UNNAMED");
        command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-XX:+ErrorFileToStderr");
        command.add("-D" + JNI_PROPERTY + "=" + jni());
        command.add("-classpath");
        command.add(String.join(java.io.File.pathSeparator, classPath().stream().map(Path::toString).toList()));
        command.add(MAIN);
        command.add(handler);
        return command;
    }

    /** Lambda's own variables for the function; the function's come from the caller. */
    private static Map<String, String> environment(String function, String handler, Path taskRoot, RuntimeApi api,
            boolean snapStart) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("_HANDLER", handler);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", snapStart ? "snap-start" : "on-demand");
        env.put("AWS_LAMBDA_RUNTIME_API", api.hostAndPort());
        env.put("AWS_LAMBDA_FUNCTION_NAME", function);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[1]0123456789abcdef0123456789abcdef");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("TZ", ":UTC");
        return env;
    }

    /** The client's jar and the companions its manifest's {@code Class-Path} names, as found on this test's class path. */
    private static List<Path> classPath() throws IOException {
        Path client = location(AWSLambda.class);
        List<Path> paths = new ArrayList<>(List.of(client));
        String manifestClassPath;
        try (JarFile jar = new JarFile(client.toFile())) {
            manifestClassPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
        }
        List<Path> testClassPath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of).toList();
        for (String name : manifestClassPath.trim().split("\\s+")) {
            String artifact = name.replaceFirst("-[0-9][^-]*\\.jar$", "");
            paths.add(testClassPath.stream()
                    .filter(path -> path.getFileName().toString().matches(java.util.regex.Pattern.quote(artifact) + "-[0-9].*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the runtime interface client needs " + name
                            + " (any version): not on this test's class path")));
        }
        return paths;
    }

    /** The client's JNI library for this machine, unpacked where the managed runtime passes it in (not /tmp, as it would). */
    private Path jni() throws IOException {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String name = "libaws-lambda-jni.linux-" + (arch.equals("aarch64") ? "aarch_64" : "x86_64") + ".so";
        Path target = work.resolve("jni").resolve(name);
        if (!Files.isRegularFile(target)) {
            Files.createDirectories(target.getParent());
            try (ZipFile zip = new ZipFile(location(AWSLambda.class).toFile())) {
                ZipEntry entry = zip.getEntry("jni/" + name);
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target;
    }

    /** {@code jar} unpacked as Lambda unpacks a deployment package into {@code /var/task}. */
    private static Path unpack(Path jar, Path root) throws IOException {
        deleteTree(root);
        Files.createDirectories(root);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IllegalStateException(jar + ": entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return root;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("where " + type + " was loaded from", e));
        }
    }
}
