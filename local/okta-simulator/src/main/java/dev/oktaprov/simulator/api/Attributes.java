package dev.oktaprov.simulator.api;

import dev.oktaprov.simulator.SimulatedGroup;
import dev.oktaprov.simulator.SimulatedUser;
import dev.oktaprov.simulator.query.AttributeReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What filter, search and sortBy read from users and groups. */
final class Attributes {

    private Attributes() {
    }

    static final AttributeReader<SimulatedUser> USERS = (user, attribute) -> switch (attribute) {
        case "id" -> single(user.id());
        case "status" -> single(user.status());
        case "created" -> single(user.created());
        case "activated" -> single(user.activated());
        case "statusChanged" -> single(user.statusChanged());
        case "lastUpdated" -> single(user.lastUpdated());
        case "passwordChanged" -> single(user.passwordChanged());
        case "lastLogin" -> single(user.lastLogin());
        case "type.id" -> single(user.typeId());
        default -> attribute.startsWith("profile.")
                ? flatten(user.profile(), attribute.substring("profile.".length()))
                : List.of();
    };

    static final AttributeReader<SimulatedGroup> GROUPS = (group, attribute) -> switch (attribute) {
        case "id" -> single(group.id());
        case "type" -> single(group.type());
        case "created" -> single(group.created());
        case "lastUpdated" -> single(group.lastUpdated());
        case "lastMembershipUpdated" -> single(group.lastMembershipUpdated());
        case "profile.name" -> single(group.name());
        case "profile.description" -> single(group.description());
        default -> List.of();
    };

    private static List<Object> single(Object value) {
        return value == null ? List.of() : List.of(value);
    }

    private static List<Object> flatten(Map<String, Object> profile, String name) {
        Object value = profile.get(name);
        if (value instanceof List<?> list) {
            List<Object> values = new ArrayList<>();
            list.stream().filter(element -> element != null).forEach(values::add);
            return values;
        }
        return single(value);
    }

    /** The first value as a sortable string (dates in their ISO form sort chronologically). */
    static String sortKey(List<Object> values) {
        if (values.isEmpty()) {
            return null;
        }
        Object first = values.get(0);
        return first instanceof Instant instant ? instant.toString() : String.valueOf(first);
    }
}
