package io.progressreports.alert;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A run's alert rules, and where to POST the ones it breaks. The webhook is a secret: it is resolved only in the
 * process that launches the run, never travels in job parameters, and no string here names it.
 *
 * @param webhookUrl the job file's literal URL; null for none
 * @param webhookEnv the environment variable that holds the URL, which wins when set; null for none
 */
public record Alerting(List<AlertRule> rules, String webhookUrl, String webhookEnv) {

    public static final Alerting NONE = new Alerting(List.of(), null, null);

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public Alerting {
        rules = List.copyOf(rules);
    }

    /** The rules read back from a job parameter: the webhook never rides along. */
    public static Alerting ofRules(List<AlertRule> rules) {
        return new Alerting(rules, null, null);
    }

    public boolean hasRules() {
        return !rules.isEmpty();
    }

    /** The rules as a job parameter keeps them, one a line (a rule's text has no line break). */
    public String rulesText() {
        return String.join("\n", rules.stream().map(AlertRule::text).toList());
    }

    public static List<AlertRule> parseRules(String text) {
        return text == null || text.isEmpty() ? List.of()
                : text.lines().map(AlertRules::parse).toList();
    }

    public boolean hasWebhook() {
        return webhookUrl != null || webhookEnv != null;
    }

    /**
     * The webhook: the URL in {@code webhookEnv} if that is set, else the literal one.
     *
     * @param environment looks a variable up, null when it is not set
     * @throws IllegalArgumentException saying where the URL came from, never the URL, when it is not http(s)
     */
    public Optional<Webhook> webhook(UnaryOperator<String> environment) {
        if (webhookEnv != null) {
            String url = environment.apply(webhookEnv);
            if (url != null && !url.isBlank()) {
                return Optional.of(Webhook.of(uri(url.strip(), "environment variable " + webhookEnv)));
            }
        }
        return webhookUrl == null ? Optional.empty() : Optional.of(Webhook.of(uri(webhookUrl, "alerts.webhook")));
    }

    /** The job file's checks: a message names the key, never the value. */
    public static void checkUrl(String url, String origin) {
        uri(url, origin);
    }

    public static void checkVariable(String name) {
        if (!VARIABLE.matcher(name).matches()) {
            throw new IllegalArgumentException("alerts.webhook-env is not the name of an environment variable, "
                    + "e.g. REPORTS_ALERT_WEBHOOK");
        }
    }

    private static URI uri(String url, String origin) {
        try {
            URI uri = new URI(url);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // the message would quote the URL
        }
        throw new IllegalArgumentException(origin + " does not hold an http(s) URL like https://hooks.example.com/"
                + "... (the value is a secret and not shown)");
    }

    /** The record's own would print the URL. */
    @Override
    public String toString() {
        return "Alerting[rules=" + rules.stream().map(AlertRule::text).toList() + ", webhook="
                + (webhookUrl == null ? "none" : "(secret)") + ", webhookEnv=" + webhookEnv + "]";
    }
}
