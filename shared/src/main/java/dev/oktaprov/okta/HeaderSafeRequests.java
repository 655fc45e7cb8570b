package dev.oktaprov.okta;

import dev.oktaprov.errors.ConfigurationException;
import java.net.http.HttpRequest;
import java.util.function.Supplier;

/**
 * Builds a request so that a refusal carries no header value. The JDK's builder refuses a header
 * it cannot send with an {@link IllegalArgumentException} whose message quotes the whole value, so a
 * credential with one stray character would reach a log line, a Lambda error and the Step Functions
 * history. The credential-character rule refuses such values earlier; this is the backstop.
 */
public final class HeaderSafeRequests {

    public static final String REFUSED =
            "A request to Okta could not be built: a header value holds a character HTTP cannot carry";

    private HeaderSafeRequests() {}

    public static HttpRequest build(Supplier<HttpRequest> request) {
        try {
            return request.get();
        } catch (IllegalArgumentException refused) {
            // Neither the JDK's message nor the exception as a cause: both may quote the value.
            throw new ConfigurationException(REFUSED);
        }
    }
}
