package dev.oktaprov.testsupport;

import dev.oktaprov.local.moto.MotoLauncher;
import dev.oktaprov.local.moto.RunningMoto;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A real AWS API for tests: {@code moto_server} on a loopback port the operating system picks, or
 * whatever {@code AWS_ENDPOINT_URL} names (LocalStack, a moto started by CI). {@link #close()} stops a
 * server this class started, with its whole process tree.
 *
 * <p>moto is started by {@link MotoLauncher}: with {@code -p 0}, its port read from its own startup
 * line, so two builds starting moto at once can never meet on one port and an answer on the port is
 * always this process's; found on {@code PATH}, then in {@code ~/.pyenv/shims} (CI does not read
 * {@code ~/.bashrc}); and ended with the test JVM even when that JVM is killed (PIT's timed-out
 * minions, a cancelled build).
 */
public final class MotoServer implements AutoCloseable {

    /** Credentials moto accepts; they never leave this machine. */
    public static final String ACCESS_KEY = "testing";
    public static final String SECRET_KEY = "testing";
    public static final String REGION = "us-east-1";

    private final URI endpoint;
    /** The moto_server this class started; null for {@code AWS_ENDPOINT_URL}'s. */
    private final RunningMoto own;

    private MotoServer(URI endpoint, RunningMoto own) {
        this.endpoint = endpoint;
        this.own = own;
    }

    /**
     * True when {@link #start()} has something to use: {@code AWS_ENDPOINT_URL} or a
     * {@code moto_server} executable. Tests that may be skipped without moto ask this, and fail
     * (not skip) when a moto that is there does not start.
     */
    public static boolean available() {
        return external().isPresent() || MotoLauncher.find(System.getenv()).isPresent();
    }

    /** Uses {@code AWS_ENDPOINT_URL} when set, else starts {@code moto_server} and waits until it listens. */
    public static MotoServer start() {
        Optional<URI> external = external();
        if (external.isPresent()) {
            return new MotoServer(external.get(), null);
        }
        return startOwn(System.getenv(), Map.of());
    }

    /**
     * A {@code moto_server} of its own that checks what AWS checks: after the first
     * {@code unauthenticatedActions} requests (to create IAM users, keys, policies and the test's
     * resources with {@link #ACCESS_KEY}), every request must be SigV4-signed with a key moto's IAM
     * issued, and allowed by that user's policies (moto's {@code INITIAL_NO_AUTH_ACTION_COUNT}).
     */
    public static MotoServer startCheckingSignatures(int unauthenticatedActions) {
        return startOwn(System.getenv(), Map.of("INITIAL_NO_AUTH_ACTION_COUNT", Integer.toString(unauthenticatedActions)));
    }

    /** @param env where to look for moto_server (its {@code PATH} and {@code HOME}) */
    static MotoServer startOwn(Map<String, String> env, Map<String, String> settings) {
        Path executable = MotoLauncher.find(env).orElseThrow(() -> new IllegalStateException(
                MotoLauncher.MISSING + " or set AWS_ENDPOINT_URL"));
        RunningMoto moto = MotoLauncher.start(executable, settings);
        return new MotoServer(moto.endpoint(), moto);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Environment entries pointing an AWS SDK client at this server. */
    public Map<String, String> environment() {
        return Map.of(
                "AWS_ENDPOINT_URL", endpoint.toString(),
                "AWS_REGION", REGION,
                "AWS_ACCESS_KEY_ID", ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    }

    @Override
    public void close() {
        if (own != null) {
            own.close();
        }
    }

    private static Optional<URI> external() {
        String external = System.getenv("AWS_ENDPOINT_URL");
        return external == null || external.isBlank() ? Optional.empty() : Optional.of(URI.create(external.strip()));
    }
}
