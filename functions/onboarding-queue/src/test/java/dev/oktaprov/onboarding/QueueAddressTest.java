package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueueAddressTest {

    @Test
    void theRegionalUrlOfAQueueArn() {
        QueueAddress queue = QueueAddress.fromArn("arn:aws:sqs:eu-west-1:123456789012:okta-provisioning-onboarding");

        assertThat(queue.url(Optional.empty()))
                .isEqualTo("https://sqs.eu-west-1.amazonaws.com/123456789012/okta-provisioning-onboarding");
        assertThat(queue.fifo()).isFalse();
    }

    @Test
    void chinaRegionsHaveTheirOwnDomain() {
        assertThat(QueueAddress.fromArn("arn:aws-cn:sqs:cn-north-1:123456789012:q.fifo").url(Optional.empty()))
                .isEqualTo("https://sqs.cn-north-1.amazonaws.com.cn/123456789012/q.fifo");
    }

    @Test
    void underAnEndpointOverrideTheQueueIsAddressedThere() {
        QueueAddress queue = QueueAddress.fromArn("arn:aws:sqs:us-east-1:000000000000:onboarding.fifo");

        assertThat(queue.url(Optional.of(URI.create("http://127.0.0.1:9324"))))
                .isEqualTo("http://127.0.0.1:9324/000000000000/onboarding.fifo");
        assertThat(queue.url(Optional.of(URI.create("http://localhost:4566/"))))
                .isEqualTo("http://localhost:4566/000000000000/onboarding.fifo");
        assertThat(queue.fifo()).isTrue();
    }

    @Test
    void anythingButAnSqsArnIsRefused() {
        for (String notAnArn : new String[] {"", "arn:aws:sns:us-east-1:123456789012:topic", "arn:aws:sqs:us-east-1:123456789012",
                "arn:aws:sqs::123456789012:q", "arn:aws:sqs:us-east-1::q", "arn:aws:sqs:us-east-1:123456789012:",
                "https://sqs.us-east-1.amazonaws.com/123456789012/q"}) {
            assertThatThrownBy(() -> QueueAddress.fromArn(notAnArn)).as(notAnArn).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
