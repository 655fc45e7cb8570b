package dev.oktaprov.provisioning;

import dev.oktaprov.okta.model.User;
import java.util.List;

/**
 * What a create did.
 *
 * @param notApplied for {@link CreateOutcome#ALREADY_EXISTED}: the request's fields the existing user does
 *     not reflect ({@code "activate"}, {@code "groupIds"}); empty when it matches the request
 * @param inactive for {@link CreateOutcome#ALREADY_EXISTED}: the existing user is {@code DEPROVISIONED} or
 *     {@code SUSPENDED}, so cannot sign in, and the create did not change that (a rehire, say)
 */
public record CreateResult(User user, CreateOutcome outcome, List<String> notApplied, boolean inactive) {

    public CreateResult {
        notApplied = List.copyOf(notApplied);
    }

    /** A result with nothing left undone: a new user, or an existing one exactly as asked. */
    public CreateResult(User user, CreateOutcome outcome) {
        this(user, outcome, List.of(), false);
    }
}
