package io.progressreports.job;

import io.progressreports.failure.UsageException;
import io.progressreports.funnel.Breakdown;
import io.progressreports.funnel.FunnelJobFile;
import io.progressreports.run.JobKinds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A funnel's breakdown in a job file and in --breakdown: one form each, the same defaults, one-line errors. */
class BreakdownJobFilesTest {

    private static final String FUNNEL = """
            kind: funnel
            steps: [git_write]
            breakdown: {column: type, table: namespaces, top: 5}
            """;

    @TempDir
    Path dir;

    private FunnelJobFile load(String text) throws IOException {
        Files.writeString(dir.resolve("x.yml"), text);
        return (FunnelJobFile) JobKinds.files(dir).load("x");
    }

    @Test
    void theJobFileNamesAColumnOfTheSourceOrOfAJoinedTable() throws IOException {
        assertThat(load(FUNNEL).breakdown().checked("breakdown"))
                .isEqualTo(new Breakdown("type", "namespaces", "namespace_id", "id", 5));
        assertThat(load(FUNNEL.replace("{column: type, table: namespaces, top: 5}", "{column: setup_for_company}"))
                .breakdown().checked("breakdown"))
                .isEqualTo(new Breakdown("setup_for_company", null, null, null, Breakdown.DEFAULT_TOP));
        assertThat(load(FUNNEL.replace("top: 5", "key: owner_id, table-key: owner_id")).breakdown().checked("b"))
                .isEqualTo(new Breakdown("type", "namespaces", "owner_id", "owner_id", Breakdown.DEFAULT_TOP));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{column: type, table: namespaces, top: 0}|breakdown.top must be from 1 to 100, not 0",
            "{column: type, table: namespaces, top: 101}|breakdown.top must be from 1 to 100, not 101",
            "{table: namespaces}|breakdown needs a column",
            "{column: type, key: namespace_id}|breakdown: key and table-key need a table to join",
            "{column: 'type; drop table x', table: namespaces}|breakdown.column 'type; drop table x' is not a column name",
            "{column: type, table: 'namespaces n'}|breakdown.table 'namespaces n' is not a table name",
            "{column: type, tabel: namespaces}|unknown key 'tabel'",
    })
    void aBadBreakdownIsOneLineNamingItsLine(String bad, String reason) {
        assertThatThrownBy(() -> load(FUNNEL.replace("{column: type, table: namespaces, top: 5}", bad)))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith(dir.resolve("x.yml") + " line 3: ")
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    }

    @Test
    void aBreakdownNeedsTheColumnsLayout() {
        assertThatThrownBy(() -> load(FUNNEL + "layout: action-rows\naction-codes: {1: git_write}\n"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("line 3: breakdown applies to funnel jobs with layout columns only");
    }

    @Test
    void theFlagIsTheCompactFormWithTheJobFilesTop() {
        assertThat(Breakdown.parse("setup_for_company", null))
                .isEqualTo(new Breakdown("setup_for_company", null, null, null, 10));
        assertThat(Breakdown.parse("namespaces.type", 3))
                .isEqualTo(new Breakdown("type", "namespaces", "namespace_id", "id", 3));
        assertThat(Breakdown.parse("public.namespaces.type:namespace_id=id", null))
                .isEqualTo(new Breakdown("type", "public.namespaces", "namespace_id", "id", 10));
        assertThat(Breakdown.parse("subscriptions.plan:namespace_id=namespace_id", null).label())
                .isEqualTo("subscriptions.plan:namespace_id=namespace_id");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "namespaces.|is not COLUMN, TABLE.COLUMN or TABLE.COLUMN:KEY=TABLE_KEY",
            "type:namespace_id=id|is not COLUMN, TABLE.COLUMN or TABLE.COLUMN:KEY=TABLE_KEY",
            "namespaces.type:namespace_id|is not COLUMN, TABLE.COLUMN or TABLE.COLUMN:KEY=TABLE_KEY",
            "namespaces.type:a=b=c|is not COLUMN, TABLE.COLUMN or TABLE.COLUMN:KEY=TABLE_KEY",
            "namespaces.ty pe|--breakdown.column 'ty pe' is not a column name",
            "a b.type|--breakdown.table 'a b' is not a table name",
    })
    void aBadFlagIsOneLine(String flag, String reason) {
        assertThatThrownBy(() -> Breakdown.parse(flag, null))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    }
}
