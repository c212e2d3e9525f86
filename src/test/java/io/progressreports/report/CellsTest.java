package io.progressreports.report;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CellsTest {

    @Test
    void neutralisesTextThatASpreadsheetWouldRun() {
        assertThat(Cells.text("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(Cells.text("+1")).isEqualTo("'+1");
        assertThat(Cells.text("-1")).isEqualTo("'-1");
        assertThat(Cells.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Cells.text("\tx")).isEqualTo("'\tx");
        assertThat(Cells.text("\rx")).isEqualTo("'\rx");
        assertThat(Cells.text("git_write")).isEqualTo("git_write");
    }

    @Test
    void writesPlainDecimalsWithoutExponentOrGrouping() {
        assertThat(Cells.decimal(1.0E7, 4)).isEqualTo("10000000.0000");
        assertThat(Cells.decimal(1.0E-7, 4)).isEqualTo("0.0000");
        assertThat(Cells.decimal(0.123456, 4)).isEqualTo("0.1235");
        assertThat(Cells.decimal(Double.NaN, 4)).isEmpty();
        assertThat(Cells.days(Duration.ofHours(36))).isEqualTo("1.5");
        assertThat(Cells.days(Duration.ofDays(30))).isEqualTo("30");
    }
}
