package dev.oktaprov.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.oktaprov.local.LocalSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's {@code curl} examples against the local API, run as written by bash and curl: a
 * newcomer pastes them while {@code ./run-local} serves, and each must answer without an error
 * (curl's {@code --data-urlencode}, for one, writes a space as {@code +}, which Okta refuses).
 */
class ReadmeCurlExamplesTest {

    private static final Pattern SHELL_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern LOCAL_API = Pattern.compile("(localhost|127\\.0\\.0\\.1):3000\\b");
    /** Fails a curl that gets a 4xx or 5xx, showing the body; stops at the first. */
    private static final String FAIL_ON_ERROR = "set -e\ncurl() { command curl --fail-with-body --show-error \"$@\"; echo; }\n";

    @Test
    void everyCurlExampleOfTheReadmeAnswersWithoutAnError() throws Exception {
        assumeTrue(curlIsInstalled(), "curl is not installed: the README's curl examples are not checked");
        List<String> blocks = localApiBlocks(Files.readString(InProcessRunner.HOME.resolve("README.md")));
        assertThat(blocks).as("the README's blocks that call the local API").hasSizeGreaterThanOrEqualTo(2);
        InProcessRunner runner = new InProcessRunner(Map.of("LOCAL_WORKFLOW", "scheduler"))
                .runInBackground("start", "--api-port", "0", "--okta-port", "0");
        try {
            LocalSet set = runner.awaitStarted();
            String api = set.api().baseUrl().replaceFirst("^http://", "");
            for (String block : blocks) {
                String script = LOCAL_API.matcher(block).replaceAll(Matcher.quoteReplacement(api));
                Process bash = new ProcessBuilder("bash", "-c", FAIL_ON_ERROR + script)
                        .directory(InProcessRunner.HOME.toFile()).redirectErrorStream(true).start();
                String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

                assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(bash.exitValue()).as("%s%nanswered:%n%s", block, output).isZero();
            }
        } finally {
            assertThat(runner.stop()).isZero();
        }
    }

    private static List<String> localApiBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher block = SHELL_BLOCK.matcher(markdown);
        while (block.find()) {
            if (LOCAL_API.matcher(block.group(1)).find()) {
                blocks.add(block.group(1));
            }
        }
        return blocks;
    }

    private static boolean curlIsInstalled() {
        try {
            return new ProcessBuilder("curl", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
