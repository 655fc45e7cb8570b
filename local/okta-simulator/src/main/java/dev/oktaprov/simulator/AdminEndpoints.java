package dev.oktaprov.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktaprov.simulator.http.ApiRequest;
import dev.oktaprov.simulator.http.ApiResponse;
import dev.oktaprov.simulator.http.SimulatorServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The control surface under /__sim: counters, reset, limits, faults, seeding. No authentication;
 * it lives on the same loopback-only server as the API, which is why that is acceptable.
 */
final class AdminEndpoints implements SimulatorServer.Handler {

    private final OktaSimulator simulator;
    private final ObjectMapper mapper;

    AdminEndpoints(OktaSimulator simulator, ObjectMapper mapper) {
        this.simulator = simulator;
        this.mapper = mapper;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        String path = request.rawPath();
        String method = request.method();
        switch (method + " " + path) {
            case "GET /__sim", "GET /__sim/" -> {
                return json(200, index());
            }
            case "GET /__sim/counters" -> {
                return json(200, counters());
            }
            case "POST /__sim/reset" -> {
                simulator.reset();
                return ApiResponse.noContent();
            }
            case "GET /__sim/limits" -> {
                return json(200, limits());
            }
            case "PUT /__sim/limits" -> {
                applyLimits(body(request));
                return json(200, limits());
            }
            case "GET /__sim/faults" -> {
                return json(200, faults(simulator.faults()));
            }
            case "PUT /__sim/faults" -> {
                simulator.setFaults(faultPlan(body(request)));
                return json(200, faults(simulator.faults()));
            }
            case "GET /__sim/users" -> {
                return json(200, users());
            }
            case "GET /__sim/groups" -> {
                return json(200, groups(simulator.groups()));
            }
            case "POST /__sim/groups" -> {
                JsonNode body = body(request);
                SimulatedGroup group = simulator.addGroup(new SeedGroup(text(body, "id"), text(body, "name"),
                        text(body, "description"), text(body, "type")));
                return json(201, groups(List.of(group)).get(0));
            }
            case "POST /__sim/seed" -> {
                SeedData data = SeedFiles.parse(body(request));
                simulator.seed(data);
                ObjectNode seeded = mapper.createObjectNode();
                seeded.put("groups", data.groups().size());
                seeded.put("users", data.users().size());
                return json(200, seeded);
            }
            default -> {
                ObjectNode error = mapper.createObjectNode();
                error.put("error", "no such admin endpoint: " + method + " " + path);
                error.set("endpoints", index().get("endpoints"));
                return json(404, error);
            }
        }
    }

    private ObjectNode index() {
        ObjectNode node = mapper.createObjectNode();
        ArrayNode endpoints = node.putArray("endpoints");
        List.of("GET /__sim/counters", "POST /__sim/reset", "GET /__sim/limits", "PUT /__sim/limits",
                "GET /__sim/faults", "PUT /__sim/faults", "GET /__sim/users", "GET /__sim/groups",
                "POST /__sim/groups", "POST /__sim/seed").forEach(endpoints::add);
        return node;
    }

    private ObjectNode counters() {
        SimulatorCounters counters = simulator.counters();
        ObjectNode node = mapper.createObjectNode();
        ObjectNode requests = node.putObject("requests");
        ObjectNode rateLimited = node.putObject("rateLimited");
        for (RateLimitBucket bucket : RateLimitBucket.values()) {
            requests.put(bucket.id(), counters.requests(bucket));
            rateLimited.put(bucket.id(), counters.rateLimited(bucket));
        }
        node.put("totalRequests", counters.totalRequests());
        node.put("concurrencyRejected", counters.concurrencyRejected());
        node.put("tooManyRequests", counters.tooManyRequests());
        node.put("usersCreated", counters.usersCreated());
        node.put("users", simulator.userCount());
        ObjectNode faults = node.putObject("faults");
        for (Fault fault : Fault.values()) {
            faults.put(fault.id(), counters.faults(fault));
        }
        return node;
    }

    private ObjectNode limits() {
        ObjectNode node = mapper.createObjectNode();
        Map<RateLimitBucket, Integer> limits = simulator.limits();
        for (RateLimitBucket bucket : RateLimitBucket.values()) {
            node.put(bucket.id(), limits.get(bucket));
        }
        node.put("concurrency", simulator.concurrencyLimit());
        return node;
    }

    /** {"users": 100, "user-get": 50, "concurrency": 10}: only the named limits change. */
    private void applyLimits(JsonNode body) {
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().canConvertToInt()) {
                throw new IllegalArgumentException("limit " + field.getKey() + " must be an integer");
            }
            int value = field.getValue().asInt();
            if (field.getKey().equals("concurrency")) {
                simulator.setConcurrencyLimit(value);
            } else {
                simulator.setLimit(RateLimitBucket.fromId(field.getKey()), value);
            }
        }
    }

    ObjectNode faults(FaultPlan plan) {
        ObjectNode node = mapper.createObjectNode();
        node.put("errorRate", plan.errorRate());
        ArrayNode statuses = node.putArray("errorStatuses");
        plan.errorStatuses().forEach(statuses::add);
        node.put("dropRate", plan.dropRate());
        node.put("lostAnswerRate", plan.lostAnswerRate());
        node.put("latencyMillis", plan.latency().toMillis());
        node.put("latencyRate", plan.latencyRate());
        ArrayNode next = node.putArray("next");
        plan.next().forEach(fault -> next.add(fault.id()));
        return node;
    }

    /** The whole plan; omitted fields mean none (a PUT replaces the plan). */
    static FaultPlan faultPlan(JsonNode body) {
        List<Integer> statuses = new ArrayList<>();
        if (body.has("errorStatuses")) {
            body.get("errorStatuses").forEach(status -> statuses.add(status.asInt()));
        }
        List<Fault> next = new ArrayList<>();
        if (body.has("next")) {
            body.get("next").forEach(fault -> next.add(Fault.fromId(fault.asText())));
        }
        return new FaultPlan(
                body.path("errorRate").asDouble(0),
                statuses,
                body.path("dropRate").asDouble(0),
                body.path("lostAnswerRate").asDouble(0),
                Duration.ofMillis(body.path("latencyMillis").asLong(0)),
                body.path("latencyRate").asDouble(1.0),
                next);
    }

    private ArrayNode users() {
        ArrayNode array = mapper.createArrayNode();
        for (SimulatedUser user : simulator.users()) {
            ObjectNode node = array.addObject();
            node.put("id", user.id());
            node.put("status", user.status());
            node.put("login", user.login());
            node.put("created", user.created().toString());
            node.put("lastUpdated", user.lastUpdated().toString());
            ArrayNode groupIds = node.putArray("groupIds");
            user.groupIds().forEach(groupIds::add);
        }
        return array;
    }

    private ArrayNode groups(List<SimulatedGroup> groups) {
        ArrayNode array = mapper.createArrayNode();
        for (SimulatedGroup group : groups) {
            ObjectNode node = array.addObject();
            node.put("id", group.id());
            node.put("type", group.type());
            node.put("name", group.name());
            node.put("description", group.description());
        }
        return array;
    }

    private JsonNode body(ApiRequest request) {
        try {
            JsonNode body = mapper.readTree(request.body());
            if (body == null || !body.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            return body;
        } catch (IOException e) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static ApiResponse json(int status, JsonNode body) {
        return new ApiResponse(status, body, List.of());
    }
}
