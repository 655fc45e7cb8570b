package dev.oktaprov.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.simulator.SimulatorOptions;
import dev.oktaprov.simulator.auth.ApiTokenAuthenticator;
import dev.oktaprov.simulator.auth.AuthDecision;
import dev.oktaprov.simulator.oauth.IssuedToken;
import dev.oktaprov.testsupport.LeakWatch;
import dev.oktaprov.testsupport.MotoServer;
import dev.oktaprov.testsupport.SecretsManagerAdmin;
import dev.oktaprov.testsupport.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@code ./run-local check} against the Okta simulator, as an operator runs it: the exit status and
 * the lines printed. Every run is watched by {@link LeakWatch}, told every key, API token, client
 * assertion and access token of the run (a DPoP proof is a signed JWT, a shape it refuses anywhere),
 * and leaves the org as it found it: the same users, in the same states.
 */
class CheckCommandTest {

    private static final String CLIENT = "0oaCHECK";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private OktaSimulator okta;
    private final List<String> privateKeys = new ArrayList<>();
    /** Further values no line may show, by what they are. */
    private final Map<String, String> notShown = new LinkedHashMap<>();

    @AfterEach
    void stop() {
        if (okta != null) {
            okta.close();
        }
    }

    @Test
    void aServiceAppWithAnRsaPemKeyHoldsForEveryFunction() throws Exception {
        KeyPair keys = registeredApp("RSA", "kid-rsa", OAuthScopes.ALL);

        Checked run = check(orgWithSecretFile(), "--secret-file", secretFile(pemSecret(keys, "kid-rsa")).toString());

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.lines()).containsSubsequence(
                "  ok    configuration  OKTA_ORG_URL " + okta.baseUrl() + ", credentials from the file " + dir.resolve("secret.json"),
                "  ok    secret         an OAuth service app: client 0oaCHECK, RS256 key, kid kid-rsa, no scopes stated",
                "  ok    token          create-user, onboarding, activate-user: granted okta.users.manage okta.users.read",
                "  ok    token          get-user, list-users: granted okta.users.read okta.groups.read",
                "  ok    read           create-user, onboarding, activate-user: listed users (limit 1)",
                "  ok    read           get-user, list-users: listed users (limit 1) and read a user's groups",
                "Everything holds: the functions can use these credentials with " + okta.baseUrl() + ".");
        assertThat(run.out()).doesNotContain("FAIL");
        assertThat(okta.oauth().tokensIssued()).isEqualTo(2);
    }

    @Test
    void aHandWrittenSecretFileWithThePemPastedAsItIsHolds() throws Exception {
        KeyPair keys = registeredApp("RSA", "kid-rsa", OAuthScopes.ALL);
        String handWritten = "{\"clientId\": \"" + CLIENT + "\", \"keyId\": \"kid-rsa\",\n \"privateKey\": \""
                + TestKeys.privatePem(keys) + "\"}\n";

        Checked run = check(orgWithSecretFile(), "--secret-file", secretFile(handWritten).toString());

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.lines()).contains("  ok    secret         an OAuth service app: client 0oaCHECK, RS256 key, kid kid-rsa, no scopes stated");
    }

    @Test
    void aSecretFileAWindowsEditorSavedWithAByteOrderMarkHoldsAndIsDescribedAsWritten() throws Exception {
        KeyPair keys = registeredApp("RSA", "kid-rsa", OAuthScopes.ALL);

        Checked run = check(orgWithSecretFile(), "--secret-file", secretFile("\uFEFF" + pemSecret(keys, "kid-rsa")).toString());

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.lines()).contains("  ok    secret         an OAuth service app: client 0oaCHECK, RS256 key, kid kid-rsa, no scopes stated");
    }

    @Test
    void anEcAppThatRequiresDpopHoldsAndIsSaidToBeDpopBound() throws Exception {
        KeyPair keys = registeredApp("EC", "kid-ec", OAuthScopes.ALL);
        okta.oauth().requireDpop(CLIENT);

        Checked run = check(orgWithSecretFile(), "--secret-file", secretFile(pemSecret(keys, "kid-ec")).toString());

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.lines()).contains(
                "  ok    secret         an OAuth service app: client 0oaCHECK, ES256 key, kid kid-ec, no scopes stated",
                "  ok    token          create-user, onboarding, activate-user: granted okta.users.manage okta.users.read;"
                        + " DPoP-bound (the app requires DPoP, which the functions handle)",
                "  ok    token          get-user, list-users: granted okta.users.read okta.groups.read;"
                        + " DPoP-bound (the app requires DPoP, which the functions handle)");
        assertThat(okta.oauth().activeTokens()).hasSize(2).allMatch(IssuedToken::dpopBound);
    }

    @Test
    void aPrivateJwkWithoutKeyIdHoldsWithTheJwksKid() throws Exception {
        KeyPair keys = registeredApp("RSA", "kid-jwk", OAuthScopes.ALL);
        Map<String, String> jwk = TestKeys.privateJwk(keys, "kid-jwk");
        for (String member : List.of("d", "p", "q", "dp", "dq", "qi")) {
            notShown.put("the JWK's private member " + member, jwk.get(member));
        }
        String secret = JSON.writeValueAsString(Map.of("clientId", CLIENT, "privateKey", jwk));

        Checked run = check(orgWithSecretFile(), "--secret-file", secretFile(secret).toString());

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.lines()).contains(
                "  ok    secret         an OAuth service app: client 0oaCHECK, RS256 key, kid kid-jwk (the JWK's kid), no scopes stated");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a wrong kid", "a key not registered"})
    void aKeyOktaDoesNotKnowIsInvalidClientWithTheFix(String mistake) throws Exception {
        KeyPair registered = registeredApp("RSA", "kid-1", OAuthScopes.ALL);
        KeyPair stored = mistake.equals("a wrong kid") ? registered : TestKeys.rsa();
        String kid = mistake.equals("a wrong kid") ? "kid-2" : "kid-1";
        privateKeys.add(TestKeys.privatePem(stored));

        Checked run = check(orgWithSecretFile(), "--secret-file", secretFile(pemSecret(stored, kid)).toString());

        assertThat(run.status()).isEqualTo(1);
        String fix = ": invalid_client: Okta does not accept the app's client assertion. Check that clientId is the app's"
                + " client id, that the app's client authentication is Public key / Private key, and that the key's"
                + " public half is added to the app with kid " + kid;
        assertThat(run.lines()).contains(
                "  FAIL  token          create-user, onboarding, activate-user" + fix,
                "  FAIL  token          get-user, list-users" + fix,
                "2 problems: fix them and run ./run-local check again.");
        assertThat(run.out()).doesNotContain("  read  ").containsPattern("kid " + kid + " \\(Okta request id \\w+\\)\n");
        assertThat(okta.oauth().tokensIssued()).isZero();
    }

    @Test
    void aScopeNotGrantedIsNamedWithTheFunctionsThatNeedIt() throws Exception {
        KeyPair keys = registeredApp("RSA", "kid-read", OAuthScopes.READ_USERS);

        Checked run = check(orgWithSecretFile(), "--secret-file", secretFile(pemSecret(keys, "kid-read")).toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.lines()).containsSubsequence(
                "  FAIL  token          create-user, onboarding, activate-user: invalid_scope: the app is not granted"
                        + " okta.users.manage, which create-user, onboarding, activate-user need: grant it in the Admin"
                        + " Console under the app's Okta API Scopes",
                "  ok    token          get-user, list-users: granted okta.users.read okta.groups.read",
                "  ok    read           get-user, list-users: listed users (limit 1) and read a user's groups",
                "1 problem: fix it and run ./run-local check again.");
    }

    @Test
    void scopesThatLeaveOutOneAFunctionReadsWithAre403WithTheScopeNamed() throws Exception {
        KeyPair keys = registeredApp("RSA", "kid-1", OAuthScopes.ALL);
        Map<String, String> env = orgWithSecretFile();
        env.put("OKTA_SCOPES", "okta.users.manage");

        Checked run = check(env, "--secret-file", secretFile(pemSecret(keys, "kid-1")).toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.lines()).contains(
                "  FAIL  token          create-user, onboarding, activate-user also need okta.users.read, left out of"
                        + " OKTA_SCOPES: add it there, or leave scopes out so that each function asks for its own",
                "  FAIL  token          get-user, list-users also need okta.users.read okta.groups.read, left out of"
                        + " OKTA_SCOPES: add them there, or leave scopes out so that each function asks for its own",
                "  FAIL  read           get-user, list-users: listing users: the token lacks okta.users.read (E0000006):"
                        + " add it to OKTA_SCOPES or the secret's scopes, or leave both out");
        assertThat(okta.oauth().tokensIssued()).as("one scope set, one token").isEqualTo(1);
    }

    @Test
    void anApiTokenTheOrgDoesNotKnowIs401() {
        okta = seeded(SimulatorOptions.defaults());
        Map<String, String> env = new HashMap<>(Map.of("OKTA_ORG_URL", okta.baseUrl(), "OKTA_API_TOKEN", "00unknownTokenOfAnotherOrg42"));

        Checked run = check(env);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.lines()).containsSubsequence(
                "  ok    configuration  OKTA_ORG_URL " + okta.baseUrl() + ", credentials from OKTA_API_TOKEN",
                "  ok    secret         an API token (OKTA_API_TOKEN), sent as SSWS",
                "  FAIL  read           every function: listing users: Okta rejected the API token (E0000011): it is"
                        + " revoked, expired or of another org; create one under Security > API > Tokens");
    }

    @Test
    void anApiTokenWhoseAdminMayNotReadUsersIs403NamingTheRole() {
        ApiTokenAuthenticator token = new ApiTokenAuthenticator("limited-admin-token");
        okta = seeded(SimulatorOptions.defaults().withAuthenticator((method, path, authorization) ->
                token.authenticate(method, path, authorization) instanceof AuthDecision.Allowed
                        ? new AuthDecision.Denied(403, "E0000006", "You do not have permission to perform the requested action")
                        : token.authenticate(method, path, authorization)));
        Map<String, String> env = new HashMap<>(Map.of("OKTA_ORG_URL", okta.baseUrl(), "OKTA_API_TOKEN", "limited-admin-token"));

        Checked run = check(env);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.lines()).contains("  FAIL  read           every function: listing users: the API token lacks the"
                + " permission (E0000006): the admin who created it needs a role that can manage users and read groups");
    }

    @Test
    void anApiTokenTheOrgKnowsHolds() {
        okta = seeded(SimulatorOptions.defaults());
        Checked run = check(new HashMap<>(Map.of("OKTA_ORG_URL", okta.baseUrl(), "OKTA_API_TOKEN", okta.token())));

        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.lines()).contains("  ok    read           every function: listed users (limit 1) and read a user's groups");
    }

    @Test
    void anAdminConsoleUrlIsAConfigurationProblemAndNothingIsSent() throws Exception {
        KeyPair keys = registeredApp("RSA", "kid-1", OAuthScopes.ALL);
        Map<String, String> env = new HashMap<>(Map.of("OKTA_ORG_URL", "https://acme-admin.okta.com"));

        Checked run = check(env, "--secret-file", secretFile(pemSecret(keys, "kid-1")).toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.lines()).contains(
                "  FAIL  configuration  OKTA_ORG_URL is the Admin Console's host; the API is at https://acme.okta.com");
        assertThat(run.out()).doesNotContain("  secret  ", "  token  ");
        assertThat(okta.counters().totalRequests()).isZero();
        assertThat(okta.oauth().tokenRequests()).isZero();
    }

    @Test
    void everyConfigurationProblemShowsAtOnceAndNothingReachesTheOrg() throws Exception {
        KeyPair keys = registeredApp("RSA", "kid-1", OAuthScopes.ALL);
        Map<String, String> env = new HashMap<>(Map.of("OKTA_ORG_URL", okta.baseUrl() + "/admin",
                "OKTA_RATE_LIMIT_SHARE", "0", "OKTA_SCOPES", "okta.users.read okta.users.read!"));

        Checked run = check(env, "--secret-file", secretFile(pemSecret(keys, "kid-1")).toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.lines()).contains(
                "  FAIL  configuration  OKTA_ORG_URL must be the org's origin without a path, e.g. https://acme.okta.com;"
                        + " OKTA_RATE_LIMIT_SHARE must be 1-100, was 0",
                "  FAIL  configuration  OKTA_SCOPES a scope may hold only letters, digits and . _ : / -,"
                        + " e.g. \"okta.users.read okta.groups.read\"",
                "2 problems: fix them and run ./run-local check again.");
        assertThat(okta.counters().totalRequests()).isZero();
        assertThat(okta.oauth().tokenRequests()).isZero();
    }

    @Test
    void credentialsInTheOrgUrlAreRefusedWithoutBeingQuoted() throws Exception {
        KeyPair keys = registeredApp("RSA", "kid-1", OAuthScopes.ALL);
        notShown.put("a password in the URL", "s3cr3t-in-the-url");
        Map<String, String> env = new HashMap<>(Map.of("OKTA_ORG_URL", "http://admin:s3cr3t-in-the-url@127.0.0.1:" + okta.port()));

        Checked run = check(env, "--secret-file", secretFile(pemSecret(keys, "kid-1")).toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.lines()).contains("  FAIL  configuration  OKTA_ORG_URL must not contain user information"
                + " (credentials belong in the secret)");
        assertThat(okta.counters().totalRequests()).isZero();
    }

    @Test
    void aPemPastedBadlyIsASecretProblemNamedWithoutQuotingIt() throws Exception {
        KeyPair keys = registeredApp("RSA", "kid-1", OAuthScopes.ALL);
        String broken = pemSecret(keys, "kid-1").replace("-----END PRIVATE KEY-----", "@@-----END PRIVATE KEY-----");

        Checked run = check(orgWithSecretFile(), "--secret-file", secretFile(broken).toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.lines()).contains("  FAIL  secret         The secret in " + dir.resolve("secret.json")
                + " has an unusable privateKey: the private key's PEM body is not valid base64");
        assertThat(okta.oauth().tokenRequests()).isZero();
    }

    @Test
    void theSecretIsReadFromSecretsManagerAsTheFunctionsReadIt() throws Exception {
        KeyPair keys = registeredApp("EC", "kid-sm", OAuthScopes.ALL);
        try (MotoServer moto = MotoServer.start(); SecretsManagerClient secrets = SecretsManagerAdmin.fromEnvironment(moto.environment())) {
            String secret = pemSecret(keys, "kid-sm");
            secrets.createSecret(b -> b.name("okta/check").secretString(secret));
            Map<String, String> env = new HashMap<>(moto.environment());
            env.put("OKTA_ORG_URL", okta.baseUrl());
            env.put("OKTA_SECRET_ID", "okta/check");

            Checked stored = check(env);
            // An API token pasted into OKTA_SECRET_ID by mistake names no secret, and is never printed.
            env.put("OKTA_SECRET_ID", "00pastedApiTokenByMistake-0123456789");
            notShown.put("a token in OKTA_SECRET_ID", env.get("OKTA_SECRET_ID"));
            Checked missing = check(env);

            assertThat(stored.status()).as(stored.out()).isZero();
            assertThat(stored.lines()).contains(
                    "  ok    configuration  OKTA_ORG_URL " + okta.baseUrl() + ", credentials from the secret named by"
                            + " OKTA_SECRET_ID in Secrets Manager (" + MotoServer.REGION + ")",
                    "  ok    secret         an OAuth service app: client 0oaCHECK, ES256 key, kid kid-sm, no scopes stated");
            assertThat(missing.status()).isEqualTo(1);
            // Secrets Manager answers 400, moto 404: the code is what counts.
            assertThat(missing.out()).containsPattern("  FAIL  secret         the secret named by OKTA_SECRET_ID cannot be read \\(HTTP 40[04]"
                    + " ResourceNotFoundException\\): it does not exist in this region, is scheduled for deletion or has no"
                    + " value; check OKTA_SECRET_ID and AWS_REGION\n");
        }
    }

    @Test
    void withoutAnOrgItSaysWhatToSetAndThatTheSimulatorNeedsNoCheck() {
        InProcessRunner runner = new InProcessRunner(Map.of());

        assertThat(runner.run("check")).isEqualTo(2);
        assertThat(runner.err()).contains("OKTA_ORG_URL is not set", "export OKTA_ORG_URL=https://<your-org>.okta.com",
                "OKTA_SECRET_ID", "OKTA_API_TOKEN", "--secret-file", "./run-local runs the Okta simulator");
    }

    @Test
    void anUnreadableSecretFileIsAUsageError() {
        InProcessRunner runner = new InProcessRunner(Map.of("OKTA_ORG_URL", "https://acme.okta.com"));

        assertThat(runner.run("check", "--secret-file", dir.resolve("absent.json").toString())).isEqualTo(2);
        assertThat(runner.err()).contains("cannot read --secret-file " + dir.resolve("absent.json") + ": no such file")
                .doesNotContain("Exception");
    }

    @Test
    void theHelpListsCheck() {
        InProcessRunner runner = new InProcessRunner();

        assertThat(runner.run("--help")).isZero();
        assertThat(runner.out()).contains("check", "Checks the Okta org URL and credentials the functions would use");
    }

    /** What the terminal showed, and how the command ended. */
    private record Checked(int status, String out, String err) {
        /** The lines, without Okta's request ids (asserted on their own). */
        List<String> lines() {
            return out.lines().map(line -> line.replaceFirst(" \\(Okta request id [A-Za-z0-9_-]+\\)$", "")).toList();
        }
    }

    /**
     * {@code ./run-local check ARGS} with {@code env}, under a LeakWatch told every credential of the
     * run; the org's users are the same, in the same states, afterwards.
     */
    private Checked check(Map<String, String> env, String... args) {
        List<SimulatedUser> before = okta.users();
        InProcessRunner runner = new InProcessRunner(env);
        int status;
        try (LeakWatch watch = LeakWatch.start()) {
            String[] command = new String[args.length + 1];
            command[0] = "check";
            System.arraycopy(args, 0, command, 1, args.length);
            status = runner.run(command);
            watch.response("the terminal", runner.out() + runner.err());
            watch.secret("the API token", env.get("OKTA_API_TOKEN")).secret("the simulator's token", okta.token());
            privateKeys.forEach(pem -> watch.privateKey("the private key", pem));
            notShown.forEach(watch::secret);
            okta.oauth().receivedAssertions().forEach(assertion -> watch.secret("a client assertion", assertion));
            okta.oauth().issuedTokenValues().forEach(token -> watch.secret("an access token", token));
            watch.assertNoLeaks();
        }
        assertThat(okta.users()).as("no user created, changed or activated").isEqualTo(before);
        assertThat(okta.counters().usersCreated()).isZero();
        return new Checked(status, runner.out(), runner.err());
    }

    /** A simulator with one STAGED user in a group: an activation or a change would show. */
    private static OktaSimulator seeded(SimulatorOptions options) {
        OktaSimulator simulator = OktaSimulator.start(options);
        simulator.addGroup("Engineering", "Engineers");
        simulator.seedUsers(SeedUser.of("ada.lovelace@example.com", "Ada", "Lovelace").withStatus("STAGED").withGroups("Engineering"));
        return simulator;
    }

    private KeyPair registeredApp(String keyType, String kid, List<String> scopes) {
        okta = seeded(SimulatorOptions.defaults());
        KeyPair keys = TestKeys.keyPair(keyType);
        okta.oauth().register(CLIENT, TestKeys.publicPem(keys), kid, scopes);
        privateKeys.add(TestKeys.privatePem(keys));
        return keys;
    }

    private Map<String, String> orgWithSecretFile() {
        return new HashMap<>(Map.of("OKTA_ORG_URL", okta.baseUrl()));
    }

    private static String pemSecret(KeyPair keys, String kid) throws Exception {
        return JSON.writeValueAsString(Map.of("clientId", CLIENT, "keyId", kid, "privateKey", TestKeys.privatePem(keys)));
    }

    private Path secretFile(String json) throws Exception {
        Path file = dir.resolve("secret.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }
}
