package io.progressreports.job;

import io.progressreports.failure.Printable;
import io.progressreports.failure.UsageException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** Finds and reads job files; any problem is a usage error naming the file, the line and the reason. */
public final class JobFiles {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final Path dir;

    public JobFiles(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /**
     * The jobs folder: the one given, else ./jobs, else jobs in or beside the install folder (the jar's folder, so
     * target/../jobs for a checkout).
     */
    public static JobFiles locate(Path given, Path installFolder) {
        if (given != null) {
            return new JobFiles(given);
        }
        Path here = Path.of("jobs");
        if (Files.isDirectory(here)) {
            return new JobFiles(here);
        }
        for (Path candidate : List.of(installFolder.resolve("jobs"), installFolder.resolveSibling("jobs"))) {
            if (Files.isDirectory(candidate)) {
                return new JobFiles(candidate);
            }
        }
        return new JobFiles(here);
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
        try {
            JobFile job = YAML.readValue(text, JobFile.class);
            if (job == null || job.kind() == null) {
                throw new UsageException(file + ": missing key 'kind' (funnel or transfer-speed)");
            }
            new JobFileCheck(file, KeyLines.of(YAML, text)).check(job);
            return job;
        } catch (UnrecognizedPropertyException e) {
            // Records bind through their constructor, so Jackson reports where the object ends, not the key.
            throw new UsageException(file + " line " + KeyLines.of(YAML, text).line(path(e)) + ": unknown key '"
                    + Printable.of(e.getPropertyName()) + "' (known: " + e.getKnownPropertyIds() + ")");
        } catch (JacksonException e) {
            throw new UsageException(file + " line " + line(e.getLocation()) + ": " + e.getOriginalMessage());
        }
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
            return file + " line " + KeyLines.of(YAML, Files.readString(file)).line(key);
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
