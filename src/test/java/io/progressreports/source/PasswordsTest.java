package io.progressreports.source;

import io.progressreports.failure.UsageException;
import io.progressreports.settings.ReportsProperties.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordsTest {

    @TempDir
    Path dir;

    private static Database database(String password, Path file) {
        return new Database("jdbc:postgresql://db/x", "reports", password, file);
    }

    @Test
    void thePasswordItselfIsUsedAsItIs() {
        assertThat(Passwords.of("source", database(" spaced ", null))).isEqualTo(" spaced ");
        assertThat(Passwords.of("source", database(null, null))).isNull();
    }

    @Test
    void aFileLosesItsTrailingLineEndOnly() throws IOException {
        Path file = Files.writeString(dir.resolve("pw"), " s3cret \r\n");
        assertThat(Passwords.of("store", database(null, file))).isEqualTo(" s3cret ");
    }

    @Test
    void anUnreadableFileIsNamedAndItsContentNeverShown() throws IOException {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> Passwords.of("source", database(null, missing)))
                .isInstanceOf(UsageException.class).hasMessageContaining("source password file " + missing);
        Path folder = Files.createDirectories(dir.resolve("folder"));
        assertThatThrownBy(() -> Passwords.of("source", database(null, folder)))
                .isInstanceOf(UsageException.class).hasMessageContaining(folder.toString());
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> Passwords.of("store", database(null, empty)))
                .isInstanceOf(UsageException.class).hasMessageContaining("is empty");
    }

    @Test
    void aPasswordAndAFileTogetherAreRefusedRatherThanOneSilentlyWinning() throws IOException {
        Path file = Files.writeString(dir.resolve("pw"), "from-file");
        assertThatThrownBy(() -> Passwords.of("source", database("from-env", file)))
                .isInstanceOf(UsageException.class)
                .hasMessage("both REPORTS_SOURCE_PASSWORD and REPORTS_SOURCE_PASSWORD_FILE are set for the source "
                        + "database: give one")
                .hasMessageNotContaining("from-file").hasMessageNotContaining("from-env");
    }
}
