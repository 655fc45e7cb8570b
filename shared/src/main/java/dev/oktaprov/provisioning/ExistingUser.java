package dev.oktaprov.provisioning;

import dev.oktaprov.okta.model.Group;
import dev.oktaprov.okta.model.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an existing user of the same person leaves undone of a create. A create is idempotent by
 * login, so "already existed" answers a retry as well as a rehire or a changed request; saying what
 * was not applied keeps the last two from passing for a plain success. Nothing is changed in Okta:
 * reactivating an ex-employee or adding groups to someone else's account is a person's decision.
 */
final class ExistingUser {

    static final String ACTIVATE = "activate";
    static final String GROUP_IDS = "groupIds";

    /** Cannot sign in, and a create does not change that. */
    private static final Set<String> INACTIVE = Set.of("DEPROVISIONED", "SUSPENDED");
    /** Not activated (yet, or any more): an activation the request asked for did not happen. */
    private static final Set<String> NOT_ACTIVATED = Set.of("STAGED", "DEPROVISIONED", "SUSPENDED");

    private static final Logger LOG = LoggerFactory.getLogger(ExistingUser.class);

    private ExistingUser() {}

    /** {@code memberships} is asked for only when the request names groups. */
    static CreateResult compare(NewHire hire, User existing, Supplier<List<Group>> memberships) {
        String status = String.valueOf(existing.status());
        List<String> notApplied = new ArrayList<>();
        // A scheduled hire is STAGED until its start date: that is as asked, not an activation left undone.
        if (hire.activatesOnCreate() && NOT_ACTIVATED.contains(status)) {
            notApplied.add(ACTIVATE);
        }
        if (!hire.groupIds().isEmpty()) {
            Set<String> groups = memberships.get().stream().map(Group::id).collect(Collectors.toSet());
            if (!groups.containsAll(hire.groupIds())) {
                notApplied.add(GROUP_IDS);
            }
        }
        boolean inactive = INACTIVE.contains(status);
        if (inactive || !notApplied.isEmpty()) {
            LOG.warn("The same person already exists as Okta user {} ({}); not applied: {}", existing.id(), status,
                    notApplied.isEmpty() ? "nothing" : String.join(", ", notApplied));
        }
        return new CreateResult(existing, CreateOutcome.ALREADY_EXISTED, notApplied, inactive);
    }
}
