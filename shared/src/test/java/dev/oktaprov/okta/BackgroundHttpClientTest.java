package dev.oktaprov.okta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackgroundHttpClientTest {

    @Test
    void callsGoToTheClientBuiltInTheBackground() {
        HttpClient client = BackgroundHttpClient.start(() -> OktaClient.defaultHttpClient(Duration.ofSeconds(3)));

        assertThat(client.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(client.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
        assertThat(client.connectTimeout()).contains(Duration.ofSeconds(3));
    }

    @Test
    void aClientThatCouldNotBeBuiltFailsEveryCallWithWhyAndKeepsTheInterrupt() {
        HttpClient client = BackgroundHttpClient.start(() -> {
            throw new IllegalArgumentException("no such proxy");
        });
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:9/")).build();

        assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no such proxy");
        Thread.currentThread().interrupt();
        assertThatThrownBy(client::version).isInstanceOf(IllegalArgumentException.class);
        assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
    }
}
