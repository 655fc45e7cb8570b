package dev.oktaprov.bench.peer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.client.ApiException;
import com.okta.sdk.resource.common.PagedList;
import com.okta.sdk.resource.model.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /users?filter|search|q&limit&after} on Okta's SDK: one page and its cursor. */
public final class PeerListUsersHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final PeerRuntime runtime = new PeerRuntime();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return runtime.invocation(context, "UsersListed", () -> {
            Map<String, String> query = PeerHttp.map(event, "queryStringParameters");
            Integer limit = query.containsKey("limit") ? Integer.valueOf(query.get("limit")) : null;
            try {
                List<User> page = new UserApi(runtime.okta()).listUsers(null, query.get("q"), query.get("after"), limit,
                        query.get("filter"), query.get("search"), null, null);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("users", page.stream().map(u -> PeerHttp.user(u.getId(), u.getStatus(), u.getCreated(),
                        u.getActivated(), u.getLastUpdated(), u.getProfile())).toList());
                if (page instanceof PagedList<User> paged && paged.hasMoreItems()) {
                    body.put("nextCursor", paged.getAfter());
                }
                return PeerHttp.answer(runtime.json, 200, body);
            } catch (ApiException e) {
                return PeerHttp.error(runtime.json, e);
            }
        });
    }
}
