package dev.oktaprov.simulator.directory;

import java.util.List;
import java.util.Map;

/** A validated create request, ready to go into the directory. */
public record NewUser(
        Map<String, Object> profile,
        String status,
        boolean hasPassword,
        String recoveryQuestion,
        String providerType,
        String providerName,
        String typeId,
        List<String> groupIds) {

    public NewUser {
        groupIds = List.copyOf(groupIds);
    }

    public String login() {
        return (String) profile.get("login");
    }
}
