package io.progressreports.page;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class ReportsIndexTest {

    @TempDir
    Path out;

    @Test
    void listsEachJobsReportsNewestFirstWithLatestMarkedAndAdHocApart() throws IOException {
        report("onboarding-funnel", "2026-09-01_2026-11-29", "2026-11-30T02:31:00Z", null);
        report("onboarding-funnel", "2026-09-02_2026-11-30", "2026-12-01T02:31:00Z", null);
        report("onboarding-funnel", "2026-08-01_2026-08-31-adhoc-1a2b3c4d", "2026-12-01T10:00:00Z", null);
        report("transfer-speed", "2026-09-02_2026-11-30", "2026-12-01T03:01:00Z", 2);
        Files.createSymbolicLink(out.resolve("onboarding-funnel/latest"), Path.of("2026-09-02_2026-11-30"));
        Files.createDirectories(out.resolve("onboarding-funnel/.staging-p1-x"));
        Files.createDirectories(out.resolve("empty-job"));

        ReportsIndex.rewrite(out);
        Document index = Jsoup.parse(Files.readString(out.resolve("index.html")));

        assertThat(index.select("section.job h2").eachText()).containsExactly("onboarding-funnel", "transfer-speed");
        var funnel = index.select("#job-onboarding-funnel");
        assertThat(funnel.select("table").first().select("tr[data-folder]").eachAttr("data-folder"))
                .containsExactly("2026-09-02_2026-11-30", "2026-09-01_2026-11-29");
        assertThat(funnel.select("tr[data-folder=2026-09-02_2026-11-30] .tag.latest")).hasSize(1);
        assertThat(funnel.select(".tag.latest")).hasSize(1);
        assertThat(funnel.select("h3").text()).isEqualTo("Ad-hoc runs");
        assertThat(funnel.select("table").last().select("tr[data-folder]").eachAttr("data-folder"))
                .containsExactly("2026-08-01_2026-08-31-adhoc-1a2b3c4d");
        assertThat(funnel.select("a").eachAttr("href"))
                .contains("onboarding-funnel/2026-09-02_2026-11-30/index.html");
        assertThat(index.select("#job-transfer-speed tr[data-folder] strong").text()).isEqualTo("2");
        try (var left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".html")))
                    .containsExactly("index.html");
        }
    }

    @Test
    void threadsPublishingAtOnceLeaveAWholeIndex() throws Exception {
        report("a", "2026-11-01_2026-11-30", "2026-12-01T02:31:00Z", null);
        var pool = Executors.newFixedThreadPool(4);
        try {
            var writes = new ArrayList<Future<?>>();
            for (int i = 0; i < 8; i++) {
                writes.add(pool.submit(() -> ReportsIndex.rewrite(out)));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(Jsoup.parse(Files.readString(out.resolve("index.html"))).select("tr[data-folder]")).hasSize(1);
    }

    private void report(String job, String folder, String rendered, Integer broken) throws IOException {
        Path dir = Files.createDirectories(out.resolve(job).resolve(folder));
        String[] range = folder.substring(0, 21).split("_");
        String alerts = broken == null ? "" : ", \"alerts\": {\"broken\": [" + "{}, ".repeat(broken - 1) + "{}]}";
        Files.writeString(dir.resolve("manifest.json"), "{\"job\": \"" + job + "\", \"parameters\": {\"from\": \""
                + range[0] + "\", \"to\": \"" + range[1] + "\", \"as_of\": \"" + rendered + "\"}" + alerts
                + ", \"timings\": {\"rendered\": \"" + rendered + "\"}}");
    }
}
