package dev.oktaprov.onboarding;

import dev.oktaprov.onboarding.MessageResult.Outcome;
import dev.oktaprov.provisioning.CreateResult;
import dev.oktaprov.provisioning.ProvisioningService;
import dev.oktaprov.ratelimit.Deadline;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message, one attempt: create the user idempotently, or send the message to the DLQ with its
 * reason when the message itself is at fault (never when the deployment's credentials are).
 */
final class HireOnboarding {

    private static final Logger LOG = LoggerFactory.getLogger(HireOnboarding.class);
    static final String EXISTING_USER_INACTIVE = "EXISTING_USER_INACTIVE";
    static final String EXISTING_USER_DIFFERS = "EXISTING_USER_DIFFERS";

    private final ProvisioningService provisioning;
    private final DeadLetterQueue deadLetters;

    HireOnboarding(ProvisioningService provisioning, DeadLetterQueue deadLetters) {
        this.provisioning = Objects.requireNonNull(provisioning, "provisioning");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    }

    MessageResult onboard(HireMessage hire, Deadline deadline) {
        if (hire.invalid() != null) {
            return deadLetter(hire, hire.invalid());
        }
        Failure failure;
        try {
            CreateResult created = provisioning.create(hire.hire(), deadline);
            Failure differs = existingUserDiffers(created);
            if (differs != null) {
                return deadLetter(hire, differs);
            }
            return new MessageResult(hire, switch (created.outcome()) {
                case CREATED -> Outcome.CREATED;
                case ALREADY_EXISTED -> Outcome.ALREADY_EXISTED;
            }, null);
        } catch (RuntimeException e) {
            failure = Failure.of(e);
            if (failure.code().equals(Failure.INTERNAL_ERROR)) {
                LOG.error("Unexpected failure onboarding message {}", hire.message().messageId(), e);
            }
        }
        return switch (failure.kind()) {
            case PERMANENT -> deadLetter(hire, failure);
            case TRANSIENT -> new MessageResult(hire, Outcome.RETRY_LATER, failure);
            case THROTTLED -> new MessageResult(hire, Outcome.THROTTLED, failure);
            case CONFIGURATION -> new MessageResult(hire, Outcome.CONFIGURATION_FAILED, failure);
        };
    }

    /**
     * An existing user that cannot sign in (a rehire) or lacks what the message asked for needs a
     * person: the DLQ says so, instead of a success that would leave the hire without access.
     */
    static Failure existingUserDiffers(CreateResult created) {
        if (created.inactive()) {
            return Failure.permanent(EXISTING_USER_INACTIVE, "The login belongs to an existing " + created.user().status()
                    + " user; nothing was changed: reactivate it in Okta, or onboard the hire with another login");
        }
        if (!created.notApplied().isEmpty()) {
            return Failure.permanent(EXISTING_USER_DIFFERS, "The login belongs to an existing user that does not reflect "
                    + String.join(" and ", created.notApplied()) + " of this message; nothing was changed");
        }
        return null;
    }

    private MessageResult deadLetter(HireMessage hire, Failure failure) {
        boolean sent = deadLetters.send(hire.message(), failure);
        return new MessageResult(hire, sent ? Outcome.DEAD_LETTERED : Outcome.DEAD_LETTER_FAILED, failure);
    }
}
