package dev.oktaprov.simulator.auth;

import java.util.List;

/**
 * What authenticating an /api request may look at.
 *
 * @param url the request's URL as the client reached it, without the query (a DPoP proof's {@code htu})
 * @param authorization the Authorization header, or null when absent
 * @param dpopProofs every {@code DPoP} header sent (a proof is valid only alone)
 */
public record AuthRequest(String method, String path, String url, String authorization, List<String> dpopProofs) {

    public AuthRequest {
        dpopProofs = List.copyOf(dpopProofs);
    }
}
