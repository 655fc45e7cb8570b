package dev.oktaprov.entrypoints.sqs;

import java.util.Objects;

/**
 * A message attribute as Lambda delivers it: its {@code dataType} ({@code String}, {@code Number},
 * {@code Binary}, or one of those with a custom suffix) and its value, text or bytes. SQS reserves
 * the list values and never delivers them.
 *
 * @param binaryValue the decoded bytes of a Binary attribute, else null
 */
public record SqsMessageAttribute(String dataType, String stringValue, byte[] binaryValue) {

    public SqsMessageAttribute {
        Objects.requireNonNull(dataType, "dataType");
        binaryValue = binaryValue == null ? null : binaryValue.clone();
    }

    @Override
    public byte[] binaryValue() {
        return binaryValue == null ? null : binaryValue.clone();
    }

    /** The type and the value's size only: attribute values are the producer's data. */
    @Override
    public String toString() {
        return "SqsMessageAttribute[" + dataType + ", " + (binaryValue != null ? binaryValue.length + " bytes"
                : stringValue == null ? "no value" : stringValue.length() + " characters") + "]";
    }
}
