package dev.oktaprov.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeadLetterBodyTest {

    @Test
    void aBodyWithoutPasswordsIsKeptByteForByte() {
        String body = "{ \"firstName\" : \"Ann\",\n  \"login\": \"ann@example.com\", \"profile\": {\"title\": \"CFO\"} }";

        DeadLetterBody copy = DeadLetterBody.of(body);

        assertThat(copy.body()).isEqualTo(body);
        assertThat(copy.removedFields()).isEmpty();
        assertThat(copy.withheld()).isFalse();
    }

    @Test
    void passwordsAndCredentialsAreRemovedAtAnyDepthAndNamed() {
        String body = "{\"firstName\":\"Ann\",\"password\":\"s3cret-1\",\"nextLogin\":\"changePassword\","
                + "\"profile\":{\"title\":\"CFO\",\"OldPassword\":\"s3cret-2\"},"
                + "\"credentials\":{\"password\":{\"value\":\"s3cret-3\"}},"
                + "\"extra\":[{\"userPassword\":\"s3cret-4\"}]}";

        DeadLetterBody copy = DeadLetterBody.of(body);

        assertThat(copy.body()).doesNotContain("s3cret").contains("\"firstName\":\"Ann\"", "\"nextLogin\":\"changePassword\"",
                "\"title\":\"CFO\"");
        assertThat(copy.removedFields()).containsExactly("password", "profile.OldPassword", "credentials", "extra[0].userPassword");
        assertThat(copy.withheld()).isFalse();
    }

    @Test
    void aBodyThatIsNotJsonIsKeptUnlessItMentionsAPassword() {
        assertThat(DeadLetterBody.of("{\"firstName\":\"Bob\",").body()).isEqualTo("{\"firstName\":\"Bob\",");
        assertThat(DeadLetterBody.of("firstName=Bob").withheld()).isFalse();

        DeadLetterBody broken = DeadLetterBody.of("{\"firstName\":\"Bob\", \"Password\": \"s3cret\"");

        assertThat(broken.withheld()).isTrue();
        assertThat(broken.body()).isEqualTo(DeadLetterBody.WITHHELD_NOTE).doesNotContain("s3cret");
    }

    @Test
    void aSecondJsonValueCannotSmuggleAPasswordPastTheCleaning() {
        DeadLetterBody copy = DeadLetterBody.of("{\"firstName\":\"Bob\"} {\"password\":\"s3cret\"}");

        assertThat(copy.withheld()).isTrue();
        assertThat(copy.body()).doesNotContain("s3cret");
    }
}
