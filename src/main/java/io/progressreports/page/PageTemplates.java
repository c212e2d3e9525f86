package io.progressreports.page;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.progressreports.failure.OutputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pages' templates (src/main/jte), compiled to classes at build time. HTML content type: every value is
 * escaped for where it stands (text, attribute), so a step named {@code <script>} is shown, never run.
 */
final class PageTemplates {

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private PageTemplates() {
    }

    static void render(String template, Object page, Path file) {
        var html = new StringOutput();
        ENGINE.render(template, page, html);
        try {
            Files.writeString(file, html.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OutputException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
