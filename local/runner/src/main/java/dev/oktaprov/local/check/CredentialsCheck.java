package dev.oktaprov.local.check;

import dev.oktaprov.aws.AwsCallException;
import dev.oktaprov.aws.AwsClientEnvironment;
import dev.oktaprov.aws.SecretsManagerClients;
import dev.oktaprov.config.EnvironmentReader;
import dev.oktaprov.credentials.OAuthCredentialSource;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.credentials.OktaCredentials;
import dev.oktaprov.credentials.ServiceAppCredentials;
import dev.oktaprov.credentials.StaticTokenCredentialSource;
import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.errors.OktaAccessDeniedException;
import dev.oktaprov.errors.OktaProvisioningException;
import dev.oktaprov.local.functions.FunctionEnvironment;
import dev.oktaprov.local.functions.OktaTarget;
import dev.oktaprov.okta.CredentialSource;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.okta.model.User;
import dev.oktaprov.okta.model.UserQuery;
import dev.oktaprov.runtime.ProvisioningConfig;
import dev.oktaprov.runtime.ProvisioningRuntime;
import dev.oktaprov.time.Deadline;
import dev.oktaprov.time.Sleeper;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * {@code ./run-local check}: the configuration and credentials the functions would get, tried against
 * the org with the core's own parts, reads only. Four steps (configuration, secret, a service app's
 * tokens, reads), one line per finding; a step that cannot go on ends the check.
 */
public final class CredentialsCheck {

    /** The secret's JSON from a local file ({@code --secret-file}), standing for the secret OKTA_SECRET_ID names. */
    public record SecretFile(String name, String text) {
        @Override
        public String toString() {
            return "SecretFile[" + name + ", ***]";
        }
    }

    /** Functions that ask for the same scopes by default, and so need them. */
    private record Functions(String names, List<String> needs) {
    }

    /** One token request's outcome: a source holding the token, or the refusal. */
    private record Fetch(CredentialSource source, boolean dpopBound, OktaProvisioningException refusal) {
    }

    /** Credentials that got as far as the reads; {@code scopes} null for an API token. */
    private record Reader(String functions, CredentialSource source, List<String> scopes, boolean readsGroups) {
    }

    private static final List<Functions> FUNCTIONS = List.of(
            new Functions("create-user, onboarding, activate-user", OAuthScopes.CREATE_USERS),
            new Functions("get-user, list-users", OAuthScopes.READ_USERS));
    private static final Duration STEP_TIME = Duration.ofSeconds(60);

    private final Map<String, String> shell;
    private final SecretFile file;
    private final HttpClient http;
    private final Clock clock;
    private final PrintStream out;
    /** {@code OKTA_SCOPES}: the scopes every function asks for instead of its own; null when unset. */
    private List<String> configuredScopes;
    private int problems;

    /** @param file null: the credentials the environment names */
    public CredentialsCheck(Map<String, String> shell, SecretFile file, HttpClient http, Clock clock, PrintStream out) {
        this.shell = Map.copyOf(shell);
        this.file = file;
        this.http = http;
        this.clock = clock;
        this.out = out;
    }

    /** Runs every step that can run; 0 when everything holds, else 1. */
    public int run() {
        Map<String, String> env = functionEnvironment();
        ProvisioningConfig config = configuration(env);
        OktaCredentials credentials = config == null ? null : secret(env, config);
        if (credentials instanceof OktaCredentials.ApiToken token) {
            read(new Reader("every function", new StaticTokenCredentialSource(token.token()), null, true), config);
        } else if (credentials instanceof OktaCredentials.ServiceApp app) {
            tokens(app, config).forEach(reader -> read(reader, config));
        }
        if (problems == 0) {
            out.println("Everything holds: the functions can use these credentials with " + config.orgUrl() + ".");
            return 0;
        }
        out.println(problems == 1 ? "1 problem: fix it and run ./run-local check again."
                : problems + " problems: fix them and run ./run-local check again.");
        return 1;
    }

