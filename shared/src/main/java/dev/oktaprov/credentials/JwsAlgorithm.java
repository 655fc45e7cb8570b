package dev.oktaprov.credentials;

/** The two JWS algorithms Okta accepts for a {@code private_key_jwt} client assertion that we sign. */
public enum JwsAlgorithm {
    /** RSASSA-PKCS1-v1_5 with SHA-256. */
    RS256("SHA256withRSA"),
    /** ECDSA on P-256 with SHA-256; the signature travels as the raw 64-byte R||S, not DER. */
    ES256("SHA256withECDSAinP1363Format");

    private final String jcaName;

    JwsAlgorithm(String jcaName) {
        this.jcaName = jcaName;
    }

    /** The JDK {@link java.security.Signature} algorithm name. */
    public String jcaName() {
        return jcaName;
    }
}
