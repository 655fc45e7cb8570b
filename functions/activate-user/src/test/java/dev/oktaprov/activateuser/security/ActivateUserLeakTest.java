package dev.oktaprov.activateuser.security;

import static dev.oktaprov.testsupport.StreamInvocation.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.activateuser.ActivateUserHandler;
import dev.oktaprov.credentials.OAuthScopes;
import dev.oktaprov.functiontesting.SecretsAndOkta;
import dev.oktaprov.simulator.FaultPlan;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SeedUser;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.testsupport.LeakWatch;
import dev.oktaprov.entrypoints.InvocationContext;
import dev.oktaprov.testsupport.TestKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * activate-user's scenarios, success and every class of failure, with an API token and with an
 * OAuth service app, under one {@link LeakWatch}: no credential in any log line or answer (a thrown
 * error's whole trace included, as Lambda would report it), logins only masked.
 */
class ActivateUserLeakTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WRONG_TOKEN = "00wrongTOKENwrongTOKENwrongTOKEN0123456";
    private static final String LEAKY_SECRET_VALUE = "00shapeless-secret-value-0123456789";

    private static SecretsAndOkta infrastructure;
    private static OktaSimulator okta;

    @BeforeAll
    static void start() {
        infrastructure = SecretsAndOkta.start();
        okta = infrastructure.okta();
    }

    @AfterAll
    static void stop() {
        infrastructure.close();
    }

    private static ActivateUserHandler withToken(String token) {
        return new ActivateUserHandler(infrastructure.withToken(token));
    }

    private static ActivateUserHandler withSecret(String secretText) {
        return new ActivateUserHandler(infrastructure.withSecret(secretText, OAuthScopes.ACTIVATE_USERS));
    }

    /** What the caller (Step Functions) would see: the result, or the error with its whole trace. */
    private static String activate(LeakWatch watch, String scenario, ActivateUserHandler handler, String id) {
        try {
            watch.response(scenario, JSON.writeValueAsString(invoke(handler, Map.of("id", id), InvocationContext.of("activate-user"))));
            return "OK";
        } catch (Exception e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            watch.response(scenario, trace.toString());
            return e.getClass().getSimpleName();
        }
    }

    @Test
    void noScenarioLeaksACredentialOrAnUnmaskedLogin() throws Exception {
        KeyPair ec = TestKeys.ec();
        String ecPem = TestKeys.privatePem(ec);
        okta.oauth().register("0oaACTIVATE", TestKeys.publicPem(ec), "ec-1", OAuthScopes.ACTIVATE_USERS);
        okta.oauth().register("0oaREADER", TestKeys.publicPem(ec), "ec-1", List.of("okta.users.read"));
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<String> logins = List.of("jane.doe." + suffix + "@example.com", "it/ops." + suffix + "@example.com",
                "a+b." + suffix + "@example.com", "gone." + suffix + "@example.com");
        List<SimulatedUser> users = okta.seedUsers(List.of(SeedUser.of(logins.get(0), "Jane", "Doe").withStatus("STAGED"),
                SeedUser.of(logins.get(1), "It", "Ops").withStatus("STAGED"),
                SeedUser.of(logins.get(2), "A", "B").withStatus("STAGED"),
                SeedUser.of(logins.get(3), "Gone", "Away").withStatus("DEPROVISIONED")));

        try (LeakWatch watch = LeakWatch.start()) {
            ActivateUserHandler ssws = withToken(okta.token());
            assertThat(activate(watch, "activated", ssws, users.get(0).id())).isEqualTo("OK");
            assertThat(activate(watch, "already active", ssws, users.get(0).id())).isEqualTo("OK");
            assertThat(activate(watch, "deactivated", ssws, users.get(3).id())).isEqualTo("UserNotActivatableException");
            assertThat(activate(watch, "not found", ssws, "00u0000000000000000X")).isEqualTo("NotFoundException");
            assertThat(activate(watch, "invalid", ssws, "me")).isEqualTo("InvalidInputException");
            okta.setFaults(FaultPlan.none().withErrorRate(1.0).withErrorStatuses(503));
            assertThat(activate(watch, "Okta unavailable", ssws, users.get(1).id())).isEqualTo("TransientUpstreamException");
            okta.setFaults(FaultPlan.none());
            assertThat(activate(watch, "a token Okta refuses", withToken(WRONG_TOKEN), users.get(1).id()))
                    .isEqualTo("OktaAccessDeniedException");
            assertThat(activate(watch, "a secret of the wrong shape", withSecret("{\"token\":\"" + LEAKY_SECRET_VALUE + "\"}"),
                    users.get(1).id())).isEqualTo("ConfigurationException");

            assertThat(activate(watch, "OAuth: activated", withSecret(serviceApp("0oaACTIVATE", ecPem)), users.get(1).id()))
                    .isEqualTo("OK");
            assertThat(activate(watch, "OAuth: a reader's app", withSecret(serviceApp("0oaREADER", ecPem)), users.get(2).id()))
                    .isEqualTo("OktaAccessDeniedException");

            watch.secret("API token", okta.token()).secret("refused API token", WRONG_TOKEN)
                    .secret("the secret's value", LEAKY_SECRET_VALUE).privateKey("EC private key", ecPem);
            okta.oauth().issuedTokenValues().forEach(token -> watch.secret("access token", token));
            okta.oauth().receivedAssertions().forEach(assertion -> watch.secret("client assertion", assertion));
            logins.forEach(watch::personal);

            assertThat(okta.oauth().issuedTokenValues()).as("service-app scenarios ran").isNotEmpty();
            watch.assertNoLeaks();
        }
        assertThat(okta.findById(users.get(2).id())).get().extracting(SimulatedUser::status).as("the reader activated nothing")
                .isEqualTo("STAGED");
    }

    private static String serviceApp(String clientId, String privateKey) throws Exception {
        return JSON.writeValueAsString(Map.of("clientId", clientId, "keyId", "ec-1", "privateKey", privateKey));
    }
}
