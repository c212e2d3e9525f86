package io.progressreports.page;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportPageTest {

    private static final String IMG = "<img src=x onerror=alert(1)>";
    private static final String SCRIPT = "<script>alert(2)</script>";

    @TempDir
    Path dir;

    @Test
    void namesFromTheDataAreShownAsTextNeverRun() throws IOException {
        csv("funnel.csv", "\uFEFFcohort_start,step,namespaces", "2026-11-02,created,10", "2026-11-02,\"" + IMG + "\",4");
        var kind = new KindPage("Onboarding funnel", List.of(new Fact("conversion to " + IMG, "40.00%")),
                "note " + SCRIPT, List.of(), List.of(new Fact(SCRIPT, "defined")));
        Map<String, Object> manifest = Map.of("job", "funnel-" + SCRIPT,
                "parameters", Map.of("steps", List.of("created", IMG), "window", "PT720H"));

        Document page = write(manifest, List.of("funnel.csv"), kind);

        assertThat(page.select("script")).isEmpty();
        assertThat(page.select("img[onerror]")).isEmpty();
        assertThat(page.select("table[data-file=funnel.csv] td")).extracting(e -> e.text()).contains(IMG);
        assertThat(page.select("dd[data-figure]").attr("data-figure")).isEqualTo("conversion to " + IMG);
        assertThat(page.text()).contains(SCRIPT, "created, " + IMG, "30d");
    }

    @Test
    void tablesShowTheirFirstRowsAndSayHowManyTheFileHas() throws IOException {
        var lines = new ArrayList<String>(List.of("day,n"));
        for (int i = 1; i <= 25; i++) {
            lines.add("2026-11-" + String.format("%02d", i) + "," + i);
        }
        csv("speeds.csv", lines.toArray(String[]::new));
        csv("rejects.csv", "id,reason");
        csv("alerts.csv", "figure,rule", "p50_items_per_second,below 80%");
        Files.write(dir.resolve("speeds.png"), new byte[] {1});
        Files.write(dir.resolve("speeds.svg"), new byte[] {1});
        var kind = new KindPage("Transfers", List.of(), "", List.of("rejects.csv"), List.of());

        Document page = write(Map.of("job", "t"), List.of("speeds.csv", "rejects.csv", "alerts.csv", "speeds.png",
                "speeds.svg"), kind);

        assertThat(page.select("#tables table[data-file=speeds.csv] tbody tr")).hasSize(20);
        assertThat(page.select("#tables").text()).contains("First 20 of 25 rows");
        assertThat(page.select("#quality").text()).contains("rejects.csv", "No rows.");
        assertThat(page.select("#alerts td").eachText()).containsExactly("p50_items_per_second", "below 80%");
        // The SVG twin is the sharper picture.
        assertThat(page.select("#charts img").eachAttr("src")).containsExactly("speeds.svg");
    }

    @Test
    void aReportWithoutAlertsHasNoAlertSection() throws IOException {
        csv("alerts.csv", "figure,rule");
        Document page = write(Map.of("job", "t"), List.of("alerts.csv"),
                new KindPage("T", List.of(), "", List.of(), List.of()));
        assertThat(page.select("#alerts")).isEmpty();
    }

    private Document write(Map<String, Object> manifest, List<String> files, KindPage kind) throws IOException {
        assertThat(ReportPage.write(dir, manifest, files, kind)).isEqualTo("index.html");
        return Jsoup.parse(Files.readString(dir.resolve("index.html")));
    }

    private void csv(String name, String... lines) throws IOException {
        Files.writeString(dir.resolve(name), String.join("\r\n", lines) + "\r\n", StandardCharsets.UTF_8);
    }
}
