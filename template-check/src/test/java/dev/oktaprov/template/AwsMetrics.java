package dev.oktaprov.template;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metrics AWS services publish that this template may watch, with the dimension sets each is
 * published under and which resource a dimension's value must name. From the services' CloudWatch
 * metrics pages: API Gateway (HTTP APIs), Lambda, SQS, Step Functions.
 */
final class AwsMetrics {

    /** A dimension whose value must be a reference to a resource of {@code resourceType}, through {@code attribute} ("" for Ref). */
    record Dimension(String resourceType, String attribute) {
    }

    record Namespace(Set<String> metrics, List<Set<String>> dimensionSets, Map<String, Dimension> dimensions) {
    }

    static final Map<String, Namespace> NAMESPACES = Map.of(
            "AWS/ApiGateway", new Namespace(
                    Set.of("4xx", "5xx", "Count", "IntegrationLatency", "Latency", "DataProcessed"),
                    List.of(dimensions("ApiId"), dimensions("ApiId", "Stage")),
                    Map.of("ApiId", new Dimension("AWS::ApiGatewayV2::Api", ""))),
            "AWS/Lambda", new Namespace(
                    Set.of("Invocations", "Errors", "Throttles", "Duration", "ConcurrentExecutions",
                            "DeadLetterErrors", "DestinationDeliveryFailures", "RecursiveInvocationsDropped",
                            "UnreservedConcurrentExecutions"),
                    List.of(dimensions("FunctionName"), dimensions("FunctionName", "Resource"), dimensions("FunctionName", "ExecutedVersion")),
                    Map.of("FunctionName", new Dimension(LambdaTargets.FUNCTION, ""))),
            "AWS/SQS", new Namespace(
                    Set.of("ApproximateAgeOfOldestMessage", "ApproximateNumberOfMessagesDelayed",
                            "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesVisible",
                            "NumberOfEmptyReceives", "NumberOfMessagesDeleted", "NumberOfMessagesReceived",
                            "NumberOfMessagesSent", "SentMessageSize"),
                    List.of(dimensions("QueueName")),
                    Map.of("QueueName", new Dimension("AWS::SQS::Queue", "QueueName"))),
            "AWS/States", new Namespace(
                    Set.of("ExecutionsAborted", "ExecutionsFailed", "ExecutionsRedriven", "ExecutionsStarted",
                            "ExecutionsSucceeded", "ExecutionsTimedOut", "ExecutionThrottled", "ExecutionTime"),
                    List.of(dimensions("StateMachineArn")),
                    Map.of("StateMachineArn", new Dimension("AWS::StepFunctions::StateMachine", ""))));

    private AwsMetrics() {
    }

    /** A dimension set, printed in a stable order. */
    private static Set<String> dimensions(String... names) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(List.of(names)));
    }

    static Optional<Namespace> namespace(String name) {
        return Optional.ofNullable(NAMESPACES.get(name));
    }
}
