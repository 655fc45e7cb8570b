package dev.oktaprov.local.onboard;

/** A row SQS refused, or that could not reach it. */
public record NotSent(int line, String reason) {
}
