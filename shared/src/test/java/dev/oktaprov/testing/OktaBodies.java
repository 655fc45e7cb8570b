package dev.oktaprov.testing;

/** Okta answers as the Users API sends them (shapes from Okta's spec and docs). */
public final class OktaBodies {

    private OktaBodies() {}

    public static String user(String id, String login, String firstName, String lastName, String email, String status) {
        return """
                {"id":"%s","status":"%s","created":"2026-01-05T09:59:58.000Z","activated":null,
                 "statusChanged":null,"lastLogin":null,"lastUpdated":"2026-01-05T09:59:58.000Z",
                 "passwordChanged":null,"type":{"id":"oty1a2b3c4d5e6f7g8h9"},
                 "profile":{"firstName":"%s","lastName":"%s","mobilePhone":null,"secondEmail":null,
                   "login":"%s","email":"%s"},
                 "credentials":{"provider":{"type":"OKTA","name":"OKTA"}},
                 "_links":{"self":{"href":"https://example.okta.com/api/v1/users/%s"}}}
                """.formatted(id, status, firstName, lastName, login, email, id);
    }

    public static String user(String id, String login) {
        return user(id, login, "Jane", "Doe", "jane.doe@example.com", "STAGED");
    }

    public static String group(String id, String name) {
        return """
                {"id":"%s","created":"2026-01-01T00:00:00.000Z","lastUpdated":"2026-01-01T00:00:00.000Z",
                 "lastMembershipUpdated":"2026-01-01T00:00:00.000Z","objectClass":["okta:user_group"],
                 "type":"OKTA_GROUP","profile":{"name":"%s","description":"The %s group"},
                 "_links":{"self":{"href":"https://example.okta.com/api/v1/groups/%s"}}}
                """.formatted(id, name, name, id);
    }

    public static String error(String code, String summary, String... causes) {
        StringBuilder c = new StringBuilder();
        for (String cause : causes) {
            if (c.length() > 0) {
                c.append(',');
            }
            c.append("{\"errorSummary\":\"").append(cause).append("\"}");
        }
        return """
                {"errorCode":"%s","errorSummary":"%s","errorLink":"%s","errorId":"oaeTestErrorId","errorCauses":[%s]}
                """.formatted(code, summary, code, c);
    }

    public static String duplicateLogin() {
        return error("E0000001", "Api validation failed: login",
                "login: An object with this field already exists in the current organization");
    }
}
