package dev.oktaprov.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a secret prints as in a log line or a debugger: a placeholder that says what it is, never the value. */
class SecretTextTest {

    @Test
    void aSecretAndATokenSourcePrintAsPlaceholders() {
        assertThat(Secret.of("00abc-token")).hasToString("Secret[***]");
        assertThat(new StaticTokenCredentialSource(Secret.of("00abc-token"))).hasToString("StaticTokenCredentialSource[token=***]");
    }
}
