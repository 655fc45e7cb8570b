package dev.oktaprov.simulator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.simulator.directory.Directory;
import dev.oktaprov.simulator.directory.OktaIds;
import dev.oktaprov.simulator.http.ApiRequest;
import dev.oktaprov.simulator.http.ApiResponse;
import dev.oktaprov.simulator.http.Counters;
import dev.oktaprov.simulator.http.OktaErrors;
import dev.oktaprov.simulator.http.SimulatorServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** Routes /api requests to the endpoints the simulator serves. */
public final class OktaApi implements SimulatorServer.Handler {

    private record Route(String method, String path, SimulatorServer.Handler handler) {

        boolean matchesPath(ApiRequest request) {
            return request.pathMatches(path.substring(1).split("/"));
        }
    }

    private final List<Route> routes;

    public OktaApi(Directory directory, Clock clock, Supplier<Duration> searchLag, Counters counters, OktaIds ids,
            ObjectMapper mapper) {
        UsersEndpoints users = new UsersEndpoints(directory, clock, searchLag, counters, ids, mapper);
        GroupsEndpoints groups = new GroupsEndpoints(directory, mapper);
        this.routes = List.of(
                new Route("POST", "/api/v1/users", users::create),
                new Route("GET", "/api/v1/users", users::list),
                new Route("GET", "/api/v1/users/*", users::get),
                new Route("GET", "/api/v1/users/*/groups", users::groups),
                new Route("POST", "/api/v1/users/*/lifecycle/activate", users::activate),
                new Route("POST", "/api/v1/users/*/lifecycle/deactivate", users::deactivate),
                new Route("GET", "/api/v1/groups", groups::list),
                new Route("GET", "/api/v1/groups/*", groups::get),
                new Route("GET", "/api/v1/groups/*/users", groups::members));
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        boolean pathServed = false;
        for (Route route : routes) {
            if (route.matchesPath(request)) {
                if (route.method().equals(request.method())) {
                    return route.handler().handle(request);
                }
                pathServed = true;
            }
        }
        if (pathServed) {
            throw OktaErrors.methodNotAllowed();
        }
        throw OktaErrors.notFound(request.rawPath(), "Resource");
    }
}
