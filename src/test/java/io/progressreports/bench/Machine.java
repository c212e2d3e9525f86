package io.progressreports.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The machine the figures were measured on, as Linux reports it: ratios only compare within one machine. */
final class Machine {

    private Machine() {
    }

    static Map<String, Object> describe() {
        var map = new LinkedHashMap<String, Object>();
        map.put("cores", Runtime.getRuntime().availableProcessors());
        map.put("memory_mib", memTotalKib() / 1024);
        map.put("cpu", cpuModel());
        map.put("os", osName() + " (" + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", "
                + System.getProperty("os.arch") + ")");
        return map;
    }

    /** 1, 5 and 15 minute load: other work on the machine makes every wall time noisier. */
    static String loadAverage() {
        String load = firstLine(Path.of("/proc/loadavg"));
        String[] parts = load.split(" ");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : load;
    }

    static long memTotalKib() {
        return field(Path.of("/proc/meminfo"), "MemTotal:").map(v -> Long.parseLong(v.replace("kB", "").trim()))
                .orElse(-1L);
    }

    private static String cpuModel() {
        return field(Path.of("/proc/cpuinfo"), "model name").map(v -> v.replaceFirst("^\\s*:\\s*", ""))
                .orElse(System.getProperty("os.arch"));
    }

    private static String osName() {
        return field(Path.of("/etc/os-release"), "PRETTY_NAME=").map(v -> v.replace("\"", "")).orElse("unknown");
    }

    /** The first output line of a short command (psql --version), or a note why there is none. */
    static String commandLine(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).strip();
            process.waitFor(30, TimeUnit.SECONDS);
            return out.lines().findFirst().orElse("");
        } catch (IOException e) {
            return "not available (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static java.util.Optional<String> field(Path file, String prefix) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix))
                    .map(l -> l.substring(prefix.length()).trim()).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static String firstLine(Path file) {
        try {
            return Files.readAllLines(file).stream().findFirst().orElse("").trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
