package io.progressreports.page;

import io.progressreports.CliRun;
import io.progressreports.TestDatabase;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The report pages as an analyst opens them: headless Chromium (Debian's chromium and chromium-driver; mvn verify
 * installs them) loads each index.html from file://. No console error, no failed request, every image loaded, a
 * screenshot of each page under target/page-screenshots, headline figures equal to the CSVs', and a step named
 * like an HTML tag shown as text.
 */
class PagesInBrowserIT {

    private static final String STEP = "<img src=x onerror=alert(1)>";
    private static final Path SCREENSHOTS = Path.of("target", "page-screenshots");
    @TempDir
    static Path out;
    private static ChromeDriver browser;

    @BeforeAll
    static void publishReportsAndStartTheBrowser() throws IOException {
        String source = TestDatabase.newSourceUrl(3_000, 40, 45);
        // A completed step of a name that is HTML, on the first timed day (the cut-over, day 9 of 45), so that it is
        // in the first rows of step_duration.csv, which the transfer page shows.
        TestDatabase.jdbc(source).update("""
                with step as (
                    insert into deployment_steps (deployment_id, step, status, created_at, updated_at)
                    select id, ?, 'completed', created_at, created_at + interval '10 seconds'
                    from deployments where created_at >= timestamptz '2026-09-26 12:00Z' order by id limit 1
                    returning id, created_at)
                insert into deployment_step_timings (deployment_step_id, started_at, finished_at)
                select id, created_at + interval '1 second', created_at + interval '6 seconds' from step""", STEP);
        String store = TestDatabase.newStoreUrl();
        for (String job : List.of("onboarding-funnel", "transfer-speed")) {
            CliRun run = CliRun.of(List.of("run", job, "--source-url", source, "--store-url", store, "--out",
                    out.toString(), "--from", "2026-09-17", "--to", "2026-10-31", "--as-of", "2026-11-01T00:00:00Z"));
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
        browser = startBrowser();
    }

    @AfterAll
    static void stopTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theTransferPageShowsTheCsvsHeadlineAndAnHtmlStepNameAsText() throws IOException {
        open(out.resolve("transfer-speed/latest/index.html"), "transfer-speed");

        CSVRecord latest = lastWith(csv(out.resolve("transfer-speed/latest/transfer_speed.csv")), "transfers");
        for (String figure : List.of("transfers", "items_per_second", "p50_items_per_second",
                "p90_items_per_second")) {
            assertThat(headline(figure)).as(figure).isEqualTo(latest.get(figure));
        }
        // Every cell's text as the browser renders it, in one call: Selenium's getText per cell is a round trip
        // to chromedriver each, and the page's thousands of cells took 28 s of this test at load 6.
        @SuppressWarnings("unchecked")
        List<String> cells = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('td')).map(td => td.innerText.trim())");
        assertThat(cells).contains(STEP);
        assertThat(browser.findElements(By.cssSelector("img[onerror]"))).isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void theFunnelPagesHeadlineIsTheMatureCohortsOfFunnelCsv() throws IOException {
        open(out.resolve("onboarding-funnel/latest/index.html"), "onboarding-funnel");

        List<CSVRecord> mature = csv(out.resolve("onboarding-funnel/latest/funnel.csv")).stream()
                .filter(row -> row.get("mature").equals("true")).toList();
        Map<String, Long> reached = mature.stream().collect(Collectors.groupingBy(row -> row.get("step"),
                Collectors.summingLong(row -> Long.parseLong(row.get("namespaces")))));
        long created = reached.get("created");
        assertThat(created).isPositive();
        assertThat(headline("namespaces in mature cohorts").replace(",", "")).isEqualTo(Long.toString(created));
        for (String step : List.of("git_write", "merge_request_created", "pipeline_created", "trial_started",
                "subscription_created")) {
            assertThat(headline("conversion to " + step)).as(step)
                    .isEqualTo(Percent.of(reached.get(step), created));
        }
    }

    @Test
    void theIndexOfAllReportsLinksToEachPage() throws IOException {
        open(out.resolve("index.html"), "index");
        List<String> links = browser.findElements(By.cssSelector("td a")).stream()
                .map(link -> link.getAttribute("href")).toList();
        assertThat(links).hasSize(2).allSatisfy(link -> assertThat(link).endsWith("/index.html"));
        for (String link : links) {
            browser.get(link);
            assertThat(browser.findElement(By.tagName("h1")).getText()).isNotBlank();
            assertLoadedCleanly(link);
        }
    }

    private static void open(Path page, String screenshot) throws IOException {
        browser.get(page.toUri().toString());
        assertLoadedCleanly(page.toString());
        // The whole page, not just the window: the height the page needs.
        long height = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(1366, (int) Math.min(height, 16_000)));
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(screenshot + ".png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(new Dimension(1366, 900));
    }

    /** No console message at warning or above (a failed request is one: "Failed to load resource"). */
    private static void assertLoadedCleanly(String page) {
        List<String> problems = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
                problems.add(entry.getMessage());
            }
        }
        assertThat(problems).as("console of %s", page).isEmpty();
        @SuppressWarnings("unchecked")
        List<String> broken = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0))"
                        + ".map(i => i.src)");
        assertThat(broken).as("images of %s that did not load", page).isEmpty();
        assertThat(browser.findElements(By.tagName("img")).size() + browser.findElements(By.tagName("table")).size())
                .as("content of %s", page).isPositive();
    }

    private static String headline(String figure) {
        return browser.findElement(By.cssSelector("dd[data-figure='" + figure + "']")).getText();
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            return CSVFormat.RFC4180.builder().setHeader().get().parse(reader).getRecords();
        }
    }

    private static CSVRecord lastWith(List<CSVRecord> rows, String count) {
        return rows.stream().filter(row -> Long.parseLong(row.get(count)) > 0).reduce((a, b) -> b).orElseThrow();
    }

    private static ChromeDriver startBrowser() {
        Path chromium = onPath("chromium");
        Path driver = onPath("chromedriver");
        var options = new ChromeOptions().setBinary(chromium.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,900");
        var logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build();
        return new ChromeDriver(service, options);
    }

    private static Path onPath(String program) {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator)).map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable).findFirst()
                .orElseGet(() -> fail("%s is not installed: the page tests need Debian's chromium and "
                        + "chromium-driver (mvn verify installs them on Debian: src/test/browser/ensure-chromium)", program));
    }
}
