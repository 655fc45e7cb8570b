package dev.oktaprov.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README is the product page and the manuals hang off it: every relative link and #anchor in
 * README.md, and in every Markdown file reachable from it, lands on a file that exists and a
 * heading that is there (GitHub's anchor rules); the page itself stays short enough to read; and
 * every headline figure names the committed results file it comes from.
 */
class ReadmeLinksTest {

    /** 35 KB: what a newcomer reads first, not every manual. */
    private static final long README_MAX_BYTES = 35_840;
    private static final Pattern RESULTS_LINK = Pattern.compile("\\]\\((bench/results/[^)#]+\\.md)\\)");

    private static final Path ROOT = Templates.repositoryRoot().normalize();

    @Test
    void readmeIsAProductPageNotAManual() throws IOException {
        assertThat(Files.size(ROOT.resolve("README.md"))).as("README.md bytes").isLessThanOrEqualTo(README_MAX_BYTES);
    }

    @Test
    void everyLinkFromTheReadmeAndTheManualsItLinksToResolves() {
        Map<Path, MarkdownDocument> documents = reachableFromReadme();
        List<String> broken = new ArrayList<>();
        documents.values().forEach(document -> document.relativeLinks().forEach(link -> {
            Path target = link.path().isEmpty() ? document.file() : document.file().resolveSibling(link.path()).normalize();
            if (!target.startsWith(ROOT) || !Files.exists(target)) {
                broken.add(ROOT.relativize(link.from()) + ":" + link.line() + " -> " + link.path() + ": no such file");
            } else if (!link.anchor().isEmpty() && !anchorsOf(target, documents).contains(link.anchor())) {
                broken.add(ROOT.relativize(link.from()) + ":" + link.line() + " -> " + link.path() + "#" + link.anchor()
                        + ": no such heading in " + ROOT.relativize(target));
            }
        }));

        assertThat(documents).as("Markdown files reached from README.md").containsKeys(
                ROOT.resolve("docs/onboarding.md"), ROOT.resolve("bench/README.md"), ROOT.resolve("CONTRIBUTING.md"));
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void everyHeadlineFigureNamesItsCommittedResultsFile() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String figures = readme.substring(readme.indexOf("\n## Headline figures"));
        figures = figures.substring(0, figures.indexOf("\n## ", 1));
        List<String> rows = figures.lines().filter(line -> line.startsWith("| ") && !line.startsWith("| measure")).toList();

        assertThat(rows).as("figure rows").isNotEmpty().allSatisfy(row -> {
            Matcher results = RESULTS_LINK.matcher(row);
            assertThat(results.find()).as("a bench/results file named in: " + row).isTrue();
            assertThat(ROOT.resolve(results.group(1))).as(row).isRegularFile();
        });
    }

    @Test
    void anchorsFollowGitHubsRules() {
        // Anchors GitHub gave these headings, as the README and the simulator's manual linked to them.
        assertThat(MarkdownDocument.slug("Onboard through the queue, read and redrive the dead-letter queue"))
                .isEqualTo("onboard-through-the-queue-read-and-redrive-the-dead-letter-queue");
        assertThat(MarkdownDocument.slug("`GET /api/v1/users/me`")).isEqualTo("get-apiv1usersme");
        assertThat(MarkdownDocument.slug("OAuth 2.0 service apps")).isEqualTo("oauth-20-service-apps");
        assertThat(MarkdownDocument.slug("How `sam build` builds")).isEqualTo("how-sam-build-builds");
        assertThat(MarkdownDocument.slug("Lambda's recursive loop detection")).isEqualTo("lambdas-recursive-loop-detection");
        assertThat(MarkdownDocument.slug("Performance suite (`bench/`)")).isEqualTo("performance-suite-bench");
    }

    /** README.md and every Markdown file of the repository reachable from it by relative links. */
    private static Map<Path, MarkdownDocument> reachableFromReadme() {
        Map<Path, MarkdownDocument> documents = new LinkedHashMap<>();
        Deque<Path> pending = new ArrayDeque<>(List.of(ROOT.resolve("README.md")));
        while (!pending.isEmpty()) {
            Path file = pending.removeFirst();
            if (documents.containsKey(file) || !Files.isRegularFile(file) || !file.startsWith(ROOT)) {
                continue;
            }
            MarkdownDocument document = MarkdownDocument.read(file);
            documents.put(file, document);
            document.relativeLinks().stream()
                    .filter(link -> link.path().endsWith(".md"))
                    .map(link -> file.resolveSibling(link.path()).normalize())
                    .forEach(pending::addLast);
        }
        return documents;
    }

    private static Set<String> anchorsOf(Path target, Map<Path, MarkdownDocument> documents) {
        MarkdownDocument document = documents.get(target);
        return document != null ? document.anchors() : MarkdownDocument.read(target).anchors();
    }
}
