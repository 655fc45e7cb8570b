package dev.oktaprov.okta.auth;

/**
 * The JDK's ECDSA signatures are DER ({@code SEQUENCE { INTEGER r, INTEGER s }}); JWS wants the two
 * integers as fixed-width big-endian octets side by side (RFC 7518, section 3.4). DER integers are
 * minimal and signed: a value may be shorter than the width, or carry one leading 0x00 so that its
 * top bit does not read as a sign. Both cases are normalised here.
 */
public final class EcdsaSignatures {

    private EcdsaSignatures() {}

    /**
     * @param partLength the width of R and of S in bytes (32 for P-256)
     * @return {@code R || S}, {@code 2 * partLength} bytes
     * @throws IllegalArgumentException when {@code der} is not an ECDSA signature of that size
     */
    public static byte[] derToJose(byte[] der, int partLength) {
        if (der == null || der.length < 8 || der[0] != 0x30) {
            throw new IllegalArgumentException("not a DER ECDSA signature");
        }
        int offset = 1;
        int sequenceLength = der[offset++] & 0xFF;
        if (sequenceLength == 0x81) {
            // Long form, one length byte: only curves wider than P-256 need it, but it is legal DER.
            sequenceLength = der[offset++] & 0xFF;
        } else if (sequenceLength > 0x80) {
            throw new IllegalArgumentException("DER ECDSA signature too long");
        }
        if (offset + sequenceLength != der.length) {
            throw new IllegalArgumentException("DER ECDSA signature length does not match its content");
        }
        byte[] jose = new byte[2 * partLength];
        offset = copyInteger(der, offset, jose, 0, partLength);
        offset = copyInteger(der, offset, jose, partLength, partLength);
        if (offset != der.length) {
            throw new IllegalArgumentException("DER ECDSA signature has trailing bytes");
        }
        return jose;
    }

    /** Copies one DER INTEGER right-aligned into {@code out[at .. at + width)}; returns the offset after it. */
    private static int copyInteger(byte[] der, int offset, byte[] out, int at, int width) {
        if (offset + 2 > der.length || der[offset] != 0x02) {
            throw new IllegalArgumentException("DER ECDSA signature lacks an INTEGER");
        }
        int length = der[offset + 1] & 0xFF;
        int start = offset + 2;
        int end = start + length;
        if (length == 0 || length > 0x7F || end > der.length) {
            throw new IllegalArgumentException("DER ECDSA INTEGER has a bad length");
        }
        int first = start;
        while (first < end - 1 && der[first] == 0) {
            first++;
        }
        int significant = end - first;
        if (significant > width) {
            throw new IllegalArgumentException("DER ECDSA INTEGER wider than the curve");
        }
        System.arraycopy(der, first, out, at + width - significant, significant);
        return end;
    }
}
