package dev.oktaprov.local.sqs;

import java.util.concurrent.atomic.AtomicLong;

/** The running counts behind {@link MappingCounters}, updated from every poller thread. */
final class MappingCounterSet {

    final AtomicLong invocations = new AtomicLong();
    final AtomicLong messagesReceived = new AtomicLong();
    final AtomicLong messagesDeleted = new AtomicLong();
    final AtomicLong messagesReturned = new AtomicLong();
    final AtomicLong functionErrors = new AtomicLong();
    final AtomicLong invalidResponses = new AtomicLong();
    final AtomicLong timeouts = new AtomicLong();
    final AtomicLong pollErrors = new AtomicLong();
    final AtomicLong deleteErrors = new AtomicLong();
    final AtomicLong recursiveInvocationsDropped = new AtomicLong();

    void countFailure(InvocationOutcome outcome) {
        switch (outcome) {
            case FUNCTION_ERROR -> functionErrors.incrementAndGet();
            case INVALID_RESPONSE -> invalidResponses.incrementAndGet();
            case TIMEOUT -> timeouts.incrementAndGet();
            default -> throw new IllegalArgumentException("not a failure: " + outcome);
        }
    }

    MappingCounters snapshot() {
        return new MappingCounters(invocations.get(), messagesReceived.get(), messagesDeleted.get(),
                messagesReturned.get(), functionErrors.get(), invalidResponses.get(), timeouts.get(),
                pollErrors.get(), deleteErrors.get(), recursiveInvocationsDropped.get());
    }
}
