package dev.oktaprov.local.functions;

import java.time.Duration;

/**
 * One function of the template, as the local set runs it.
 *
 * @param name the function's short name (its log group's last part in the template)
 * @param handlerClass the template's {@code Handler} class
 * @param timeout the template's {@code Timeout}: the context's deadline
 * @param memoryMb the template's {@code MemorySize}: what the context reports
 */
public record FunctionSpec(String name, String handlerClass, Duration timeout, int memoryMb) {
}
