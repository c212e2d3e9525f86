package io.progressreports.report;

import io.progressreports.failure.OutputException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** manifest.json: what a report is, where it came from, what it cost, and a checksum of every file. */
public final class Manifest {

    public static final String FILE = "manifest.json";
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Manifest() {
    }

    /** @param fields the manifest's own fields, in order; "files" is added from the files in {@code dir} */
    public static void write(Path dir, Map<String, Object> fields, List<String> files) {
        var manifest = new LinkedHashMap<>(fields);
        var sums = new LinkedHashMap<String, String>();
        for (String file : files) {
            sums.put(file, sha256(dir.resolve(file)));
        }
        manifest.put("files", sums);
        try {
            Files.writeString(dir.resolve(FILE), JSON.writeValueAsString(manifest) + "\n");
        } catch (IOException e) {
            throw new OutputException("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /** Map.of has no stable order; a manifest should read the same way every time. */
    public static Map<String, Object> ordered(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** When the job started, when its report was rendered, and the seconds between. */
    public static Map<String, Object> timings(LocalDateTime jobStart) {
        Instant rendered = Instant.now();
        Instant start = jobStart == null ? rendered : jobStart.atZone(ZoneId.systemDefault()).toInstant();
        return ordered("started", start.toString(), "rendered", rendered.toString(),
                "seconds", Duration.between(start, rendered).toMillis() / 1000.0);
    }

    public static Map<String, Object> read(Path file) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> manifest = JSON.readValue(Files.readString(file), Map.class);
            return manifest;
        } catch (IOException e) {
            throw new OutputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new OutputException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
