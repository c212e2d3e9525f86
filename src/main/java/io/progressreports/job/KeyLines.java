package io.progressreports.job;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.util.HashMap;
import java.util.Map;

/**
 * The line of every key and list item in a YAML text, by path ({@code /schedule/cron}, {@code /steps/2}). Jackson's
 * trees have no locations, its token stream does: so errors found after binding can still name a line.
 */
final class KeyLines {

    private final Map<String, Integer> lines;

    private KeyLines(Map<String, Integer> lines) {
        this.lines = lines;
    }

    static KeyLines of(YAMLMapper yaml, String text) {
        var lines = new HashMap<String, Integer>();
        try (JsonParser parser = yaml.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
                    // A key and its value share a path; the key comes first and is the line to show.
                    lines.putIfAbsent(parser.streamReadContext().pathAsPointer().toString(),
                            parser.currentTokenLocation().getLineNr());
                }
            }
        } catch (JacksonException e) {
            // A text that does not parse is reported by the binding, with Jackson's own location.
        }
        return new KeyLines(lines);
    }

    /**
     * @param path a key path such as {@code schedule.cron} or {@code steps[2]}
     * @return its line, else its parent's, else "?"
     */
    String line(String path) {
        String pointer = "/" + path.replace('.', '/').replace("[", "/").replace("]", "");
        for (String p = pointer; !p.isEmpty(); p = p.substring(0, p.lastIndexOf('/'))) {
            Integer line = lines.get(p);
            if (line != null) {
                return line.toString();
            }
        }
        return "?";
    }
}
