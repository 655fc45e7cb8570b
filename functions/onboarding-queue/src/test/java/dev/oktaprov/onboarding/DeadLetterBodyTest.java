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

    @Test
    void aDuplicateKeyCannotHideAPasswordFromTheCleaning() {
        // A lenient reader keeps the last of two equal keys, so the first, password and all, went unchecked.
        DeadLetterBody copy = DeadLetterBody.of("{\"firstName\":\"Bob\",\"profile\":{\"password\":\"s3cret\"},\"profile\":{}}");

        assertThat(copy.body()).doesNotContain("s3cret");
        assertThat(copy.withheld()).isTrue();
    }

    @Test
    void aPasswordKeyTwiceLeavesNeitherValue() {
        DeadLetterBody copy = DeadLetterBody.of("{\"firstName\":\"Bob\",\"password\":\"s3cret-1\",\"password\":\"s3cret-2\"}");

        assertThat(copy.body()).doesNotContain("s3cret");
    }

    @Test
    void aNameSpeltWithUnicodeEscapesIsTheNameItSpells() {
        DeadLetterBody json = DeadLetterBody.of("{\"firstName\":\"Bob\",\"pass\\u0077ord\":\"s3cret\"}");
        DeadLetterBody broken = DeadLetterBody.of("{\"firstName\":\"Bob\",\"\\u0050ASS\\u0057ORD\":\"s3cret\",");

        assertThat(json.body()).doesNotContain("s3cret").contains("\"firstName\":\"Bob\"");
        assertThat(json.removedFields()).containsExactly("password");
        assertThat(broken.withheld()).isTrue();
        assertThat(broken.body()).doesNotContain("s3cret");
    }

    @Test
    void bodiesTheMessageParserRefusesAreWithheldWhenTheyMentionAPassword() {
        String tooDeep = "[".repeat(1_100) + "{\"password\":\"s3cret\"}" + "]".repeat(1_100);
        for (String body : new String[] {
                "{\"firstName\":\"Bob\" /* password: s3cret */}",
                "{\"firstName\":\"Bob\",'password':'s3cret'}",
                tooDeep}) {
            DeadLetterBody copy = DeadLetterBody.of(body);

            assertThat(copy.withheld()).as(body.substring(0, Math.min(body.length(), 40))).isTrue();
            assertThat(copy.body()).doesNotContain("s3cret");
        }
    }

    @Test
    void aBodyWithAByteOrderMarkIsCleanedLikeAnyOther() {
        DeadLetterBody copy = DeadLetterBody.of("\uFEFF{\"firstName\":\"Bob\",\"password\":\"s3cret\"}");

        assertThat(copy.withheld()).isFalse();
        assertThat(copy.body()).isEqualTo("{\"firstName\":\"Bob\"}");
        assertThat(copy.removedFields()).containsExactly("password");
    }

    @Test
    void otherNamesOfAPasswordAreRemovedToo() {
        DeadLetterBody copy = DeadLetterBody.of("{\"firstName\":\"Bob\",\"passwd\":\"s3cret-1\",\"pwd\":\"s3cret-2\","
                + "\"profile\":{\"PASS\":\"s3cret-3\",\"userPwd\":\"s3cret-4\",\"passport\":\"X1\"}}");

        assertThat(copy.body()).doesNotContain("s3cret").contains("\"passport\":\"X1\"");
        assertThat(copy.removedFields()).containsExactly("passwd", "pwd", "profile.PASS", "profile.userPwd");
    }
}
