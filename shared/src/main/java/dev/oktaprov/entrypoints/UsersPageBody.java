package dev.oktaprov.entrypoints;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.oktaprov.okta.OktaUserStream;
import dev.oktaprov.okta.model.JsonPage;
import java.io.IOException;
import java.util.Objects;

/**
 * {@code {"users": [...], "nextCursor": …}} written straight from Okta's page: each user read with
 * the streaming parser and written as {@link UserJson#user} shows it (same members, same order,
 * same values), without a tree, a record or a map of it in between. A 200-user page is most of a
 * list answer's work; built as trees, it cost several times the page's size in garbage.
 */
public final class UsersPageBody implements JsonBody {

    private final JsonPage page;

    public UsersPageBody(JsonPage page) {
        this.page = Objects.requireNonNull(page, "page");
    }

    @Override
    public void writeTo(JsonGenerator json, NullMembers nulls) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("users");
        try (OktaUserStream users = OktaUserStream.of(page)) {
            while (users.next()) {
                writeUser(users, json, nulls);
            }
        }
        json.writeEndArray();
        member(json, "nextCursor", page.nextCursor(), nulls);
        json.writeEndObject();
    }

    private static void writeUser(OktaUserStream user, JsonGenerator json, NullMembers nulls) throws IOException {
        json.writeStartObject();
        member(json, "id", user.id(), nulls);
        member(json, "status", user.status(), nulls);
        if (user.transitioningToStatus() != null) {
            json.writeStringField("transitioningToStatus", user.transitioningToStatus());
        }
        member(json, "created", user.created(), nulls);
        member(json, "activated", user.activated(), nulls);
        member(json, "statusChanged", user.statusChanged(), nulls);
        member(json, "lastLogin", user.lastLogin(), nulls);
        member(json, "lastUpdated", user.lastUpdated(), nulls);
        member(json, "passwordChanged", user.passwordChanged(), nulls);
        if (user.typeId() != null) {
            json.writeObjectFieldStart("type");
            json.writeStringField("id", user.typeId());
            json.writeEndObject();
        } else if (nulls == NullMembers.KEEP) {
            json.writeNullField("type");
        }
        json.writeFieldName("profile");
        user.copyProfile(json, nulls == NullMembers.KEEP);
        json.writeEndObject();
    }

    private static void member(JsonGenerator json, String name, String value, NullMembers nulls) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        } else if (nulls == NullMembers.KEEP) {
            json.writeNullField(name);
        }
    }
}
