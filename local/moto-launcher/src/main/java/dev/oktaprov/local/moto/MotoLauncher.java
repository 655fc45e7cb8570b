package dev.oktaprov.local.moto;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts {@code moto_server} on 127.0.0.1, the one way this project does: the tests' {@code MotoServer}
 * and the local runner's Step Functions interpreter both come here.
 *
 * <p>moto is started with {@code -p 0} and its port is read from its own startup line, which it prints
 * once it is listening: no port is chosen before the process binds it, and no one polls.
 *
 * <p>moto runs tied to this JVM ({@link TiedToThisJvm}): it ends when the JVM ends, however the JVM
 * ends (a {@code kill -9}, PIT killing a timed-out minion, a cancelled CI job), so no moto_server is
 * left behind listening.
 */
public final class MotoLauncher {

    /** A missing moto_server, reported with the tool's name and how to install it. */
    public static final String MISSING =
            "moto_server not found on PATH or in ~/.pyenv/shims; install it (pip install 'moto[server]')";

    private static final String EXECUTABLE = "moto_server";
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private MotoLauncher() {
    }

    /**
     * {@code moto_server} on the {@code PATH} of {@code env}, else in {@code $HOME/.pyenv/shims}
     * (pip's usual home here): CI and a runner started from a desktop do not read {@code ~/.bashrc}.
     */
    public static Optional<Path> find(Map<String, String> env) {
        String path = env.get("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, EXECUTABLE);
                if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        Path shim = Path.of(home(env), ".pyenv", "shims", EXECUTABLE);
        return Files.isExecutable(shim) ? Optional.of(shim) : Optional.empty();
    }

    /**
     * {@link #find} then {@link #start(Path, Map)}.
     *
     * @param env where to look for moto_server (its {@code PATH} and {@code HOME})
     * @throws IllegalStateException with {@link #MISSING} when there is none
     */
    public static RunningMoto start(Map<String, String> env, Map<String, String> settings) {
        return start(find(env).orElseThrow(() -> new IllegalStateException(MISSING)), settings);
    }

    /**
     * Starts {@code executable -H 127.0.0.1 -p 0} and returns once it listens. Its output goes to a
     * temporary log file that every error names.
     *
     * @param settings added to moto's environment ({@code TZ}, {@code MOTO_PORT},
     *        {@code INITIAL_NO_AUTH_ACTION_COUNT}, ...)
     */
    public static RunningMoto start(Path executable, Map<String, String> settings) {
        Path log;
        Process process;
        try {
            log = Files.createTempFile("moto_server-", ".log");
            ProcessBuilder builder = new ProcessBuilder(
                    TiedToThisJvm.command(executable, List.of("-H", "127.0.0.1", "-p", "0")))
                    .redirectErrorStream(true);
            Map<String, String> environment = builder.environment();
            // The pyenv shim finds its Python through PYENV_ROOT.
            environment.putIfAbsent("PYENV_ROOT", home(System.getenv()) + "/.pyenv");
            environment.putAll(settings);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + executable, e);
        }
        CompletableFuture<Integer> port = StartupOutput.copy(process, log);
        RunningMoto moto = new RunningMoto(process, null, log);
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + port.get(STARTUP.toSeconds(), TimeUnit.SECONDS));
            return new RunningMoto(process, endpoint, log);
        } catch (TimeoutException e) {
            moto.close();
            throw new IllegalStateException("moto_server did not listen within " + STARTUP.toSeconds() + " s; see " + log);
        } catch (ExecutionException e) {
            moto.close();
            throw new IllegalStateException("moto_server " + e.getCause().getMessage() + "; see " + log);
        } catch (InterruptedException e) {
            moto.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while moto_server started", e);
        }
    }

    private static String home(Map<String, String> env) {
        String home = env.get("HOME");
        return home == null || home.isBlank() ? System.getProperty("user.home") : home;
    }
}
