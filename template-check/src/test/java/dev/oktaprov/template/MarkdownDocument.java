package dev.oktaprov.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown file as GitHub renders it, reduced to what its readers follow: the relative links it
 * holds and the anchors its headings get. Fenced code blocks and inline code are not Markdown, so
 * a "# comment" in a shell block is no heading and a "[x](y)" in code no link.
 */
final class MarkdownDocument {

    /** A link as written: the target file (empty for the same file) and the anchor (empty for none). */
    record Link(Path from, int line, String path, String anchor) {
    }

    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
    private static final Pattern INLINE_CODE = Pattern.compile("(`+)(.+?)\\1");
    private static final Pattern LINK = Pattern.compile("\\]\\(\\s*<?([^()\\s<>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern INLINE_LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
    /** GitHub keeps letters, marks, numbers, connector punctuation, spaces and hyphens. */
    private static final Pattern NOT_IN_SLUG = Pattern.compile("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]");

    private final Path file;
    private final List<Link> links = new ArrayList<>();
    private final Set<String> anchors = new LinkedHashSet<>();

    private MarkdownDocument(Path file) {
        this.file = file;
    }

    static MarkdownDocument read(Path file) {
        MarkdownDocument document = new MarkdownDocument(file);
        try {
            document.parse(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return document;
    }

    Path file() {
        return file;
    }

    /** Links to files of the repository (anything with a scheme, e.g. https: or mailto:, is left out). */
    List<Link> relativeLinks() {
        return links;
    }

    Set<String> anchors() {
        return anchors;
    }

    /** The id GitHub gives a heading: rendered text, lower case, punctuation dropped, spaces to hyphens. */
    static String slug(String headingText) {
        String rendered = INLINE_LINK.matcher(headingText).replaceAll("$1").replace("`", "").replace("*", "");
        return NOT_IN_SLUG.matcher(rendered.toLowerCase(Locale.ROOT)).replaceAll("").replace(' ', '-');
    }

    private void parse(List<String> lines) {
        Map<String, Integer> seen = new HashMap<>();
        boolean inFence = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (FENCE.matcher(line).find()) {
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                anchors.add(unique(slug(heading.group(2)), seen));
            }
            collectLinks(INLINE_CODE.matcher(line).replaceAll(""), i + 1);
        }
    }

    /** A second heading with the same slug gets "-1", a third "-2", as on GitHub. */
    private static String unique(String slug, Map<String, Integer> seen) {
        Integer count = seen.merge(slug, 1, Integer::sum);
        return count == 1 ? slug : slug + "-" + (count - 1);
    }

    private void collectLinks(String text, int lineNumber) {
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            String target = link.group(1);
            if (target.isEmpty() || SCHEME.matcher(target).find()) {
                continue;
            }
            int hash = target.indexOf('#');
            String path = hash < 0 ? target : target.substring(0, hash);
            String anchor = hash < 0 ? "" : target.substring(hash + 1);
            links.add(new Link(file, lineNumber, path, anchor));
        }
    }
}
