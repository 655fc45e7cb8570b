package dev.oktaprov.simulator.directory;

import java.util.Random;

/**
 * Ids in Okta's style: a three-character prefix and 17 alphanumerics (20 in all), e.g.
 * {@code 00ub0oNGTSWTBKOLGLNR}. Each kind draws from its own seeded stream so that, say, a
 * request id does not shift the next user id.
 */
public final class OktaIds {

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final long seed;
    private final Random users = new Random();
    private final Random groups = new Random();
    private final Random types = new Random();
    private final Random requests = new Random();

    public OktaIds(long seed) {
        this.seed = seed;
        restart();
    }

    /** Back to the first ids of the seed (after a reset the org gets the same ids again). */
    public void restart() {
        users.setSeed(seed);
        groups.setSeed(seed * 31 + 1);
        types.setSeed(seed * 31 + 2);
        requests.setSeed(seed * 31 + 3);
    }

    public String userId() {
        return "00u" + alphanumeric(users, 17);
    }

    public String groupId() {
        return "00g" + alphanumeric(groups, 17);
    }

    public String userTypeId() {
        return "oty" + alphanumeric(types, 17);
    }

    /** X-Okta-Request-Id values. */
    public String requestId() {
        return alphanumeric(requests, 27);
    }

    /** errorId in error bodies. */
    public String errorId() {
        return "oae" + alphanumeric(requests, 22);
    }

    /** An activation token (returned when activating with sendEmail=false). */
    public String activationToken() {
        return alphanumeric(requests, 20);
    }

    private static String alphanumeric(Random random, int length) {
        char[] chars = new char[length];
        synchronized (random) {
            for (int i = 0; i < length; i++) {
                chars[i] = ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length()));
            }
        }
        return new String(chars);
    }
}
