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

    private MessageResult deadLetter(HireMessage hire, Failure failure) {
        boolean sent = deadLetters.send(hire.message(), failure);
        return new MessageResult(hire, sent ? Outcome.DEAD_LETTERED : Outcome.DEAD_LETTER_FAILED, failure);
    }
}
