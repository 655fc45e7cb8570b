package dev.oktaprov.bench.ric;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * How Lambda's managed {@code java17} runtime starts a function, reproduced on this machine: the
 * runtime interface client ({@code aws-lambda-java-runtime-interface-client}, its main
 * {@code AWSLambda} and the jars its manifest names) on the class path, the function's jar unpacked
 * into the task root (Lambda unzips a jar deployment package into {@code /var/task}; the client loads
 * it from the working directory) and the managed runtime's JVM flags:
 *
 * <pre>
 * java -XX:MaxHeapSize=&lt;85 % of MemorySize&gt;k -XX:+UseSerialGC -Xshare:auto -XX:+TieredCompilation
 *      -XX:TieredStopAtLevel=1 --add-opens=java.base/java.io=ALL-UNNAMED
 *      -Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac -Djava.net.preferIPv4Stack=true
 *      -XX:+ErrorFileToStderr -D…NativeClient.JNI=&lt;the client's JNI library&gt;
 *      -classpath &lt;runtime jars&gt; com.amazonaws.services.lambda.runtime.api.client.AWSLambda HANDLER
 * </pre>
 *
 * <p>Not reproduced: Lambda's own CDS archive of the JDK ({@code -Xshare:on
 * -XX:SharedArchiveFile=/var/lang/lib/server/runtime.jsa}; this JDK's default archive maps instead)
 * and its Log4Shell hot-patch agent ({@code -javaagent:/var/runtime/lib/Log4jHotPatch.jar}, not
 * published); both would cost ours and the peer alike. {@code -XX:MaxRAM=MemorySize} stands in for
 * the micro-VM's memory, from which the JVM sizes its initial heap.
 */
public final class ManagedJavaRuntime {

    public static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    static final String RIC_ARTIFACT = "aws-lambda-java-runtime-interface-client";
    private static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private final Path ricJar;
    private final List<Path> classPath;
    private final Path jniLibrary;

    private ManagedJavaRuntime(Path ricJar, List<Path> classPath, Path jniLibrary) {
        this.ricJar = ricJar;
        this.classPath = classPath;
        this.jniLibrary = jniLibrary;
    }

    /**
     * The runtime in {@code runtimeDir} (bench/suite/target/lambda-runtime, where Maven copies the
     * client and the jars its manifest's {@code Class-Path} names), its JNI library unpacked beside it.
     */
    public static ManagedJavaRuntime in(Path dir) {
        // Absolute: the runtime's working directory is the task root.
        Path runtimeDir = dir.toAbsolutePath().normalize();
        try (var files = Files.list(runtimeDir)) {
            Path ric = files.filter(p -> p.getFileName().toString().startsWith(RIC_ARTIFACT + "-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + RIC_ARTIFACT + " jar in " + runtimeDir
                            + "; build with mvn -Pbench package -pl bench/suite -am"));
            List<Path> classPath = new ArrayList<>();
            classPath.add(ric);
            String manifestClassPath;
            try (JarFile jar = new JarFile(ric.toFile())) {
                manifestClassPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
            }
            for (String name : manifestClassPath.trim().split("\\s+")) {
                Path companion = runtimeDir.resolve(name);
                if (!Files.isRegularFile(companion)) {
                    throw new IllegalStateException(ric.getFileName() + " needs " + name + " beside it in " + runtimeDir);
                }
                classPath.add(companion);
            }
            return new ManagedJavaRuntime(ric, List.copyOf(classPath), unpackJni(ric, runtimeDir.resolve("jni")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The client's version, from its jar's name. */
    public String clientVersion() {
        String name = ricJar.getFileName().toString();
        return name.substring(RIC_ARTIFACT.length() + 1, name.length() - ".jar".length());
    }

    /** The command line of the managed runtime for {@code handler} at {@code memoryMb}, before any extra flags. */
    List<String> command(int memoryMb, List<String> extraFlags, String handler) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:MaxHeapSize=" + maxHeapKb(memoryMb) + "k");
        command.add("-XX:MaxRAM=" + memoryMb + "m");
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("--add-opens=java.base/java.io=ALL-UNNAMED");
        // Routes org.crac's Core to the client's CRaC context: SnapStart's hooks run through it.
        command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-XX:+ErrorFileToStderr");
        command.add("-D" + JNI_PROPERTY + "=" + jniLibrary);
        command.addAll(extraFlags);
        command.add("-classpath");
        command.add(String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList()));
        command.add(MAIN_CLASS);
        command.add(handler);
        return command;
    }

    /** The managed runtime's heap: 85 % of the function's memory (445645k at 512 MB). */
    static long maxHeapKb(int memoryMb) {
        return Math.round(memoryMb * 1024 * 0.85);
    }

    /**
     * {@code jar} unpacked as Lambda unpacks a deployment package, into {@code taskRoots/NAME}; done
     * again when the jar is newer than the unpacked copy.
     */
    static Path taskRoot(Path jar, Path taskRoots) {
        // The jar's path in the name: a baseline's get-user.jar must not unpack over this build's.
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "")
                + "-" + Integer.toHexString(jar.toAbsolutePath().normalize().toString().hashCode());
        Path root = taskRoots.resolve(name);
        Path stamp = taskRoots.resolve(name + ".unpacked");
        try {
            if (Files.isRegularFile(stamp) && Files.getLastModifiedTime(stamp).compareTo(Files.getLastModifiedTime(jar)) > 0
                    && Files.readString(stamp).equals(jar.toAbsolutePath().toString())) {
                return root;
            }
            deleteTree(root);
            Files.createDirectories(root);
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
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
            Files.writeString(stamp, jar.toAbsolutePath().toString());
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The client's JNI library for this machine, where the managed runtime passes it in (not /tmp, as it would unpack it). */
    private static Path unpackJni(Path ric, Path dir) throws IOException {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String name = "libaws-lambda-jni.linux-" + (arch.equals("aarch64") ? "aarch_64" : "x86_64") + ".so";
        Path target = dir.resolve(name);
        if (Files.isRegularFile(target) && Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(ric)) > 0) {
            return target;
        }
        Files.createDirectories(dir);
        try (ZipFile zip = new ZipFile(ric.toFile())) {
            ZipEntry entry = zip.getEntry("jni/" + name);
            if (entry == null) {
                throw new IllegalStateException(ric + " has no jni/" + name);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
