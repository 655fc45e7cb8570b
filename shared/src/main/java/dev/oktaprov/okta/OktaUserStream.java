package dev.oktaprov.okta;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.oktaprov.errors.UnexpectedOktaException;
import dev.oktaprov.okta.model.JsonPage;
import java.io.IOException;
import java.time.Instant;

/**
 * The users of a {@link JsonPage}, read one at a time with Jackson's streaming parser, never as a
 * tree: for each, the fields an answer shows (as {@link OktaJson#user} reads them: text as text,
 * timestamps as ISO-8601) and its profile, copied straight to a generator. What is not an array of
 * user objects, or not JSON, is {@link UnexpectedOktaException} as for any answer we cannot read.
 */
public final class OktaUserStream implements AutoCloseable {

    private static final String UNREADABLE = "Okta answered with JSON we could not read";

    private final JsonPage page;
    private final JsonFactory json;
    private final JsonParser parser;
    private String id;
    private String status;
    private String transitioningToStatus;
    private String created;
    private String activated;
    private String statusChanged;
    private String lastLogin;
    private String lastUpdated;
    private String passwordChanged;
    private String typeId;
    private int profileStart;
    private int profileEnd;

    private OktaUserStream(JsonPage page, JsonFactory json) throws IOException {
        this.page = page;
        this.json = json;
        this.parser = json.createParser(page.json());
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            throw new IOException("expected a JSON array of users");
        }
    }

    public static OktaUserStream of(JsonPage page) {
        try {
            return new OktaUserStream(page, OktaJson.MAPPER.getFactory());
        } catch (IOException e) {
            throw unreadable(page, e);
        }
    }

    /** Reads the next user; false after the last. */
    public boolean next() {
        try {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
                return false;
            }
            if (token != JsonToken.START_OBJECT) {
                throw new IOException("expected a JSON object for a user");
            }
            readUser();
            return true;
        } catch (IOException e) {
            throw unreadable(page, e);
        }
    }

    public String id() {
        return id;
    }

    public String status() {
        return status;
    }

    public String transitioningToStatus() {
        return transitioningToStatus;
    }

    /** ISO-8601 ({@link Instant#toString()}), or null. */
    public String created() {
        return created;
    }

    public String activated() {
        return activated;
    }

    public String statusChanged() {
        return statusChanged;
    }

    public String lastLogin() {
        return lastLogin;
    }

    public String lastUpdated() {
        return lastUpdated;
    }

    public String passwordChanged() {
        return passwordChanged;
    }

    /** {@code type.id}, or null. */
    public String typeId() {
        return typeId;
    }

    /**
     * Writes the user's profile as an object with every attribute ({@code {}} when there is none),
     * straight from Okta's bytes; members whose value is null are left out unless {@code keepNullMembers}.
     */
    public void copyProfile(JsonGenerator out, boolean keepNullMembers) throws IOException {
        if (profileStart < 0) {
            out.writeStartObject();
            out.writeEndObject();
            return;
        }
        try (JsonParser profile = json.createParser(page.json(), profileStart, profileEnd - profileStart)) {
            profile.nextToken();
            copy(profile, out, keepNullMembers);
        } catch (StreamReadException e) {
            // Only now are the profile's strings decoded: bytes that are not UTF-8 show up here.
            throw unreadable(page, e);
        }
    }

    private void readUser() throws IOException {
        id = status = transitioningToStatus = created = activated = statusChanged = lastLogin = lastUpdated = passwordChanged = null;
        typeId = null;
        profileStart = -1;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "id" -> id = text();
                case "status" -> status = text();
                case "transitioningToStatus" -> transitioningToStatus = text();
                case "created" -> created = timestamp();
                case "activated" -> activated = timestamp();
                case "statusChanged" -> statusChanged = timestamp();
                case "lastLogin" -> lastLogin = timestamp();
                case "lastUpdated" -> lastUpdated = timestamp();
                case "passwordChanged" -> passwordChanged = timestamp();
                case "type" -> typeId = value == JsonToken.START_OBJECT ? readTypeId() : skipped();
                case "profile" -> profile(value);
                default -> parser.skipChildren();
            }
        }
    }

    /** Where the profile object's bytes are; they are read again when it is written, after the fields before it. */
    private void profile(JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            profileStart = -1;
            return;
        }
        profileStart = (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        profileEnd = (int) parser.currentTokenLocation().getByteOffset() + 1;
    }

    private String readTypeId() throws IOException {
        String found = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (field.equals("id")) {
                found = text();
            } else {
                parser.skipChildren();
            }
        }
        return found;
    }

    /** As {@link com.fasterxml.jackson.databind.JsonNode#asText()} reads a value: a container is empty text. */
    private String text() throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            parser.skipChildren();
            return "";
        }
        return token == JsonToken.VALUE_NULL ? null : parser.getText();
    }

    private String timestamp() throws IOException {
        return IsoTimestamps.normalized(text());
    }

    private String skipped() throws IOException {
        parser.skipChildren();
        return null;
    }

    private static void copy(JsonParser in, JsonGenerator out, boolean keepNullMembers) throws IOException {
        switch (in.currentToken()) {
            case START_OBJECT -> {
                out.writeStartObject();
                while (in.nextToken() == JsonToken.FIELD_NAME) {
                    String name = in.currentName();
                    if (in.nextToken() == JsonToken.VALUE_NULL && !keepNullMembers) {
                        continue;
                    }
                    out.writeFieldName(name);
                    copy(in, out, keepNullMembers);
                }
                out.writeEndObject();
            }
            case START_ARRAY -> {
                out.writeStartArray();
                while (in.nextToken() != JsonToken.END_ARRAY) {
                    copy(in, out, keepNullMembers);
                }
                out.writeEndArray();
            }
            default -> out.copyCurrentEvent(in);
        }
    }

    private static UnexpectedOktaException unreadable(JsonPage page, IOException cause) {
        return new UnexpectedOktaException(UNREADABLE, page.oktaRequestId(), cause);
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // an in-memory parser: nothing to release
        }
    }
}
