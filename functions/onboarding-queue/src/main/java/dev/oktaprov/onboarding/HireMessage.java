package dev.oktaprov.onboarding;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.okta.OktaJson;
import dev.oktaprov.provisioning.LoginKey;
import dev.oktaprov.provisioning.NewHire;
import dev.oktaprov.provisioning.NewHireValidator;
import dev.oktaprov.runtime.Masking;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A queue message read as a new hire: the create input of the create function, checked by the same
 * validator. Either {@link #hire()} or {@link #invalid()} is set.
 */
record HireMessage(QueueMessage message, NewHire hire, Failure invalid) {

    // Trailing content and duplicate keys make a body ambiguous: refuse it rather than guess.
    static final ObjectReader BODY_READER = OktaJson.MAPPER.readerFor(LinkedHashMap.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** A body read from a file a Windows editor saved starts with a byte order mark, which RFC 8259 lets a parser ignore. */
    static String withoutByteOrderMark(String body) {
        return body.startsWith("\uFEFF") ? body.substring(1) : body;
    }

    /** @param clock today, for a start date: ahead (the workflow activates it) or come (activate now) */
    static HireMessage parse(QueueMessage message, Clock clock) {
        Map<String, Object> input;
        try {
            input = message.body() == null || message.body().isBlank() ? null : BODY_READER.readValue(withoutByteOrderMark(message.body()));
        } catch (MismatchedInputException e) {
            return new HireMessage(message, null, Failure.permanent(Failure.MALFORMED_JSON,
                    "The message body is not a JSON object"));
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the body (a password); keep only where it broke (a number or
            // nesting beyond Jackson's limits has no location).
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            return new HireMessage(message, null, Failure.permanent(Failure.MALFORMED_JSON,
                    "The message body is not well-formed JSON" + where));
        }
        try {
            return new HireMessage(message, NewHireValidator.validate(input, clock), null);
        } catch (InvalidInputException e) {
            return new HireMessage(message, null, Failure.of(e));
        }
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
