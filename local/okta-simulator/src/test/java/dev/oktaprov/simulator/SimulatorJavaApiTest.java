package dev.oktaprov.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-process API other modules' tests use: start, state accessors, reset. */
class SimulatorJavaApiTest {

    @Test
    void startsOnAFreeLoopbackPortWithTheGivenToken() {
        try (OktaSimulator okta = OktaSimulator.start(SimulatorOptions.defaults().withToken("test-token"))) {
            assertThat(okta.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+").isEqualTo("http://127.0.0.1:" + okta.port());
            assertThat(okta.token()).isEqualTo("test-token");
            assertThat(okta.groups()).extracting(SimulatedGroup::name).containsExactly("Everyone");
        }
    }

    @Test
    void defaultTokenIsRandomAndShapedLikeOktas() {
        String first = SimulatorOptions.defaults().token();
        String second = SimulatorOptions.defaults().token();

        assertThat(first).matches("00[A-Za-z0-9_-]{40}").isNotEqualTo(second);
    }

    @Test
    void resetBringsBackTheStartSeedWithTheSameIds() {
        SeedData seed = new SeedData(List.of(SeedGroup.named("Engineering", null)),
                List.of(SeedUser.of("ada@example.com", "Ada", "Lovelace").withGroups("Engineering")));
        try (OktaSimulator okta = OktaSimulator.start(SimulatorOptions.defaults().withSeed(seed))) {
            SimulatedUser ada = okta.findByLogin("ADA@example.com").orElseThrow();
            okta.seedUsers(SeedUser.of("extra@example.com", "Ex", "Tra"));
            okta.addGroup("Temporary", null);

            okta.reset();

            assertThat(okta.users()).extracting(SimulatedUser::id, SimulatedUser::login, SimulatedUser::groupIds)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(ada.id(), ada.login(), ada.groupIds()));
            assertThat(okta.groups()).extracting(SimulatedGroup::name).containsExactly("Everyone", "Engineering");
            assertThat(okta.findGroup("Engineering").orElseThrow().id()).isEqualTo(ada.groupIds().get(1));
        }
    }

    @Test
    void seedingATakenLoginOrUnknownGroupFails() {
        try (OktaSimulator okta = OktaSimulator.start()) {
            okta.seedUsers(SeedUser.of("ada@example.com", "Ada", "Lovelace"));

            assertThatThrownBy(() -> okta.seedUsers(SeedUser.of("Ada@Example.com", "Ada", "Again")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> okta.seedUsers(SeedUser.of("b@example.com", "B", "B").withGroups("Nope")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(okta.userCount()).isEqualTo(1);
        }
    }

    @Test
    void snapshotsCannotChangeTheDirectory() {
        try (OktaSimulator okta = OktaSimulator.start()) {
            SimulatedUser ada = okta.seedUsers(SeedUser.of("ada@example.com", "Ada", "Lovelace")).get(0);

            assertThatThrownBy(() -> ada.profile().put("login", "evil@example.com"))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThat(okta.findByLogin("ada@example.com")).isPresent();
        }
    }
}
