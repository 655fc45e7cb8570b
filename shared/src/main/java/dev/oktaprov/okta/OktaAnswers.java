package dev.oktaprov.okta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oktaprov.errors.UnexpectedOktaException;
import dev.oktaprov.okta.OktaTransport.Answer;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads Okta's 2xx answers into our records, and follows its pages only within the configured org:
 * a body or a {@code Link} header we cannot read is Okta's failure, never a half-read result.
 */
final class OktaAnswers {

    private final URI orgUrl;

    OktaAnswers(URI orgUrl) {
        this.orgUrl = orgUrl;
    }

    static <T> T read(Answer answer, Function<JsonNode, T> reader) {
        try {
            return reader.apply(OktaJson.MAPPER.readTree(answer.body()));
        } catch (IOException | RuntimeException e) {
            throw new UnexpectedOktaException("Okta answered with JSON we could not read", answer.requestId(), e);
        }
    }

    static <T> List<T> readArray(Answer answer, Function<JsonNode, T> reader) {
        return read(answer, node -> {
            if (!node.isArray()) {
                throw new IllegalArgumentException("expected a JSON array");
            }
            List<T> items = new ArrayList<>(node.size());
            node.forEach(item -> items.add(reader.apply(item)));
            return items;
        });
    }

    /** The {@code after} of Okta's next link, or null on the last page. */
    String nextCursor(Answer answer) {
        return nextLink(answer)
                .map(next -> LinkHeaders.queryParameter(next, "after").orElseThrow(() ->
                        new UnexpectedOktaException("Okta's next link carries no cursor", answer.requestId())))
                .orElse(null);
    }

    /** The next page's URL, refused unless it points at the configured org. */
    Optional<URI> nextLink(Answer answer) {
        Optional<URI> next;
        try {
            next = LinkHeaders.next(answer.headers().allValues("Link"));
        } catch (IllegalArgumentException e) {
            throw new UnexpectedOktaException("Okta sent a Link header we could not read", answer.requestId(), e);
        }
        next.ifPresent(uri -> {
            if (!sameOrigin(uri, orgUrl)) {
                throw new UnexpectedOktaException("Okta's next link points outside the configured org", answer.requestId());
            }
        });
        return next;
    }

    static boolean sameOrigin(URI candidate, URI org) {
        return candidate.isAbsolute()
                && candidate.getScheme().equalsIgnoreCase(org.getScheme())
                && candidate.getHost() != null && candidate.getHost().equalsIgnoreCase(org.getHost())
                && port(candidate) == port(org)
                && candidate.getRawUserInfo() == null;
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
