package dev.oktaprov.local.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.local.LocalSet;
import dev.oktaprov.local.Terminal;
import dev.oktaprov.local.workflow.LocalWorkflow;
import dev.oktaprov.simulator.OktaSimulator;
import dev.oktaprov.simulator.SimulatedUser;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * {@code --start-date-demo}: one hire whose start date's activation time is a few seconds ahead goes
 * through the queue like any other; the runner follows its user in the simulator from STAGED to
 * activated and says what did it.
 */
final class StartDateDemo {

    static final Duration AHEAD = Duration.ofSeconds(15);
    private static final Duration GIVE_UP = Duration.ofMinutes(2);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final ObjectMapper JSON = new ObjectMapper();

    private StartDateDemo() {}

    static void run(LocalSet set, Terminal terminal, BooleanSupplier stopRequested, Clock clock) throws InterruptedException {
        OktaSimulator okta = set.simulator();
        PrintStream out = terminal.out();
        if (okta == null) {
            return;
        }
        String login = "sam.startdate+" + clock.millis() % 100_000 + "@example.com";
        ZonedDateTime at = clock.instant().plus(AHEAD).truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC);
        set.sqs().client().sendMessage(b -> b.queueUrl(set.queues().queueUrl()).messageBody(hire(login, at)));
        out.println();
        out.println("Start date: one more hire, " + login + ", starts today at " + TIME.format(at) + " UTC ("
                + AHEAD.toSeconds() + " s from now).");
        out.println("  " + (set.workflow().engine() == LocalWorkflow.Engine.MOTO
                ? "Its activation runs in " + set.workflow().description() + "."
                : set.workflow().description() + "."));
        out.flush();
        String shown = "";
        Instant giveUp = clock.instant().plus(GIVE_UP);
        while (!stopRequested.getAsBoolean() && clock.instant().isBefore(giveUp)) {
            Optional<SimulatedUser> user = okta.findByLogin(login);
            String status = user.map(SimulatedUser::status).orElse("");
            if (!status.equals(shown)) {
                out.println("  " + TIME.format(clock.instant().atZone(ZoneOffset.UTC)) + "  " + describe(status, at));
                out.flush();
                shown = status;
            }
            if (!status.isEmpty() && !status.equals("STAGED")) {
                return;
            }
            Thread.sleep(250);
        }
        if (!stopRequested.getAsBoolean()) {
            out.println("  The user was not activated within " + GIVE_UP.toMinutes() + " minutes; the function logs say why.");
        }
    }

    private static String describe(String status, ZonedDateTime at) {
        return switch (status) {
            case "STAGED" -> "STAGED: created by the onboarding function; activation at " + TIME.format(at);
            case "PROVISIONED", "ACTIVE" -> status + ": activated when its start date came (the activation email goes out now)";
            default -> status;
        };
    }

    private static String hire(String login, ZonedDateTime at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", "Sam");
        body.put("lastName", "Startdate");
        body.put("email", login);
        body.put("login", login);
        body.put("startDate", at.toLocalDate().toString());
        body.put("timeZone", "UTC");
        body.put("activationTime", TIME.format(at));
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
