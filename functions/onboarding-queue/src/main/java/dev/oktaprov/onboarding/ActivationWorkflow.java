package dev.oktaprov.onboarding;

import dev.oktaprov.aws.AwsCallException;
import dev.oktaprov.aws.StepFunctionsStarter;
import dev.oktaprov.errors.ConfigurationException;
import dev.oktaprov.okta.OktaJson;
import dev.oktaprov.provisioning.StartSchedule;
import dev.oktaprov.time.Deadline;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Starts the onboarding workflow for a user created STAGED whose start date is ahead: one execution
 * per hire, named after its Okta user and start date, so a redelivered message meets its own running
 * execution (Step Functions takes the same name and input again while it runs) instead of starting a
 * second. Not after its login: a user deleted and created again under it is another user, whose
 * activation the first execution (holding the deleted id) would never do. The input is
 * {@code {id, activateAt, waitsForStartDate}}: no form, no password, no login. One signed
 * {@code StartExecution} ({@link StepFunctionsStarter}), bounded by the invocation's deadline.
 */
final class ActivationWorkflow {

    /** What a start did. */
    enum Start {
        /** Started, or found running: a redelivery, or a retry after a lost answer. */
        STARTED,
        /** The hire's earlier execution had ended (stopped, failed) without activating the STAGED user: a new run. */
        STARTED_AGAIN
    }

    /** Runs of one hire's name before the message is given up to redrive: each is an execution someone stopped. */
    private static final int MAX_RUNS = 10;

    /** Refusals that only a change to the deployment fixes: the backlog waits for it. */
    private static final Set<String> DEPLOYMENT_FAULTS = Set.of("AccessDeniedException", "StateMachineDoesNotExist",
            "StateMachineDeleting", "InvalidArn", "UnrecognizedClientException", "InvalidSignatureException");

    private static final String ALREADY_EXISTS = "ExecutionAlreadyExists";

    private final Supplier<StepFunctionsStarter> stepFunctions;
    private final String stateMachineArn;
    private final Clock clock;

    /** @param stateMachineArn null when the deployment has no workflow */
    ActivationWorkflow(Supplier<StepFunctionsStarter> stepFunctions, String stateMachineArn, Clock clock) {
        this.stepFunctions = stepFunctions;
        this.stateMachineArn = stateMachineArn;
        this.clock = clock;
    }

    boolean configured() {
        return stateMachineArn != null;
    }

    /**
     * @throws ConfigurationException when Step Functions refuses the deployment (no such state
     *     machine, no permission)
     * @throws WorkflowUnavailableException when Step Functions failed this time
     */
    Start start(String userId, StartSchedule schedule, Deadline deadline) {
        String name = executionName(userId, schedule.startDate());
        for (int run = 1; run <= MAX_RUNS; run++) {
            try {
                stepFunctions.get().startExecution(stateMachineArn, run == 1 ? name : name + "-" + run,
                        input(userId, schedule), deadline.remaining(clock));
                return run == 1 ? Start.STARTED : Start.STARTED_AGAIN;
            } catch (AwsCallException failed) {
                // A running execution of this name and input would have been taken: refused, it has ended (stopped
                // to move the date, failed) or waits for another time, and nothing will activate this STAGED user.
                if (!ALREADY_EXISTS.equals(failed.errorCode())) {
                    throw refusal(failed);
                }
            }
        }
        throw new WorkflowUnavailableException("every one of the hire's " + MAX_RUNS + " execution names has ended;"
                + " start the workflow for the user by hand");
    }

    private static RuntimeException refusal(AwsCallException failed) {
        if (isDeploymentFault(failed)) {
            return new ConfigurationException("Step Functions refused to start the onboarding workflow (" + failed.getMessage()
                    + "): check ONBOARDING_STATE_MACHINE_ARN and the function role's states:StartExecution");
        }
        return new WorkflowUnavailableException(failed.getMessage());
    }

    /**
     * No keys to sign with, or a refusal of the role, its keys or the ARN (any 403, with or without a
     * code: AWS answers a bad signature so). Only a service error has a status or a code.
     */
    private static boolean isDeploymentFault(AwsCallException failed) {
        return failed.kind() == AwsCallException.Kind.NO_CREDENTIALS || failed.status() == 403
                || (failed.errorCode() != null && DEPLOYMENT_FAULTS.contains(failed.errorCode()));
    }

    /**
     * {@code hire-<40 hex of SHA-256 of the user id>-<start date>}, 56 characters of what Step
     * Functions allows whatever Okta's id holds: the same for every delivery of one hire (each finds
     * the same user), and no login in the execution's name, ARN or the console.
     */
    static String executionName(String userId, LocalDate startDate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(userId.getBytes(StandardCharsets.UTF_8));
            return "hire-" + HexFormat.of().formatHex(digest, 0, 20) + "-" + startDate;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The same bytes for every delivery: Step Functions compares inputs of executions with one name. */
    static String input(String userId, StartSchedule schedule) {
        return OktaJson.MAPPER.createObjectNode().put("id", userId).put("activateAt", schedule.activateAt().toString())
                .put("waitsForStartDate", true).toString();
    }

    /** Step Functions did not start the execution this time (throttled, an outage): retried with the message. */
    static final class WorkflowUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WorkflowUnavailableException(String what) {
            super("Step Functions did not start the activation workflow (" + what + ")");
        }
    }
}
