package dev.oktaprov.simulator.faults;

import dev.oktaprov.simulator.Fault;
import dev.oktaprov.simulator.FaultPlan;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/** Decides, per /api request, which fault of the current plan applies: scripted ones first, then seeded random ones. */
public final class FaultInjector {

    /**
     * @param failure ERROR_500/503/504 or DROP instead of processing the request; null to process it
     * @param latency to wait before going on (zero for none)
     */
    public record Decision(Fault failure, Duration latency) {

        static final Decision NONE = new Decision(null, Duration.ZERO);
    }

    private final long seed;
    private final Random random;
    private FaultPlan plan;
    private final Deque<Fault> script = new ArrayDeque<>();

    public FaultInjector(long seed, FaultPlan plan) {
        this.seed = seed;
        this.random = new Random(seed ^ 0x5DEECE66DL);
        setPlan(plan);
    }

    public synchronized void setPlan(FaultPlan newPlan) {
        plan = newPlan;
        script.clear();
        script.addAll(newPlan.next());
    }

    /** The plan in force, with the scripted faults not yet used. */
    public synchronized FaultPlan plan() {
        return new FaultPlan(plan.errorRate(), plan.errorStatuses(), plan.dropRate(), plan.lostAnswerRate(),
                plan.latency(), plan.latencyRate(), List.copyOf(script));
    }

    /** Puts the plan back and restarts the random sequence from the seed. */
    public synchronized void restart(FaultPlan startPlan) {
        random.setSeed(seed ^ 0x5DEECE66DL);
        setPlan(startPlan);
    }

    /** Called once per admitted /api request, before it is processed. */
    public synchronized Decision beforeProcessing() {
        Fault head = script.peekFirst();
        if (head != null && head != Fault.LOST_ANSWER) {
            script.pollFirst();
            return head == Fault.LATENCY ? new Decision(null, plan.latency()) : new Decision(head, Duration.ZERO);
        }
        Fault failure = null;
        double failureShare = plan.dropRate() + plan.errorRate();
        if (failureShare > 0) {
            double roll = random.nextDouble();
            if (roll < plan.dropRate()) {
                failure = Fault.DROP;
            } else if (roll < failureShare) {
                List<Integer> statuses = new ArrayList<>(plan.errorStatuses());
                failure = Fault.valueOf("ERROR_" + statuses.get(random.nextInt(statuses.size())));
            }
        }
        Duration latency = Duration.ZERO;
        if (!plan.latency().isZero() && (plan.latencyRate() >= 1.0 || random.nextDouble() < plan.latencyRate())) {
            latency = plan.latency();
        }
        return failure == null && latency.isZero() ? Decision.NONE : new Decision(failure, latency);
    }

    /** Called after a create succeeded: whether to lose its answer (the user stays created). */
    public synchronized boolean loseCreatedAnswer() {
        if (script.peekFirst() == Fault.LOST_ANSWER) {
            script.pollFirst();
            return true;
        }
        return plan.lostAnswerRate() > 0 && random.nextDouble() < plan.lostAnswerRate();
    }
}
