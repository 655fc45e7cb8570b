package dev.oktaprov.onboarding;

import dev.oktaprov.local.sqs.LocalSqs;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded ElasticMQ for a test class: {@code @RegisterExtension static final ElasticMq SQS = new ElasticMq();}
 * starts it before the first test and stops it after the last.
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
}
