package dev.oktaprov.onboarding;

import dev.oktaprov.provisioning.ActivationResult;
import dev.oktaprov.provisioning.CreateResult;
import dev.oktaprov.provisioning.ProvisioningService;
import dev.oktaprov.provisioning.StartSchedule;
import dev.oktaprov.time.Deadline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message, one attempt: create the user idempotently, or send the message to the DLQ with its
 * reason when the message itself is at fault (never when the deployment's credentials are). A hire
 * with a start date is created STAGED; when the date has come it is activated at once, when it is
 * ahead the onboarding workflow is started to activate it then (once per hire, however often the
 * message comes).
 */
final class SingleHireOnboarding {

    private static final Logger LOG = LoggerFactory.getLogger(SingleHireOnboarding.class);
    static final String EXISTING_USER_INACTIVE = "EXISTING_USER_INACTIVE";
    static final String EXISTING_USER_DIFFERS = "EXISTING_USER_DIFFERS";
    static final String START_DATE_NOT_SCHEDULED = "START_DATE_NOT_SCHEDULED";

    private final ProvisioningService provisioning;
    private final DeadLetterQueue deadLetters;
    private final ActivationWorkflow workflow;

    SingleHireOnboarding(ProvisioningService provisioning, DeadLetterQueue deadLetters, ActivationWorkflow workflow) {
        this.provisioning = provisioning;
        this.deadLetters = deadLetters;
        this.workflow = workflow;
    }

    MessageResult onboard(HireMessage hire, Deadline deadline) {
        if (hire.invalid() != null) {
            return deadLetter(hire, hire.invalid());
        }
        StartSchedule schedule = hire.hire().schedule();
        if (schedule != null && schedule.waitsForStartDate() && !workflow.configured()) {
            return deadLetter(hire, Failure.permanent(START_DATE_NOT_SCHEDULED, "The start date is ahead, but this"
                    + " deployment has no onboarding workflow to activate the user then (ONBOARDING_STATE_MACHINE_ARN is"
                    + " not set); nothing was created: redrive the message once it is"));
        }
        Failure failure;
        try {
            CreateResult created = provisioning.create(hire.hire(), deadline);
            Failure differs = existingUserDiffers(created);
            if (differs != null) {
                return deadLetter(hire, differs);
            }
            if (schedule != null) {
                activateOnStartDate(hire, created, schedule, deadline);
            }
            return new MessageResult(hire, switch (created.outcome()) {
                case CREATED -> MessageOutcome.CREATED;
                case ALREADY_EXISTED -> MessageOutcome.ALREADY_EXISTED;
            }, null);
        } catch (RuntimeException e) {
            failure = Failure.of(e);
            if (failure.code().equals(Failure.INTERNAL_ERROR)) {
                LOG.error("Unexpected failure onboarding message {}", hire.message().messageId(), e);
            }
        }
        return switch (failure.kind()) {
            case PERMANENT -> deadLetter(hire, failure);
            case TRANSIENT -> new MessageResult(hire, MessageOutcome.RETRY_LATER, failure);
            case THROTTLED -> new MessageResult(hire, MessageOutcome.THROTTLED, failure);
            case CONFIGURATION -> new MessageResult(hire, MessageOutcome.CONFIGURATION_FAILED, failure);
        };
    }

    /**
     * The date has come: activate now (idempotent, so a redelivery finds it active). It is ahead: one
     * workflow execution activates the STAGED user then; a user someone activated already needs none.
     */
    private void activateOnStartDate(HireMessage hire, CreateResult created, StartSchedule schedule, Deadline deadline) {
        String userId = created.user().id();
        if (!schedule.waitsForStartDate()) {
            ActivationResult activation = provisioning.activate(userId, true, deadline);
            LOG.info("Start date {} of message {} has come: Okta user {} {}", schedule.startDate(),
                    hire.message().messageId(), userId, activation.outcome());
        } else if ("STAGED".equals(created.user().status())) {
            ActivationWorkflow.Start start = workflow.start(userId, schedule, deadline);
            LOG.info("Okta user {} of message {} stays STAGED until {}: activation workflow {}", userId,
                    hire.message().messageId(), schedule.activateAt(), start);
        } else {
            LOG.info("Okta user {} of message {} is {} already: no activation to schedule", userId,
                    hire.message().messageId(), created.user().status());
        }
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
        return new MessageResult(hire, sent ? MessageOutcome.DEAD_LETTERED : MessageOutcome.DEAD_LETTER_FAILED, failure);
    }
}
