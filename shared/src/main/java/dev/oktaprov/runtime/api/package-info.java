/**
 * What the create, get and list handlers share: reading an API Gateway HTTP API (payload 2.0) event
 * or a plain Step Functions input, the JSON view of users, error responses, and the per-invocation
 * plumbing (deadline, logging, metrics).
 *
 * <p>Caller detection: an event with {@code "version": "2.0"} and a {@code requestContext.http}
 * object is an HTTP API request; anything else is a direct (Step Functions) invocation, answered
 * with the result object or a typed exception from {@link dev.oktaprov.errors}.
 */
package dev.oktaprov.runtime.api;
