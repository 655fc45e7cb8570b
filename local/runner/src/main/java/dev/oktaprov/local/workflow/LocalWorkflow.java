package dev.oktaprov.local.workflow;

import dev.oktaprov.local.TemplateSettings;
import dev.oktaprov.local.functions.LocalFunction;
import dev.oktaprov.local.moto.MotoLauncher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The onboarding workflow on this machine, at one loopback endpoint ({@link #endpoint()}) that
 * speaks Step Functions for the onboarding function and Lambda for the state machine. With
 * moto_server (found on PATH or in ~/.pyenv/shims) it is the template's state machine, the file
 * statemachine/onboarding.asl.json itself, run by moto's Amazon States Language interpreter with the
 * real create-user, activate-user and get-user handlers behind its tasks. Without it (or when it
 * will not start, or with {@code LOCAL_WORKFLOW=scheduler}), {@link ScheduledActivations} activates
 * the users the queue schedules, at their time, and nothing else.
 */
public final class LocalWorkflow implements AutoCloseable {

    /** What runs the workflow. */
    public enum Engine {
        /** moto_server's Step Functions interpreter, the state machine as deployed. */
        MOTO,
        /** No interpreter: the queue's scheduled activations only. */
        LOCAL_SCHEDULER
    }

    public static final String STATE_MACHINE_NAME = "okta-provisioning-onboarding";
    /** {@code scheduler}: use the local scheduler even where moto_server is found. */
    public static final String LOCAL_WORKFLOW = "LOCAL_WORKFLOW";
    /** moto's default account. */
    static final String ACCOUNT = "123456789012";
    private static final String DEFINITION = "onboarding.asl.json";

    private final WorkflowFront front;
    private final MotoProcess moto;
    private final ScheduledActivations scheduler;
    private final String stateMachineArn;
    private final String region;
    private final String whyNoMoto;
    private final SfnClient client;

    private LocalWorkflow(WorkflowFront front, MotoProcess moto, ScheduledActivations scheduler, String stateMachineArn,
            String region, String whyNoMoto) {
        this.front = front;
        this.moto = moto;
        this.scheduler = scheduler;
        this.stateMachineArn = stateMachineArn;
        this.region = region;
        this.whyNoMoto = whyNoMoto;
        this.client = client(endpoint(), region);
    }

    /**
     * @param functions create-user, get-user and activate-user by name, constructed once
     * @param shell the runner's environment (where to look for moto_server)
     * @param log where moto's troubles and the scheduler's activations are noted
     */
    public static LocalWorkflow start(Map<String, LocalFunction> functions,
            String region, Map<String, String> shell, Clock clock, Consumer<String> log) {
        String arn = "arn:aws:states:" + region + ":" + ACCOUNT + ":stateMachine:" + STATE_MACHINE_NAME;
        LambdaInvocations lambda = new LambdaInvocations(functions, region, clock, log);
        WorkflowFront front = WorkflowFront.listen();
        boolean schedulerAsked = "scheduler".equalsIgnoreCase(String.valueOf(shell.get(LOCAL_WORKFLOW)).strip());
        Optional<Path> executable = schedulerAsked ? Optional.empty() : MotoLauncher.find(shell);
        String whyNoMoto = schedulerAsked ? LOCAL_WORKFLOW + "=scheduler" : "moto_server was not found on PATH or in ~/.pyenv/shims";
        if (executable.isPresent()) {
            MotoProcess moto = null;
            try {
                moto = MotoProcess.start(executable.get(), front.port());
                MotoProcess started = moto;
                Runnable create = () -> createStateMachine(started.endpoint(), region, definition(region));
                create.run();
                MotoExecutions executions = new MotoExecutions(moto, arn, create);
                front.serve(lambda, executions, executions);
                return new LocalWorkflow(front, moto, null, arn, region, null);
            } catch (RuntimeException e) {
                if (moto != null) {
                    moto.close();
                }
                whyNoMoto = "moto_server did not start (" + e.getMessage() + ")";
                log.accept("local workflow: " + whyNoMoto + "; start-date hires are activated by the local scheduler");
            }
        }
        ScheduledActivations scheduler = new ScheduledActivations(lambda, arn, clock, log);
        front.serve(lambda, scheduler, scheduler);
        return new LocalWorkflow(front, null, scheduler, arn, region, whyNoMoto);
    }

    /** Where the onboarding function's Step Functions client goes ({@code AWS_ENDPOINT_URL_SFN}). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + front.port());
    }

    public String stateMachineArn() {
        return stateMachineArn;
    }

    public String region() {
        return region;
    }

    /** A Step Functions client of this endpoint, as the onboarding function's is: shared, closed with the workflow. */
    public SfnClient client() {
        return client;
    }

    public Engine engine() {
        return moto != null ? Engine.MOTO : Engine.LOCAL_SCHEDULER;
    }

    /** For the start banner: what runs hires with a start date, and what that means. */
    public String description() {
        if (moto != null) {
            return "the onboarding state machine in moto_server's Step Functions interpreter (" + endpoint() + ")";
        }
        return whyNoMoto + ": hires whose start date is ahead are created STAGED and activated at that time by the"
                + " local scheduler (no state machine runs; install moto[server] 5.2 for it)";
    }

    /** The state machine as the template deploys it, its functions named as the local set names them. */
    static String definition(String region) {
        try (InputStream in = LocalWorkflow.class.getResourceAsStream(DEFINITION)) {
            String asl = new String(Objects.requireNonNull(in, DEFINITION + " is not on the class path").readAllBytes(),
                    StandardCharsets.UTF_8);
            for (Map.Entry<String, String> function : TemplateSettings.STATE_MACHINE_FUNCTIONS.entrySet()) {
                asl = asl.replace("${" + function.getKey() + "}",
                        "arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:" + function.getValue() + ":live");
            }
            return asl;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SfnClient client(URI endpoint, String region) {
        return SfnClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    private static void createStateMachine(URI moto, String region, String definition) {
        try (SfnClient sfn = client(moto, region)) {
            sfn.createStateMachine(b -> b.name(STATE_MACHINE_NAME).definition(definition)
                    .roleArn("arn:aws:iam::" + ACCOUNT + ":role/" + STATE_MACHINE_NAME));
        }
    }

    @Override
    public void close() {
        try {
            client.close();
            front.close();
        } finally {
            if (moto != null) {
                moto.close();
            }
            if (scheduler != null) {
                scheduler.close();
            }
        }
    }
}
