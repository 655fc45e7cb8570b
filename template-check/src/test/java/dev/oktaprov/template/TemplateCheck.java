package dev.oktaprov.template;

import java.util.List;

/**
 * One rule about the deployed set that cfn-lint cannot verify. A problem names the resource it is
 * about and says what is wrong; no problems means the rule holds.
 */
interface TemplateCheck {

    List<String> problems(TranslatedTemplate template);
}
