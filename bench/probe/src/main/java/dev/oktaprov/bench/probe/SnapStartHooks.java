package dev.oktaprov.bench.probe;

import org.crac.Resource;

/**
 * A SnapStart checkpoint and restore without a CRaC JVM: the handler's own hooks, called in the
 * order Lambda calls them, with nothing in between.
 */
final class SnapStartHooks {

    private SnapStartHooks() {}

    static void checkpointAndRestore(Object handler) throws Exception {
        if (handler instanceof Resource resource) {
            resource.beforeCheckpoint(null);
            resource.afterRestore(null);
        }
    }
}
