package dev.oktaprov.template;

import java.lang.reflect.Method;

/**
 * Run in a JVM of its own on a function's built code (MonitoringTest): counts one metric through the
 * code's ProvisioningMetrics, with the environment Lambda would give the function, and flushes, so
 * Powertools prints the EMF line the function would.
 */
public final class EmfProbe {

    private EmfProbe() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> metricsType = Class.forName("dev.oktaprov.runtime.ProvisioningMetrics");
        Object metrics = metricsType.getMethod("fromEnvironment", java.util.Map.class).invoke(null, System.getenv());
        Method count = metricsType.getMethod(args[0]);
        count.invoke(metrics);
        metricsType.getMethod("flush").invoke(metrics);
    }
}
