package dev.oktaprov.onboarding;

import java.net.InetAddress;
import java.net.UnknownHostException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Put on the shaded jar's class path as a global SDK interceptor (ShadedJarSmokeTest): any AWS request
 * to a host other than this machine is stopped just before it would be sent, and its host noted in
 * the system property {@value #BLOCKED}. The endpoint has been resolved by then, so the jar's own
 * endpoint resolution runs in full, and nothing leaves the machine.
 */
public final class LoopbackOnly implements ExecutionInterceptor {

    public static final String BLOCKED = "onboarding.smoke.blockedHosts";

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        String host = context.httpRequest().host();
        if (!isLoopback(host)) {
            synchronized (LoopbackOnly.class) {
                String seen = System.getProperty(BLOCKED, "");
                System.setProperty(BLOCKED, seen.isEmpty() ? host : seen + "," + host);
            }
            throw new IllegalStateException("blocked a request to " + host + ": tests stay on this machine");
        }
    }

    private static boolean isLoopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            return false; // a name: never resolved here
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
