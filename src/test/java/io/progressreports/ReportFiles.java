package io.progressreports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A published report's files by name, as SHA-256 hashes: two reports compare byte for byte in one assertion. */
public final class ReportFiles {

    /** What differs between two runs of the same numbers: it records timings and execution ids. */
    public static final String MANIFEST = "manifest.json";
    public static final String PAGE = "index.html";

    private ReportFiles() {
    }

    /** Every file of the report folder (or the link to one, such as latest), the manifest included. */
    public static Map<String, String> hashes(Path report) {
        var hashes = new TreeMap<String, String>();
        try (Stream<Path> files = Files.list(report)) {
            for (Path file : files.toList()) {
                hashes.put(file.getFileName().toString(), HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return hashes;
    }

    /**
     * The report's numbers and charts: every file but the manifest and the page (index.html), which show the run
     * itself as well (rows read, days reused, the source's identity).
     */
    public static Map<String, String> contentHashes(Path report) {
        Map<String, String> hashes = hashes(report);
        hashes.remove(MANIFEST);
        hashes.remove(PAGE);
        return hashes;
    }
}
