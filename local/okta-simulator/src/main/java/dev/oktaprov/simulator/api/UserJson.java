package dev.oktaprov.simulator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktaprov.simulator.SimulatedUser;

/** Users as Okta serializes them: field order, timestamps, type, credentials (never secrets), _links. */
final class UserJson {

    /** Lists carry only the self link; single-user answers carry the lifecycle links of the status. */
    enum Links { SELF_ONLY, FULL }

    private final ObjectMapper mapper;

    UserJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode render(SimulatedUser user, String baseUrl, Links links) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", user.id());
        node.put("status", user.status());
        node.put("created", OktaTime.format(user.created()));
        node.put("activated", OktaTime.format(user.activated()));
        node.put("statusChanged", OktaTime.format(user.statusChanged()));
        node.put("lastLogin", OktaTime.format(user.lastLogin()));
        node.put("lastUpdated", OktaTime.format(user.lastUpdated()));
        node.put("passwordChanged", OktaTime.format(user.passwordChanged()));
        node.putObject("type").put("id", user.typeId());
        node.set("profile", mapper.valueToTree(user.profile()));
        ObjectNode credentials = node.putObject("credentials");
        if (user.hasPassword()) {
            credentials.putObject("password");
        }
        if (user.recoveryQuestion() != null) {
            credentials.putObject("recovery_question").put("question", user.recoveryQuestion());
        }
        credentials.putObject("provider").put("type", user.providerType()).put("name", user.providerName());
        node.set("_links", links(user, baseUrl, links));
        return node;
    }

    private ObjectNode links(SimulatedUser user, String baseUrl, Links links) {
        String self = baseUrl + "/api/v1/users/" + user.id();
        ObjectNode node = mapper.createObjectNode();
        if (links == Links.FULL) {
            switch (user.status()) {
                case "STAGED" -> {
                    lifecycle(node, "activate", self + "/lifecycle/activate");
                    lifecycle(node, "deactivate", self + "/lifecycle/deactivate");
                }
                case "PROVISIONED" -> {
                    lifecycle(node, "reactivate", self + "/lifecycle/reactivate");
                    lifecycle(node, "deactivate", self + "/lifecycle/deactivate");
                }
                case "DEPROVISIONED" -> lifecycle(node, "activate", self + "/lifecycle/activate");
                default -> {
                    lifecycle(node, "suspend", self + "/lifecycle/suspend");
                    lifecycle(node, "resetPassword", self + "/lifecycle/reset_password");
                    lifecycle(node, "resetFactors", self + "/lifecycle/reset_factors");
                    lifecycle(node, "expirePassword", self + "/lifecycle/expire_password");
                    if (user.hasPassword()) {
                        lifecycle(node, "forgotPassword", self + "/credentials/forgot_password");
                        lifecycle(node, "changeRecoveryQuestion", self + "/credentials/change_recovery_question");
                        lifecycle(node, "changePassword", self + "/credentials/change_password");
                    }
                    lifecycle(node, "deactivate", self + "/lifecycle/deactivate");
                }
            }
            node.putObject("schema").put("href", baseUrl + "/api/v1/meta/schemas/user/osc" + user.typeId().substring(3));
            node.putObject("type").put("href", baseUrl + "/api/v1/meta/types/user/" + user.typeId());
        }
        node.putObject("self").put("href", self);
        return node;
    }

    private static void lifecycle(ObjectNode links, String name, String href) {
        links.putObject(name).put("href", href);
    }
}
