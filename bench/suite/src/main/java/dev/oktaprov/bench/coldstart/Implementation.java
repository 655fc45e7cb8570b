package dev.oktaprov.bench.coldstart;

/** Whose handler runs: ours (our client on java.net.http), the peer (Okta's official Java SDK), or ours as built earlier. */
public enum Implementation {
    OURS("ours"),
    PEER("peer (Okta SDK)"),
    /** Our handler from an earlier build ({@code --baseline}): what the changes since bought. */
    BASELINE("ours at baseline");

    private final String label;

    Implementation(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
