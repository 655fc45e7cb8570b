package dev.oktaprov.simulator;

import java.time.Instant;

/**
 * A group as the simulator holds it.
 *
 * @param type OKTA_GROUP, APP_GROUP or BUILT_IN (Everyone)
 */
public record SimulatedGroup(
        String id,
        String type,
        String name,
        String description,
        Instant created,
        Instant lastUpdated,
        Instant lastMembershipUpdated) {

    public SimulatedGroup withMembershipUpdated(Instant at) {
        return new SimulatedGroup(id, type, name, description, created, lastUpdated, at);
    }
}
