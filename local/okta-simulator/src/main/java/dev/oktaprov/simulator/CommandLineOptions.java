package dev.oktaprov.simulator;

import dev.oktaprov.simulator.oauth.OAuthClientFiles;
import dev.oktaprov.simulator.oauth.RegisteredClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The simulator's command line on picocli, like the runner's, parsed into {@link SimulatorOptions}.
 * An option given twice takes its later value, so a caller may put defaults first (the runner does).
 */
@Command(name = "okta-simulator", sortOptions = false, usageHelpWidth = 110,
        customSynopsis = {"java -jar okta-simulator.jar [options]", "./run-local simulator [options]   (the same, from a checkout)"},
        description = {"", "Serves Okta's Users API on 127.0.0.1 for local runs and tests.", ""},
        footer = {"", "Admin endpoints (no auth, loopback only): GET /__sim/counters, POST /__sim/reset,",
            "GET|PUT /__sim/limits, GET|PUT /__sim/faults, GET /__sim/users, GET|POST /__sim/groups,",
            "POST /__sim/seed."})
final class CommandLineOptions {

    static final int DEFAULT_PORT = 8089;
    /** Where the --limit-* options stand in the help: after --random-seed. */
    private static final int LIMIT_ORDER = 5;

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

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + DEFAULT_PORT, order = 1,
            description = "port to listen on (default ${DEFAULT-VALUE}; 0 picks a free port)")
    int port;

    @Option(names = "--token", paramLabel = "TOKEN", order = 2,
            description = "API token clients send as \"Authorization: SSWS TOKEN\" (default: a random one, printed at start)")
    String token;

    @Option(names = "--seed", paramLabel = "FILE", order = 3,
            description = "groups and users to load at start and after each reset (JSON)")
    Path seed;

    @Option(names = "--random-seed", paramLabel = "N", order = 4, description = "seed of ids and random faults (default 42)")
    Long randomSeed;

    private final Map<RateLimitBucket, Integer> limits = new EnumMap<>(RateLimitBucket.class);

    @Option(names = "--rate-limit-window-seconds", paramLabel = "N", order = 6,
            description = "length of every bucket's window (default 60, Okta's)")
    Integer rateLimitWindowSeconds;

    @Option(names = "--concurrency", paramLabel = "N", order = 7, description = "requests in flight at once before 429 (default 75)")
    Integer concurrency;

    @Option(names = "--fault-rate", paramLabel = "R", order = 8,
            description = "share of requests answered 500/503/504 (0 to 1, default 0)")
    Double faultRate;

    @Option(names = "--fault-statuses", paramLabel = "LIST", split = ",", hideParamSyntax = true, order = 9,
            description = "statuses to pick from, e.g. 503,504 (default 500,503,504)")
    Integer[] faultStatuses;

    @Option(names = "--drop-rate", paramLabel = "R", order = 10,
            description = "share of requests whose connection is closed without an answer")
    Double dropRate;

    @Option(names = "--lost-answer-rate", paramLabel = "R", order = 11,
            description = "share of successful creates answered 504 after the user was created")
    Double lostAnswerRate;

    @Option(names = "--latency-ms", paramLabel = "N", order = 12, description = "latency added before answering")
    int latencyMs;

    @Option(names = "--latency-rate", paramLabel = "R", defaultValue = "1", order = 13,
            description = "share of requests that get the latency (default 1)")
    double latencyRate;

    @Option(names = "--search-lag-ms", paramLabel = "N", order = 14,
            description = "new users stay invisible to list/search this long (default 0)")
    Integer searchLagMs;

    @Option(names = "--threads", paramLabel = "N", order = 15, description = "worker threads (default 100)")
    Integer threads;

    @Option(names = "--tls", arity = "0..1", paramLabel = "true|false", fallbackValue = "true", order = 16,
            description = "serve https:// with a self-signed certificate made at start; the paths of its PEM file and"
                    + " PKCS12 trust store are printed")
    boolean tls;

    @Option(names = "--oauth-client", paramLabel = "FILE", order = 17,
            description = "register OAuth service apps (JSON: clientId, keyId, publicKey as PEM or JWK, scopes, and"
                    + " dpop_bound_access_tokens: true for one that requires DPoP) with POST /oauth2/v1/token; repeatable")
    List<Path> oauthClientFiles = new ArrayList<>();

    @Option(names = {"-h", "--help"}, usageHelp = true, order = 18, description = "this text")
    boolean help;

    private CommandLineOptions() {
    }

    static String usage() {
        return new CommandLineOptions().commandLine().getUsageMessage();
    }

    static Parsed parse(String... args) {
        CommandLineOptions given = new CommandLineOptions();
        CommandLine cli = given.commandLine();
        try {
            cli.parseArgs(args);
        } catch (UnmatchedArgumentException e) {
            throw new UsageException(unmatched(e.getUnmatched().get(0)));
        } catch (MissingParameterException e) {
            throw new UsageException(((OptionSpec) e.getMissing().get(0)).longestName() + " needs a value");
        } catch (ParameterException e) {
            throw new UsageException(e.getMessage());
        }
        return cli.isUsageHelpRequested() ? new Parsed(true, null) : given.parsed();
    }

    /** The annotated options, and one {@code --limit-<bucket>} per rate-limit bucket. */
    private CommandLine commandLine() {
        CommandLine cli = new CommandLine(this).setOverwrittenOptionsAllowed(true);
        for (RateLimitBucket bucket : RateLimitBucket.values()) {
            cli.getCommandSpec().addOption(OptionSpec.builder("--limit-" + bucket.id()).paramLabel("N").type(Integer.class)
                    .order(LIMIT_ORDER)
                    .description("limit per window of " + bucket.description() + " (default " + bucket.defaultPerMinute() + ")")
                    .setter(new CommandLine.Model.ISetter() {
                        @Override
                        public <T> T set(T value) {
                            limits.put(bucket, (Integer) value);
                            return null;
                        }
                    })
                    .build());
        }
        return cli;
    }

    private static String unmatched(String argument) {
        if (argument.startsWith("--limit-")) {
            String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
            try {
                RateLimitBucket.fromId(name.substring("--limit-".length()));
            } catch (IllegalArgumentException unknown) {
                return name + ": " + unknown.getMessage();
            }
        }
        return argument.startsWith("-") ? "unknown option " + argument : "unexpected argument '" + argument + "'";
    }

    private Parsed parsed() {
        SimulatorOptions options = SimulatorOptions.defaults().withPort(port);
        options = with("--token", options, token, (o, value) -> o.withToken(required("--token", value)));
        options = with("--seed", options, seed, (o, file) -> o.withSeed(SeedFiles.read(readable(file, "seed file"))));
        options = with("--random-seed", options, randomSeed, SimulatorOptions::withRandomSeed);
        for (Map.Entry<RateLimitBucket, Integer> limit : limits.entrySet()) {
            options = with("--limit-" + limit.getKey().id(), options, limit.getValue(), (o, n) -> o.withLimit(limit.getKey(), n));
        }
        options = with("--rate-limit-window-seconds", options, rateLimitWindowSeconds,
                (o, seconds) -> o.withRateLimitWindow(Duration.ofSeconds(seconds)));
        options = with("--concurrency", options, concurrency, SimulatorOptions::withConcurrencyLimit);
        options = with("--search-lag-ms", options, searchLagMs, (o, ms) -> o.withSearchLag(Duration.ofMillis(ms)));
        options = with("--threads", options, threads, SimulatorOptions::withThreads);
        FaultPlan faults = FaultPlan.none();
        faults = with("--fault-rate", faults, share("--fault-rate", faultRate), FaultPlan::withErrorRate);
        faults = with("--fault-statuses", faults, faultStatuses, FaultPlan::withErrorStatuses);
        faults = with("--drop-rate", faults, share("--drop-rate", dropRate), FaultPlan::withDropRate);
        faults = with("--lost-answer-rate", faults, share("--lost-answer-rate", lostAnswerRate), FaultPlan::withLostAnswerRate);
        List<RegisteredClient> oauthClients = new ArrayList<>();
        oauthClientFiles.forEach(file -> oauthClients.addAll(OAuthClientFiles.read(readable(file, "OAuth client file"))));
        try {
            return new Parsed(false, options.withTls(tls).withFaults(
                    faults.withLatency(Duration.ofMillis(latencyMs), share("--latency-rate", latencyRate))), List.copyOf(oauthClients));
        } catch (UsageException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** {@code target} with the option's value applied; unchanged when the option was not given. */
    private static <T, V> T with(String name, T target, V value, BiFunction<T, V, T> apply) {
        if (value == null) {
            return target;
        }
        try {
            return apply.apply(target, value);
        } catch (UsageException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": " + e.getMessage());
        }
    }

    private static String required(String name, String value) {
        if (value.isBlank()) {
            throw new UsageException(name + " needs a value");
        }
        return value;
    }

    private static Double share(String name, Double share) {
        if (share != null && !(share >= 0 && share <= 1)) {
            throw new UsageException(name + " must be between 0 and 1");
        }
        return share;
    }

    private static Path readable(Path file, String what) {
        if (!Files.isReadable(file)) {
            throw new UsageException("cannot read " + what + " " + file);
        }
        return file;
    }
}