    /** What a local function would get (the template's variables, the shell's), the file standing for OKTA_SECRET_ID. */
    private Map<String, String> functionEnvironment() {
        Map<String, String> credentials = new LinkedHashMap<>();
        shell.forEach((name, value) -> {
            if (file == null && (name.equals(ProvisioningConfig.OKTA_API_TOKEN) || name.equals(ProvisioningConfig.OKTA_SECRET_ID))) {
                credentials.put(name, value);
            }
        });
        if (file != null) {
            credentials.put(ProvisioningConfig.OKTA_SECRET_ID, file.name());
        }
        OktaTarget org = new OktaTarget(shell.getOrDefault(ProvisioningConfig.OKTA_ORG_URL, ""), credentials, false);
        return new FunctionEnvironment(shell, org, null).apiFunction();
    }

    private ProvisioningConfig configuration(Map<String, String> env) {
        int before = problems;
        ProvisioningConfig config = null;
        try {
            config = ProvisioningConfig.fromEnvironment(env);
        } catch (ConfigurationException e) {
            fail("configuration", e.getMessage().replaceFirst("^Invalid configuration: ", ""));
        }
        EnvironmentReader read = new EnvironmentReader(env);
        boolean apiToken = read.text(ProvisioningConfig.OKTA_API_TOKEN) != null;
        // As the runtime: OKTA_SCOPES and the AWS variables matter only for a secret (they are checked even
        // when the configuration above failed, so that every problem shows at once).
        if (!apiToken && read.text(ProvisioningRuntime.OKTA_SCOPES) != null) {
            try {
                configuredScopes = OAuthScopes.parse(read.text(ProvisioningRuntime.OKTA_SCOPES));
            } catch (IllegalArgumentException e) {
                fail("configuration", ProvisioningRuntime.OKTA_SCOPES + " " + e.getMessage() + ", e.g. \"okta.users.read okta.groups.read\"");
            }
        }
        String secretsManager = !apiToken && file == null && read.text(ProvisioningConfig.OKTA_SECRET_ID) != null
                ? secretsManager(env) : null;
        if (config == null || problems > before) {
            return null;
        }
        String from = apiToken ? "OKTA_API_TOKEN" : file != null ? "the file " + file.name() : secretsManager;
        ok("configuration", "OKTA_ORG_URL " + config.orgUrl() + ", credentials from " + from
                + (configuredScopes == null ? "" : ", OKTA_SCOPES " + String.join(" ", configuredScopes)));
        return config;
    }

    /** Where the secret is read, or what keeps it from being read (the AWS variables the reader needs). */
    private String secretsManager(Map<String, String> env) {
        try {
            AwsClientEnvironment.callTimeouts(env);
            return CheckTexts.SECRET + " in Secrets Manager ("
                    + AwsClientEnvironment.region(env, "read the secret named by OKTA_SECRET_ID") + ")";
        } catch (ConfigurationException e) {
            fail("configuration", e.getMessage().replaceFirst("^Invalid configuration: ", ""));
            return null;
        }
    }

    private OktaCredentials secret(Map<String, String> env, ProvisioningConfig config) {
        if (config.apiToken().isPresent()) {
            ok("secret", "an API token (OKTA_API_TOKEN), sent as SSWS");
            return new OktaCredentials.ApiToken(config.apiToken().get());
        }
        String text = file != null ? file.text() : readSecret(env, config.secretId().orElseThrow());
        if (text == null) {
            return null;
        }
        try {
            OktaCredentials credentials = OktaCredentials.parse(text, file != null ? "in " + file.name() : "named by OKTA_SECRET_ID");
            ok("secret", CheckTexts.describe(credentials, text));
            return credentials;
        } catch (ConfigurationException e) {
            fail("secret", e.getMessage());
            return null;
        }
    }

    /** The secret's text through the functions' own Secrets Manager reader; null when it cannot be had. */
    private String readSecret(Map<String, String> env, String secretId) {
        try {
            String text = SecretsManagerClients.fromEnvironment(env, http).secretString(secretId, STEP_TIME);
            if (text == null) {
                fail("secret", CheckTexts.SECRET + " holds a binary value: store the JSON as the secret string");
            }
            return text;
        } catch (AwsCallException e) {
            fail("secret", CheckTexts.secretRead(e));
            return null;
        }
    }

