package dev.oktaprov.simulator.directory;

import dev.oktaprov.simulator.SimulatedUser;
import java.util.List;

/** What became of a create: the user, or the reasons (Okta error causes) it was refused. */
public sealed interface CreateOutcome {

    record Created(SimulatedUser user) implements CreateOutcome {
    }

    /** @param causes in Okta's form, field name first: {@code "login: An object with this field ..."} */
    record Rejected(List<String> causes) implements CreateOutcome {
    }
}
