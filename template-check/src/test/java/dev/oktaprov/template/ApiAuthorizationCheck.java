package dev.oktaprov.template;

import java.util.ArrayList;
import java.util.List;

/** Every route of every HTTP API requires IAM (SigV4) authorisation: the users API is never open. */
final class ApiAuthorizationCheck implements TemplateCheck {

    @Override
    public List<String> problems(TranslatedTemplate template) {
        List<String> problems = new ArrayList<>();
        template.resourcesOfType("AWS::ApiGatewayV2::Api").forEach((id, api) ->
                api.path("Body").path("paths").fields().forEachRemaining(path ->
                        path.getValue().fields().forEachRemaining(method -> {
                            boolean iam = false;
                            for (var requirement : method.getValue().path("security")) {
                                iam |= requirement.has("AWS_IAM");
                            }
                            if (!iam) {
                                problems.add(id + ": " + method.getKey().toUpperCase() + " " + path.getKey()
                                        + " does not require AWS_IAM authorisation");
                            }
                        })));
        template.resourcesOfType("AWS::ApiGatewayV2::Route").forEach((id, route) -> {
            if (!"AWS_IAM".equals(route.path("AuthorizationType").asText())) {
                problems.add(id + ": route " + route.path("RouteKey").asText() + " does not require AWS_IAM");
            }
        });
        return problems;
    }
}
