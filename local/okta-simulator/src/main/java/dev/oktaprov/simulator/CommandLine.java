package dev.oktaprov.simulator;

import dev.oktaprov.simulator.oauth.OAuthClientFiles;
import dev.oktaprov.simulator.oauth.RegisteredClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The simulator's command-line options, parsed into {@link SimulatorOptions}. */
final class CommandLine {

    static final int DEFAULT_PORT = 8089;

    /** A command line that cannot be run; the message says why. */
    static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }

    /**
     * @param help true when --help was asked for (nothing else is parsed then)
     * @param oauthClients service apps to register with the token endpoint at start
     */
    record Parsed(boolean help, SimulatorOptions options, List<RegisteredClient> oauthClients) {
        Parsed(boolean help, SimulatorOptions options) {
            this(help, options, List.of());
        }
    }

    private CommandLine() {
    }

    static String usage() {
        StringBuilder text = new StringBuilder("""
                Usage: java -jar okta-simulator.jar [options]

                Serves Okta's Users API on 127.0.0.1 for local runs and tests.

                  --port N                port to listen on (default 8089; 0 picks a free port)
                  --token TOKEN           API token clients send as "Authorization: SSWS TOKEN"
                                          (default: a random one, printed at start)
                  --seed FILE             groups and users to load at start and after each reset (JSON)
                  --random-seed N         seed of ids and random faults (default 42)
                """);
        for (RateLimitBucket bucket : RateLimitBucket.values()) {
            text.append(String.format("  %-23s limit per window of %s (default %d)%n",
                    "--limit-" + bucket.id() + " N", bucket.description(), bucket.defaultPerMinute()));
        }
        text.append("""
                  --rate-limit-window-seconds N
                                          length of every bucket's window (default 60, Okta's)
                  --concurrency N         requests in flight at once before 429 (default 75)
                  --fault-rate R          share of requests answered 500/503/504 (0 to 1, default 0)
                  --fault-statuses LIST   statuses to pick from, e.g. 503,504 (default 500,503,504)
                  --drop-rate R           share of requests whose connection is closed without an answer
                  --lost-answer-rate R    share of successful creates answered 504 after the user was created
                  --latency-ms N          latency added before answering
                  --latency-rate R        share of requests that get the latency (default 1)
                  --search-lag-ms N       new users stay invisible to list/search this long (default 0)
                  --threads N             worker threads (default 100)
                  --tls                   serve https:// with a self-signed certificate made at start; the
                                          paths of its PEM file and PKCS12 trust store are printed
                  --oauth-client FILE     register OAuth service apps (JSON: clientId, keyId, publicKey as
                                          PEM or JWK, scopes) with POST /oauth2/v1/token; repeatable
                  --help                  this text

                Admin endpoints (no auth, loopback only): GET /__sim/counters, POST /__sim/reset,
                GET|PUT /__sim/limits, GET|PUT /__sim/faults, GET /__sim/users, GET|POST /__sim/groups,
                POST /__sim/seed.
                """);
        return text.toString();
    }

    static Parsed parse(String... args) {
        List<String[]> pairs = pairs(args);
        for (String[] pair : pairs) {
            if (pair[0].equals("--help") || pair[0].equals("-h")) {
                return new Parsed(true, null);
            }
        }
        SimulatorOptions options = SimulatorOptions.defaults().withPort(DEFAULT_PORT);
        FaultPlan faults = FaultPlan.none();
        Duration latency = Duration.ZERO;
        double latencyRate = 1.0;
        List<RegisteredClient> oauthClients = new ArrayList<>();
        for (String[] pair : pairs) {
            String name = pair[0];
            String value = pair[1];
            try {
                if (name.startsWith("--limit-")) {
                    options = options.withLimit(RateLimitBucket.fromId(name.substring("--limit-".length())),
                            integer(name, value));
                    continue;
                }
                switch (name) {
                    case "--port" -> options = options.withPort(integer(name, value));
                    case "--token" -> options = options.withToken(required(name, value));
                    case "--seed" -> options = options.withSeed(seedFile(required(name, value)));
                    case "--random-seed" -> options = options.withRandomSeed(Long.parseLong(required(name, value)));
                    case "--rate-limit-window-seconds" ->
                            options = options.withRateLimitWindow(Duration.ofSeconds(integer(name, value)));
                    case "--concurrency" -> options = options.withConcurrencyLimit(integer(name, value));
                    case "--fault-rate" -> faults = faults.withErrorRate(share(name, value));
                    case "--fault-statuses" -> faults = faults.withErrorStatuses(statuses(name, value));
                    case "--drop-rate" -> faults = faults.withDropRate(share(name, value));
                    case "--lost-answer-rate" -> faults = faults.withLostAnswerRate(share(name, value));
                    case "--latency-ms" -> latency = Duration.ofMillis(integer(name, value));
                    case "--latency-rate" -> latencyRate = share(name, value);
                    case "--search-lag-ms" -> options = options.withSearchLag(Duration.ofMillis(integer(name, value)));
                    case "--threads" -> options = options.withThreads(integer(name, value));
                    case "--tls" -> options = options.withTls(value == null || Boolean.parseBoolean(value));
                    case "--oauth-client" -> oauthClients.addAll(oauthClientFile(required(name, value)));
                    default -> throw new UsageException("unknown option " + name);
                }
            } catch (UsageException e) {
                throw e;
            } catch (NumberFormatException e) {
                throw new UsageException(name + " needs a number, not '" + value + "'");
            } catch (IllegalArgumentException e) {
                throw new UsageException(name + ": " + e.getMessage());
            }
        }
        try {
            return new Parsed(false, options.withFaults(faults.withLatency(latency, latencyRate)), List.copyOf(oauthClients));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** [name, value] pairs from "--name value" and "--name=value"; value null for a flag. */
    private static List<String[]> pairs(String[] args) {
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            int equals = arg.indexOf('=');
            if (equals > 0) {
                pairs.add(new String[] {arg.substring(0, equals), arg.substring(equals + 1)});
            } else if (arg.equals("--help") || arg.equals("-h") || arg.equals("--tls")) {
                pairs.add(new String[] {arg, null});
            } else if (i + 1 < args.length) {
                pairs.add(new String[] {arg, args[++i]});
            } else {
                throw new UsageException(arg + " needs a value");
            }
        }
        return pairs;
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new UsageException(name + " needs a value");
        }
        return value;
    }

    private static int integer(String name, String value) {
        return Integer.parseInt(required(name, value).trim());
    }

    private static double share(String name, String value) {
        double share = Double.parseDouble(required(name, value).trim());
        if (!(share >= 0 && share <= 1)) {
            throw new UsageException(name + " must be between 0 and 1");
        }
        return share;
    }

    private static Integer[] statuses(String name, String value) {
        String[] parts = required(name, value).split(",");
        Integer[] statuses = new Integer[parts.length];
        for (int i = 0; i < parts.length; i++) {
            statuses[i] = Integer.parseInt(parts[i].trim());
        }
        return statuses;
    }

    private static List<RegisteredClient> oauthClientFile(String file) {
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new UsageException("cannot read OAuth client file " + file);
        }
        return OAuthClientFiles.read(path);
    }

    private static SeedData seedFile(String file) {
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new UsageException("cannot read seed file " + file);
        }
        return SeedFiles.read(path);
    }
}
