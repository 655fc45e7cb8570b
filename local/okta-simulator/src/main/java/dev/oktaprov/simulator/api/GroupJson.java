package dev.oktaprov.simulator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktaprov.simulator.SimulatedGroup;

/** Groups as Okta serializes them. */
final class GroupJson {

    private final ObjectMapper mapper;

    GroupJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode render(SimulatedGroup group, String baseUrl) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", group.id());
        node.put("created", OktaTime.format(group.created()));
        node.put("lastUpdated", OktaTime.format(group.lastUpdated()));
        node.put("lastMembershipUpdated", OktaTime.format(group.lastMembershipUpdated()));
        node.putArray("objectClass").add("okta:user_group");
        node.put("type", group.type());
        ObjectNode profile = node.putObject("profile");
        profile.put("name", group.name());
        if (group.description() != null) {
            profile.put("description", group.description());
        }
        String self = baseUrl + "/api/v1/groups/" + group.id();
        ObjectNode links = node.putObject("_links");
        ArrayNode logo = links.putArray("logo");
        logo.addObject().put("name", "medium").put("href", baseUrl + "/img/logos/groups/okta-medium.png").put("type", "image/png");
        logo.addObject().put("name", "large").put("href", baseUrl + "/img/logos/groups/okta-large.png").put("type", "image/png");
        links.putObject("users").put("href", self + "/users");
        links.putObject("apps").put("href", self + "/apps");
        return node;
    }
}
