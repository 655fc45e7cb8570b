package dev.oktaprov.simulator.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Just enough ASN.1 DER to write one X.509 certificate: each method returns a whole element. */
final class Der {

    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private Der() {
    }

    static byte[] sequence(byte[]... elements) {
        return element(0x30, concat(elements));
    }

    static byte[] integer(BigInteger value) {
        return element(0x02, value.toByteArray());
    }

    static byte[] bool(boolean value) {
        return element(0x01, new byte[] {(byte) (value ? 0xFF : 0x00)});
    }

    static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
        for (int i = 2; i < parts.length; i++) {
            base128(out, Long.parseLong(parts[i]));
        }
        return element(0x06, out.toByteArray());
    }

    static byte[] utf8(String text) {
        return element(0x0C, text.getBytes(StandardCharsets.UTF_8));
    }

    /** UTCTime: enough for dates before 2050. */
    static byte[] utcTime(Instant instant) {
        return element(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] bitString(byte[] bits) {
        return bitString(bits, 0);
    }

    /** @param unusedBits how many low bits of the last byte are not part of the string */
    static byte[] bitString(byte[] bits, int unusedBits) {
        return element(0x03, concat(new byte[] {(byte) unusedBits}, bits));
    }

    static byte[] octetString(byte[] bytes) {
        return element(0x04, bytes);
    }

    static byte[] set(byte[]... elements) {
        return element(0x31, concat(elements));
    }

    /** [tag] EXPLICIT around a whole element. */
    static byte[] explicit(int tag, byte[] element) {
        return element(0xA0 | tag, element);
    }

    /** [tag] IMPLICIT on a primitive value (GeneralName's dNSName, iPAddress). */
    static byte[] implicit(int tag, byte[] value) {
        return element(0x80 | tag, value);
    }

    private static byte[] element(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] digits = BigInteger.valueOf(length).toByteArray();
            int skip = digits[0] == 0 ? 1 : 0;
            out.write(0x80 | (digits.length - skip));
            out.write(digits, skip, digits.length - skip);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static void base128(ByteArrayOutputStream out, long value) {
        int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 6) / 7);
        for (int i = groups - 1; i >= 0; i--) {
            int group = (int) ((value >>> (7 * i)) & 0x7F);
            out.write(i > 0 ? group | 0x80 : group);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
