package dev.oktaprov.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/**
 * SAM to CloudFormation, offline, with aws-sam-translator (translate_sam.py). The checks then read
 * plain CloudFormation JSON: the generated aliases, versions, permissions and event source
 * mappings are visible, and no YAML tag handling is needed.
 */
final class SamTranslator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SamTranslator() {
    }

    /** Thrown when samtranslator rejects the template; the message is what it said. */
    static final class TranslationFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TranslationFailed(String message) {
            super(message);
        }
    }

    static TranslatedTemplate translate(Path template) {
        Path absolute = template.toAbsolutePath();
        ProcessResult result = Processes.run(
                List.of(PythonTools.samTranslatorPython().toString(), script().toString(), absolute.toString()),
                absolute.getParent());
        if (!result.succeeded()) {
            throw new TranslationFailed(result.output());
        }
        try {
            return new TranslatedTemplate(absolute.getParent(), JSON.readTree(result.stdout()));
        } catch (JsonProcessingException e) {
            throw new TranslationFailed("translate_sam.py printed something that is not JSON: " + e.getMessage());
        }
    }

    private static Path script() {
        URL script = SamTranslator.class.getResource("/translate_sam.py");
        if (script == null) {
            throw new IllegalStateException("translate_sam.py is missing from the test resources");
        }
        try {
            return Path.of(script.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
