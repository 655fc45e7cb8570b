package dev.oktaprov.onboarding;

import dev.oktaprov.local.sqs.LocalSqs;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded ElasticMQ per test class ({@code @RegisterExtension static final ElasticMq SQS}), or
 * the SQS that {@code AWS_ENDPOINT_URL} names; stopped after the class.
 */
final class ElasticMq implements BeforeAllCallback, AfterAllCallback {

    private LocalSqs sqs;

    LocalSqs sqs() {
        return sqs;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        sqs = LocalSqs.start(Map.of());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (sqs != null) {
            sqs.close();
        }
    }

    /** The onboarding function's own SQS client (no AWS SDK), pointed at this SQS. */
    SqsCalls calls() {
        return SqsClients.fromEnvironment(Map.of("AWS_REGION", sqs.region(), "AWS_ENDPOINT_URL", sqs.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local"));
    }

    /**
     * What the onboarding function needs to reach this SQS and a DLQ, with an Okta org (whose token
     * each test chooses).
     */
    Map<String, String> functionEnvironment(String oktaOrgUrl, String dlqUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("OKTA_ORG_URL", oktaOrgUrl);
        env.put("ONBOARDING_DLQ_URL", dlqUrl);
        env.put("AWS_REGION", sqs.region());
        env.put("AWS_ENDPOINT_URL", sqs.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        return env;
    }
}
