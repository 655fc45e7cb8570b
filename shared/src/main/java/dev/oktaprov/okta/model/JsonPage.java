package dev.oktaprov.okta.model;

/**
 * One page of results as Okta sent it, not read yet: its JSON (an array, read as it is written out,
 * see {@link dev.oktaprov.okta.OktaUserStream}), the {@code after} cursor of the next page (null on
 * the last) and the answer's {@code X-Okta-Request-Id}.
 */
public record JsonPage(byte[] json, String nextCursor, String oktaRequestId) {

    /** The JSON's size only: it holds personal data. */
    @Override
    public String toString() {
        return "JsonPage[" + json.length + " bytes, next=" + (nextCursor != null) + ", requestId=" + oktaRequestId + "]";
    }
}
