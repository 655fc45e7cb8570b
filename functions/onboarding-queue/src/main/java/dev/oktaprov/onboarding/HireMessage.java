package dev.oktaprov.onboarding;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.oktaprov.entrypoints.DuplicateKeyException;
import dev.oktaprov.entrypoints.JsonValues;
import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.okta.OktaJson;
import dev.oktaprov.provisioning.LoginKey;
import dev.oktaprov.provisioning.NewHire;
import dev.oktaprov.provisioning.NewHireValidator;
import dev.oktaprov.runtime.Masking;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A queue message read as a new hire: the create input of the create function, checked by the same
 * validator. Either {@link #hire()} or {@link #invalid()} is set.
 */
record HireMessage(QueueMessage message, NewHire hire, Failure invalid) {

    // Trailing content and duplicate keys make a body ambiguous: refuse it rather than guess (the DLQ copy is
    // read with this; the message itself with JsonValues' strict read, which names a repeated key).
    static final ObjectReader BODY_READER = OktaJson.MAPPER.readerFor(LinkedHashMap.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** A body read from a file a Windows editor saved starts with a byte order mark, which RFC 8259 lets a parser ignore. */
    static String withoutByteOrderMark(String body) {
        return body.startsWith("\uFEFF") ? body.substring(1) : body;
    }

    /** @param clock today, for a start date: ahead (the workflow activates it) or come (activate now) */
    static HireMessage parse(QueueMessage message, Clock clock) {
        Object input;
        try {
            input = message.body() == null || message.body().isBlank() ? null
                    : JsonValues.read(message.body(), true);
        } catch (DuplicateKeyException e) {
            return new HireMessage(message, null, Failure.permanent(Failure.MALFORMED_JSON, "The message body repeats "
                    + e.describe() + at(e) + "; a key may appear once in each JSON object"));
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the body (a password); keep only where it broke (a number or
            // nesting beyond Jackson's limits has no location).
            return new HireMessage(message, null, Failure.permanent(Failure.MALFORMED_JSON,
                    "The message body is not well-formed JSON" + at(e)));
        } catch (IOException e) {
            return new HireMessage(message, null, Failure.permanent(Failure.MALFORMED_JSON,
                    "The message body is not well-formed JSON"));
        }
        if (input != null && !(input instanceof Map<?, ?>)) {
            return new HireMessage(message, null, Failure.permanent(Failure.MALFORMED_JSON,
                    "The message body is not a JSON object"));
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) input;
            return new HireMessage(message, NewHireValidator.validate(fields, clock), null);
        } catch (InvalidInputException e) {
            return new HireMessage(message, null, Failure.of(e));
        }
    }

    private static String at(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    /** The login as Okta compares it ({@link LoginKey}), never worked on twice at once; an invalid message's own. */
    String loginKey() {
        return hire == null ? "invalid:" + message.messageId() : LoginKey.of(hire.login());
    }

    /** For log lines. */
    String maskedLogin() {
        return hire == null ? "" : Masking.maskLogin(hire.login());
    }
}