    /** A token for each distinct scope set the functions ask for, as their runtime would choose it. */
    private List<Reader> tokens(OktaCredentials.ServiceApp app, ProvisioningConfig config) {
        Map<List<String>, Fetch> fetches = new LinkedHashMap<>();
        for (Functions functions : FUNCTIONS) {
            fetches.computeIfAbsent(asked(functions, app), scopes -> fetch(app.app(), scopes, config));
        }
        Set<String> granted = new HashSet<>();
        fetches.forEach((scopes, fetch) -> granted.addAll(fetch.source() != null ? scopes : List.of()));
        List<Reader> readers = new ArrayList<>();
        for (Functions functions : FUNCTIONS) {
            List<String> scopes = asked(functions, app);
            Fetch fetch = fetches.get(scopes);
            if (fetch.refusal() != null) {
                List<String> missing = notGranted(fetch.refusal(), app.app(), scopes, granted, config);
                fail("token", functions.names() + ": " + CheckTexts.tokenRefusal(fetch.refusal(), app.app().keyId(),
                        missing, functions.names()));
                continue;
            }
            ok("token", CheckTexts.granted(functions.names(), scopes, fetch.dpopBound()));
            List<String> lacking = functions.needs().stream().filter(scope -> !scopes.contains(scope)).toList();
            if (!lacking.isEmpty()) {
                fail("token", CheckTexts.scopesLeftOut(functions.names(), lacking, configuredScopes != null));
            }
            readers.add(new Reader(functions.names(), fetch.source(), scopes, functions.needs().contains(OAuthScopes.GROUPS_READ)));
        }
        return readers;
    }

    /** {@code OKTA_SCOPES}, else the secret's scopes, else the function's own: as ProvisioningRuntime chooses. */
    private List<String> asked(Functions functions, OktaCredentials.ServiceApp app) {
        return configuredScopes != null ? configuredScopes : app.scopes().orElse(functions.needs());
    }

    private Fetch fetch(ServiceAppCredentials app, List<String> scopes, ProvisioningConfig config) {
        OAuthCredentialSource source = new OAuthCredentialSource(config.orgUrl(), app, scopes, http, clock, config.requestTimeout());
        try {
            // Only the scheme is looked at: the header itself is a credential.
            boolean bound = source.authorizationHeader(deadline()).startsWith("DPoP ");
            return new Fetch(source, bound, null);
        } catch (OktaProvisioningException refusal) {
            return new Fetch(null, false, refusal);
        }
    }

    /** After invalid_scope: which of {@code scopes} the app is not granted, asked for one at a time. */
    private List<String> notGranted(OktaProvisioningException refusal, ServiceAppCredentials app, List<String> scopes,
            Set<String> granted, ProvisioningConfig config) {
        if (!(refusal instanceof OktaAccessDeniedException denied && denied.httpStatus() == 403)) {
            return List.of();
        }
        return scopes.stream().filter(scope -> !granted.contains(scope))
                .filter(scope -> fetch(app, List.of(scope), config).refusal() instanceof OktaAccessDeniedException alone
                        && alone.httpStatus() == 403)
                .toList();
    }

    /** One read per function family: a page of one user, and a user's groups where the functions read them. */
    private void read(Reader reader, ProvisioningConfig config) {
        OktaClient okta = new OktaClient(config.clientSettings(), reader.source(), http, clock, Sleeper.REAL,
                RandomGenerator.getDefault());
        String doing = "listing users";
        try {
            List<User> users = okta.listUsers(new UserQuery(null, null, null, 1, null, null, null), deadline()).items();
            String done = "listed users (limit 1)";
            if (reader.readsGroups() && users.isEmpty()) {
                done += "; no user in the org whose groups to read";
            } else if (reader.readsGroups()) {
                doing = "reading a user's groups";
                okta.listUserGroups(users.get(0).id(), deadline());
                done += " and read a user's groups";
            }
            ok("read", reader.functions() + ": " + done);
        } catch (OktaProvisioningException refusal) {
            fail("read", reader.functions() + ": " + CheckTexts.apiRefusal(refusal, doing, reader.scopes()));
        }
    }

    private Deadline deadline() {
        return Deadline.after(STEP_TIME, clock);
    }

    private void ok(String step, String text) {
        out.printf("  %-4s  %-13s  %s%n", "ok", step, text);
    }

    private void fail(String step, String text) {
        problems++;
        out.printf("  %-4s  %-13s  %s%n", "FAIL", step, text);
    }
}
