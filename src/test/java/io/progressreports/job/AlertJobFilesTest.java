package io.progressreports.job;

import io.progressreports.alert.AlertRules;
import io.progressreports.failure.UsageException;
import io.progressreports.run.JobKinds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A job file's alerts: rules in the user's words, a figure and form the kind has, and a webhook that no error
 * ever quotes.
 */
class AlertJobFilesTest {

    private static final String TOKEN = "T000/B000/s3cr3t";

    private static final String TRANSFER = """
            kind: transfer-speed
            grain: day
            alerts:
              rules:
                - p50_items_per_second below 80% of the 28-day median
                - reject_rate above 2%
              webhook: https://hooks.example.com/services/T000/B000/s3cr3t
              webhook-env: REPORTS_ALERT_WEBHOOK
            """;

    private static final String FUNNEL = """
            kind: funnel
            steps: [git_write, merge_request_created]
            alerts:
              rules:
                - conversion to merge_request_created 5 points below the mean of the previous 4 cohorts
                - conversion to git_write below 30%
            """;

    @TempDir
    Path dir;

    private JobFile load(String text) throws IOException {
        Files.writeString(dir.resolve("x.yml"), text);
        return JobKinds.files(dir).load("x");
    }

    @Test
    void bothKindsTakeRulesInTheirOwnWords() throws IOException {
        JobFile transfer = load(TRANSFER);
        assertThat(transfer.alerts().rules()).containsExactly("p50_items_per_second below 80% of the 28-day median",
                "reject_rate above 2%");
        assertThat(transfer.alerts().webhookEnv()).isEqualTo("REPORTS_ALERT_WEBHOOK");
        assertThat(transfer.toString()).doesNotContain(TOKEN);
        assertThat(load(FUNNEL).alerts().rules()).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "- reject_rate above 2%|- speed is bad|6|alert rule 'speed is bad' is none of 'FIGURE below",
            "- reject_rate above 2%|- reject_rate 5 points below the mean of the previous 4 periods|6|reject_rate is "
                    + "one value per run, so it takes a limit only",
            "- reject_rate above 2%|- p95_items_per_second below 80% of the 28-day median|6|a transfer-speed job has "
                    + "no figure 'p95_items_per_second' (figures: transfers, items, items_per_second, "
                    + "p50_items_per_second, p90_items_per_second, p99_items_per_second, max_items_per_second, "
                    + "reject_rate)",
            "- reject_rate above 2%|- p50_items_per_second 5 points below the mean of the previous 4 periods|6|points "
                    + "compare shares",
            "- reject_rate above 2%|- p50_items_per_second below 80% of the 0-day median|6|needs a count of at least 1",
            "webhook-env: REPORTS_ALERT_WEBHOOK|webhook-env: REPORTS-ALERT|8|alerts.webhook-env is not the name of an "
                    + "environment variable",
            "webhook-env: REPORTS_ALERT_WEBHOOK|webhook_env: REPORTS_ALERT_WEBHOOK|8|unknown key 'webhook_env'",
    })
    void aBadTransferAlertIsOneLineWithItsLine(String good, String bad, int line, String message) {
        assertThatThrownBy(() -> load(TRANSFER.replace(good, bad)))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith(dir.resolve("x.yml") + " line " + line + ": ")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain("\n"));
    }

    @Test
    void aWebhookThatIsNoUrlIsNamedButNotQuoted() {
        for (String bad : List.of("hooks.example.com/T000/B000/s3cr3t", "ftp://hooks.example.com/T000/B000/s3cr3t",
                "https://hooks example.com/T000/B000/s3cr3t")) {
            assertThatThrownBy(() -> load(TRANSFER.replace("https://hooks.example.com/services/T000/B000/s3cr3t",
                    bad)))
                    .hasMessage(dir.resolve("x.yml") + " line 7: alerts.webhook does not hold an http(s) URL like "
                            + "https://hooks.example.com/... (the value is a secret and not shown)");
        }
    }

    @Test
    void aFunnelRuleNeedsConversionOfCohorts() {
        assertThatThrownBy(() -> load(FUNNEL.replace("conversion to git_write below 30%",
                "conversion to git_write below 80% of the 28-day median")))
                .hasMessageStartingWith(dir.resolve("x.yml") + " line 6: alert rule 'conversion to git_write below "
                        + "80% of the 28-day median': a funnel's figures are by cohort");
        assertThatThrownBy(() -> load(FUNNEL.replace("conversion to git_write below 30%",
                "p50_items_per_second below 30")))
                .hasMessageContaining("line 6: alert rule 'p50_items_per_second below 30': a funnel job has no figure");
        assertThatThrownBy(() -> load(FUNNEL.replace("""
                  rules:
                    - conversion to merge_request_created 5 points below the mean of the previous 4 cohorts
                    - conversion to git_write below 30%
                """, "  rules: []\n")))
                .hasMessage(dir.resolve("x.yml") + " line 3: alerts needs rules, e.g. rules: [\"reject_rate above "
                        + "2%\"]");
    }

    @Test
    void theFormsAreNamedInTheError() {
        assertThat(AlertRules.FORMS).contains("N% of the D-day median");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alerts: https://hooks.example.com/T000/B000/s3cr3t\n",
            "alerts:\n  rules: https://hooks.example.com/T000/B000/s3cr3t\n",
            "alerts:\n  rules: [reject_rate above 2%]\n  webhook: [https://hooks.example.com/T000/B000/s3cr3t]\n",
            "alerts:\n  rules: [reject_rate above 2%]\n  webhook:\n    url: https://hooks.example.com/T000/B000/s3cr3t\n",
            "alerts:\n  rules: [reject_rate above 2%]\n  webhook-env: https://hooks.example.com/T000/B000/s3cr3t\n"})
    void aWebhookInTheWrongPlaceIsNotQuotedEither(String alerts) {
        assertThatThrownBy(() -> load("kind: transfer-speed\n" + alerts))
                .isInstanceOf(UsageException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith(dir.resolve("x.yml") + " line ")
                        .doesNotContain("s3cr3t").doesNotContain("example"));
    }
}
