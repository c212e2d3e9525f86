package io.progressreports.faults;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.progressreports.faults.BadInput.flags;
import static io.progressreports.faults.BadInput.jobFile;
import static io.progressreports.faults.BadInput.printable;

/**
 * The corpus: command lines and job files a person, a script or an attacker might give, each of which must be
 * refused. Grouped by the class of input it tries; the class names are the rows of the corpus's tally.
 */
final class BadInputs {

    static final String FUNNEL = "onboarding-funnel";
    static final String TRANSFER = "transfer-speed";
    static final String NOT_TEXT = "control or non-UTF-8";
    /** Long enough to fill a terminal many times over, and far past any name PostgreSQL keeps (63 bytes). */
    static final String LONG = "a".repeat(10_000);
    private static final String ACTION_ROWS = "kind: funnel\nlayout: action-rows\naction-codes: {1: git_write}\n"
            + "steps: [git_write]\n";

    private BadInputs() {
    }

    static List<BadInput> all() {
        return List.of(
                // dates: impossible, malformed, empty, reversed
                flags("date", "2026-02-30", FUNNEL, "--date", "2026-02-30"),
                flags("date", "2026-02-29", FUNNEL, "--from", "2026-02-29", "--to", "2026-03-01"),
                flags("date", "2026-13-01", FUNNEL, "--from", "2026-01-01", "--to", "2026-13-01"),
                flags("date", "26-1-1", FUNNEL, "--date", "26-1-1"),
                flags("date", "--date ''", FUNNEL, "--date", ""),
                flags("date", "--from 2026-11-02 is after --to 2026-11-01", FUNNEL, "--from", "2026-11-02", "--to",
                        "2026-11-01"),
                flags("date", "--as-of '2026-11-01'", FUNNEL, "--as-of", "2026-11-01"),
                flags("date", "-0001-01-01", TRANSFER, "--date", "-0001-01-01"),

                // names that are not there: jobs, actions, zones, grains, orders, tables
                flags("unknown name", "unknown job 'no-such-job'", "no-such-job"),
                flags("unknown name", "unknown job '../jobs/onboarding-funnel'", "../jobs/onboarding-funnel"),
                flags("unknown name", "no_such_action", FUNNEL, "--steps", "git_write,no_such_action"),
                flags("unknown name", "Mars/Olympus", FUNNEL, "--zone", "Mars/Olympus"),
                flags("unknown name", "--zone ''", TRANSFER, "--zone", ""),
                flags("unknown name", "year", TRANSFER, "--grain", "year"),
                flags("unknown name", "random", FUNNEL, "--order", "random"),
                flags("unknown name", "no_such_table", FUNNEL, "--table", "no_such_table").viaCatalog(),
                jobFile("unknown name", "unknown kind 'histogram'", "kind: histogram\n"),
                jobFile("unknown name", "unknown key 'tabel'", "kind: funnel\ntabel: onboarding_progresses\n"),

                // windows, ages, day counts: negative, zero, absurd
                flags("number", "-5d", FUNNEL, "--window", "-5d"),
                flags("number", "0d", FUNNEL, "--window", "0d"),
                flags("number", "99999d", FUNNEL, "--window", "99999d"),
                flags("number", "100000000000000000000000d", FUNNEL, "--window", "100000000000000000000000d"),
                flags("number", "--ages '0'", FUNNEL, "--ages", "0"),
                flags("number", "--ages '-7'", FUNNEL, "--ages", "1,-7"),
                flags("number", "--ages '99999'", FUNNEL, "--ages", "1,99999"),
                flags("number", "--last must be at least 1, not 0", FUNNEL, "--last", "0"),
                flags("number", "--last must be at least 1, not -1", FUNNEL, "--last", "-1"),
                flags("number", "--last 100000 is more than 36600 days", TRANSFER, "--last", "100000"),
                flags("number", "99999999999", FUNNEL, "--last", "99999999999"),
                flags("number", "--chunk-size must be at least 1, not 0", FUNNEL, "--chunk-size", "0"),
                jobFile("number", "window '-1d'", "kind: funnel\nsteps: [git_write]\nwindow: -1d\n"),
                jobFile("number", "last 99999 is more than", "kind: transfer-speed\nlast: 99999\n"),

                // steps: empty, blank, repeated
                flags("steps", "--steps needs action names separated by commas, not ''", FUNNEL, "--steps", ""),
                flags("steps", "',,'", FUNNEL, "--steps", ",,"),
                flags("steps", "step 'git_write' appears twice", FUNNEL, "--steps", "git_write,git_write"),
                jobFile("steps", "steps is empty", "kind: funnel\nsteps: []\n"),
                jobFile("steps", "step 'git_write' appears twice", "kind: funnel\nsteps: [git_write, git_write]\n"),

                // bytes that are not text: control characters, terminal escapes, what invalid UTF-8 decodes to
                flags(NOT_TEXT, printable("Europe/Berlin\u0007"), FUNNEL, "--zone", "Europe/Berlin\u0007"),
                flags(NOT_TEXT, printable("git_write\npipeline_created"), FUNNEL, "--steps",
                        "git_write\npipeline_created"),
                flags(NOT_TEXT, printable("2026-11-01\u001b[2J"), FUNNEL, "--date", "2026-11-01\u001b[2J"),
                flags(NOT_TEXT, printable("onboarding\u0000progresses"), FUNNEL, "--table",
                        "onboarding\u0000progresses"),
                flags(NOT_TEXT, "2026-11-0\uFFFD", FUNNEL, "--date", "2026-11-0\uFFFD"),
                flags(NOT_TEXT, "week\uFFFD", FUNNEL, "--grain", "week\uFFFD"),
                // 0xEF starts a three-byte sequence that 't' does not continue
                jobFile(NOT_TEXT, "line 2: byte 0xEF is not UTF-8",
                        "kind: funnel\nsteps: [git_wr\u00efte]\n".getBytes(StandardCharsets.ISO_8859_1)),
                jobFile(NOT_TEXT, "line 1: byte 0xFF is not UTF-8",
                        new byte[] {'k', 'i', 'n', 'd', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'}),
                jobFile(NOT_TEXT, printable("UTC\u0007"),
                        "kind: funnel\nsteps: [git_write]\nzone: \"UTC\\u0007\"\n"),
                jobFile(NOT_TEXT, "line 3: control character \\u0001",
                        "kind: funnel\nsteps: [git_write]\nzone: UTC\u0001\n"),

                // very long values
                flags("10k characters", printable(LONG), FUNNEL, "--zone", LONG),
                flags("10k characters", printable(LONG), FUNNEL, "--steps", LONG),
                flags("10k characters", printable(LONG), FUNNEL, "--table", LONG),
                flags("10k characters", printable(LONG), FUNNEL, "--as-of", LONG),
                flags("10k characters", printable(LONG), FUNNEL, "--window", LONG),
                flags("10k characters", printable(LONG), FUNNEL, "--date", LONG),
                flags("10k characters", "' is not an int", FUNNEL, "--last", "9".repeat(10_000)),
                flags(NOT_TEXT, "'12\\u000a3' is not an int", FUNNEL, "--last", "12\n3"),
                jobFile("10k characters", printable(LONG), "kind: funnel\nsteps: [git_write]\ntable: " + LONG + "\n")
                        .marker(LONG),
                jobFile("10k characters", printable(LONG), "kind: funnel\nsteps: [" + LONG + "]\n").marker(LONG),

                // SQL injection, in every value that reaches SQL or the catalog
                flags("SQL injection", "git_write; drop table x--", FUNNEL, "--steps", "git_write; drop table x--")
                        .marker("drop table x"),
                flags("SQL injection", "git_write_at) or (1=1", FUNNEL, "--steps", "git_write_at) or (1=1")
                        .marker("1=1"),
                flags("SQL injection", "UTC'; select pg_sleep(5)--", FUNNEL, "--zone", "UTC'; select pg_sleep(5)--")
                        .marker("pg_sleep"),
                flags("SQL injection", "onboarding_progresses; drop table x", FUNNEL, "--table",
                        "onboarding_progresses; drop table x").marker("drop table x"),
                flags("SQL injection", "table '\"x\".\"y\"' not found", FUNNEL, "--table", "\"x\".\"y\"").viaCatalog(),
                flags("SQL injection", "pg_catalog.pg_authid, a PostgreSQL system catalog", FUNNEL, "--table",
                        "pg_authid").viaCatalog(),
                flags("SQL injection", "2026-11-01T00:00:00Z'; select pg_sleep(5)--", FUNNEL, "--as-of",
                        "2026-11-01T00:00:00Z'; select pg_sleep(5)--").marker("pg_sleep"),
                flags("SQL injection", "day'; drop table batch_job_instance--", TRANSFER, "--grain",
                        "day'; drop table batch_job_instance--").marker("drop table"),
                jobFile("SQL injection", "onboarding_progresses; drop table x",
                        "kind: funnel\nsteps: [git_write]\ntable: \"onboarding_progresses; drop table x\"\n")
                        .marker("drop table x"),
                jobFile("SQL injection", "git_write; drop table x--",
                        "kind: funnel\nsteps: [\"git_write; drop table x--\"]\n").marker("drop table x"),
                jobFile("SQL injection", "namespaces; drop table x",
                        ACTION_ROWS + "namespaces-table: \"namespaces; drop table x\"\n").marker("drop table x"),
                jobFile("SQL injection", "git_write') or (1=1",
                        ACTION_ROWS.replace("{1: git_write}", "{1: \"git_write') or (1=1\"}")).marker("1=1"),
                jobFile("SQL injection", "deployment_steps; drop table x",
                        "kind: transfer-speed\nsteps-table: \"deployment_steps; drop table x\"\n")
                        .marker("drop table x"),
                jobFile("SQL injection", "deployment_step_timings where 1=1--",
                        "kind: transfer-speed\ntimings-table: \"deployment_step_timings where 1=1--\"\n")
                        .marker("1=1"),
                jobFile("SQL injection", "UTC'; select pg_sleep(5)--",
                        "kind: funnel\nsteps: [git_write]\nzone: \"UTC'; select pg_sleep(5)--\"\n")
                        .marker("pg_sleep"));
    }
}
