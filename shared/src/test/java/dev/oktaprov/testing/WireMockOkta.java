package dev.oktaprov.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.oktaprov.okta.CredentialSource;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.okta.OktaClientSettings;
import dev.oktaprov.okta.OktaListener;
import dev.oktaprov.testsupport.MutableClock;
import dev.oktaprov.testsupport.OktaContract;
import dev.oktaprov.time.Deadline;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * An Okta org played by WireMock on loopback, a client pointed at it, a hand-moved clock whose
 * {@code advance} is the client's sleeper, and a check that every request the client sent conforms
 * to Okta's contract.
 */
public final class WireMockOkta implements AutoCloseable {

    public static final String TOKEN = "00TEST-token-never-logged-1234567890";

    public final WireMockServer server;
    public final MutableClock clock = MutableClock.at("2026-01-05T10:00:00Z");
    public final CountingCredentials credentials = new CountingCredentials();

    private boolean offContractResponses;

    public WireMockOkta() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    public URI orgUrl() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public OktaClientSettings settings() {
        return OktaClientSettings.defaults(orgUrl());
    }

    public OktaClient client() {
        return client(settings(), OktaListener.NONE);
    }

    public OktaClient client(OktaClientSettings settings, OktaListener listener) {
        return client(settings, listener, new SplittableRandom(42));
    }

    /** With the backoff's jitter drawn from {@code random}, e.g. {@code Jitter.highest()} to pin each wait. */
    public OktaClient client(OktaClientSettings settings, OktaListener listener, RandomGenerator random) {
        return new OktaClient(settings, credentials, OktaClient.defaultHttpClient(Duration.ofSeconds(2)), clock,
                clock::advance, random, listener);
    }

    public List<LoggedRequest> requests() {
        List<LoggedRequest> requests = new ArrayList<>();
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        // The journal lists the newest first.
        for (int i = events.size() - 1; i >= 0; i--) {
            requests.add(events.get(i).getRequest());
        }
        return requests;
    }

    /** Fails when any request sent so far, to a path the contract covers, violates it. */
    public void assertRequestsConformToContract() {
        OktaContract contract = OktaContract.load();
        List<String> problems = new ArrayList<>();
        for (LoggedRequest request : requests()) {
            URI uri = URI.create(request.getUrl());
            String method = request.getMethod().getName();
            if (!contract.covers(method, uri.getPath())) {
                continue;
            }
            try {
                contract.validateRequest(method, uri, headers(request), request.getBodyAsString());
            } catch (AssertionError e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems));
        }
    }

    /** For a test that plays an Okta misbehaving on purpose (malformed JSON, an undocumented status). */
    public void expectOffContractResponses() {
        offContractResponses = true;
    }

    /** Fails when any answer WireMock gave violates the contract: keeps the stubs honest. */
    public void assertResponsesConformToContract() {
        if (offContractResponses) {
            return;
        }
        OktaContract contract = OktaContract.load();
        List<String> problems = new ArrayList<>();
        for (ServeEvent event : server.getAllServeEvents()) {
            LoggedRequest request = event.getRequest();
            LoggedResponse response = event.getResponse();
            URI uri = URI.create(request.getUrl());
            String method = request.getMethod().getName();
            if (response == null || response.getFault() != null || response.getStatus() >= 500 || response.getStatus() == 401
                    || !contract.covers(method, uri.getPath())) {
                continue;
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            if (response.getHeaders() != null) {
                for (HttpHeader h : response.getHeaders().all()) {
                    headers.put(h.key(), h.values());
                }
            }
            try {
                contract.validateResponse(method, uri.getPath(), response.getStatus(), headers, response.getBodyAsString());
            } catch (AssertionError e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems));
        }
    }

    public static Map<String, List<String>> headers(LoggedRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpHeader h : request.getHeaders().all()) {
            headers.put(h.key(), h.values());
        }
        return headers;
    }

    @Override
    public void close() {
        server.stop();
    }

    /** A token source that counts how often the client asked it to refresh. */
    public static final class CountingCredentials implements CredentialSource {
        public final AtomicInteger invalidations = new AtomicInteger();

        @Override
        public String authorizationHeader(Deadline deadline) {
            return "SSWS " + TOKEN;
        }

        @Override
        public void invalidate(String rejectedHeader) {
            invalidations.incrementAndGet();
        }

        @Override
        public void invalidate() {
            invalidations.incrementAndGet();
        }
    }
}
