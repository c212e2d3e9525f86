package io.progressreports.job;

import io.progressreports.failure.Printable;
import io.progressreports.failure.UsageException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.jsontype.NamedType;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds and reads job files, each into the record of its kind; any problem is a usage error naming the file, the
 * line and the reason.
 */
public final class JobFiles {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Path dir;
    private final Map<String, Class<? extends JobFile>> kinds;
    private final YAMLMapper yaml;

    /** @param kinds each kind's record, by the {@code kind:} that names it */
    public JobFiles(Path dir, Map<String, Class<? extends JobFile>> kinds) {
        this.dir = dir;
        this.kinds = kinds;
        this.yaml = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .registerSubtypes(kinds.entrySet().stream()
                        .map(kind -> new NamedType(kind.getValue(), kind.getKey())).toArray(NamedType[]::new))
                .build();
    }

    public Path dir() {
        return dir;
    }

    /**
     * The jobs folder: the one given, else ./jobs, else jobs in or beside the install folder (the jar's folder, so
     * target/../jobs for a checkout).
     */
    public static JobFiles locate(Path given, Path installFolder, Map<String, Class<? extends JobFile>> kinds) {
        if (given != null) {
            return new JobFiles(given, kinds);
        }
        Path here = Path.of("jobs");
        if (Files.isDirectory(here)) {
            return new JobFiles(here, kinds);
        }
        for (Path candidate : List.of(installFolder.resolve("jobs"), installFolder.resolveSibling("jobs"))) {
            if (Files.isDirectory(candidate)) {
                return new JobFiles(candidate, kinds);
            }
        }
        return new JobFiles(here, kinds);
    }

    public JobFile load(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new UsageException("unknown job '" + Printable.of(name) + "': job names are lower-case letters, digits"
                    + " and dashes");
        }
        Path file = dir.resolve(name + ".yml");
        if (!Files.isRegularFile(file)) {
            throw new UsageException("unknown job '" + name + "': no " + file + " (jobs: " + String.join(", ", names())
                    + ")");
        }
        String text = read(file);
        KeyLines lines = KeyLines.of(yaml, text);
        try {
            JobFile job = yaml.readValue(text, JobFile.class);
            if (job == null) {
                throw missingKind(file);
            }
            new JobFileCheck(file, lines).check(job);
            return job;
        } catch (InvalidTypeIdException e) {
            if (e.getTypeId() == null) {
                throw missingKind(file);
            }
            throw new UsageException(file + " line " + lines.line("kind") + ": unknown kind '"
                    + Printable.of(e.getTypeId()) + "' (known: " + String.join(", ", kinds.keySet()) + ")");
        } catch (UnrecognizedPropertyException e) {
            // Records bind through their constructor, so Jackson reports where the object ends, not the key.
            String key = path(e);
            throw new UsageException(file + " line " + lines.line(key) + ": unknown key '"
                    + Printable.of(e.getPropertyName()) + "'" + otherKinds(key, e.getReferringClass())
                    .map(others -> " in a " + kindOf(e.getReferringClass()) + " job: " + key + " applies to "
                            + others + " jobs only")
                    .orElse(" (known: " + e.getKnownPropertyIds() + ")"));
        } catch (JacksonException e) {
            // Keys before the kind are read from a buffer, whose location is the kind's: the path names the key.
            String where = e.getPath().isEmpty() ? line(e.getLocation()) : lines.line(path(e));
            // Jackson quotes the value it could not bind, and under alerts that may be the webhook's secret URL.
            String reason = path(e).equals("alerts") || path(e).startsWith("alerts.") ? "alerts takes rules (a list), "
                    + "webhook and webhook-env, e.g. rules: [\"reject_rate above 2%\"] (the value is not shown: it may "
                    + "be a secret)" : e.getOriginalMessage();
            throw new UsageException(file + " line " + where + ": " + reason);
        }
    }

    private UsageException missingKind(Path file) {
        return new UsageException(file + ": missing key 'kind' (" + String.join(" or ", kinds.keySet()) + ")");
    }

    /** The other kinds whose files have {@code key}, as "funnel" or "funnel and histogram"; empty for none. */
    private Optional<String> otherKinds(String key, Class<?> type) {
        List<String> others = kinds.entrySet().stream()
                .filter(kind -> !kind.getValue().equals(type) && takes(kind.getKey(), key))
                .map(Map.Entry::getKey).toList();
        return others.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", others));
    }

    /** Whether a file of {@code kind} has {@code key}, as Jackson reads it: the record's rules, not a list kept here. */
    private boolean takes(String kind, String key) {
        try {
            yaml.treeToValue(yaml.createObjectNode().put("kind", kind).putNull(key), JobFile.class);
            return true;
        } catch (UnrecognizedPropertyException e) {
            return false;
        }
    }

    private String kindOf(Class<?> type) {
        return kinds.entrySet().stream().filter(kind -> kind.getValue().equals(type)).map(Map.Entry::getKey)
                .findFirst().orElse(type.getSimpleName());
    }

    /**
     * The file's text. Bytes that are not UTF-8 and control characters are named with their line, rather than as
     * Java's "Input length = 1" or SnakeYAML's "special characters are not allowed" at line 1.
     */
    private static String read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        if (StandardCharsets.UTF_8.newDecoder().decode(in, out, true).isError()) {
            throw new UsageException(String.format("%s line %d: byte 0x%02X is not UTF-8 text (save the file as "
                    + "UTF-8)", file, lineAt(new String(bytes, 0, in.position(), StandardCharsets.UTF_8)),
                    bytes[in.position()]));
        }
        String text = out.flip().toString();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r' && c != '\u0085') {
                throw new UsageException(file + " line " + lineAt(text.substring(0, i)) + ": control character "
                        + Printable.of(String.valueOf(c)) + " (a job file may hold tabs and line breaks, no others)");
            }
        }
        return text;
    }

    /** The line that the text after {@code before} starts on. */
    private static long lineAt(String before) {
        return 1 + before.chars().filter(c -> c == '\n').count();
    }

    /**
     * Where a key of a loaded job file is, for errors found later (an action the source does not have):
     * "jobs/onboarding-funnel.yml line 5".
     */
    public String where(String name, String key) {
        Path file = dir.resolve(name + ".yml");
        try {
            return file + " line " + KeyLines.of(yaml, Files.readString(file)).line(key);
        } catch (IOException e) {
            return file.toString();
        }
    }

    public List<String> names() {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yml"))
                    .map(f -> f.substring(0, f.length() - 4)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The exception's path in KeyLines' form: schedule.cron, steps[2]. */
    private static String path(JacksonException e) {
        var path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            path.append(reference.getPropertyName() != null ? "." + reference.getPropertyName()
                    : "[" + reference.getIndex() + "]");
        }
        return path.isEmpty() ? "" : path.substring(1);
    }

    private static String line(TokenStreamLocation location) {
        return location == null ? "?" : Integer.toString(location.getLineNr());
    }
}
