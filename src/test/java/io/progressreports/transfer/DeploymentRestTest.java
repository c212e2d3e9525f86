package io.progressreports.transfer;

import io.progressreports.source.Micros;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeploymentRestTest {

    private static final TransferRules RULES = new TransferRules(ZoneId.of("UTC"),
            TransferStatuses.of(List.of("completed")));
    private static final long T0 = Micros.of(Instant.parse("2026-11-01T23:00:00Z"));
    private static final long SECOND = 1_000_000;

    private static DeploymentRow row(List<String> statuses, boolean[] timed, long[] started, long[] finished) {
        return new DeploymentRow(1, List.of("fetch", "transfer_files", "skip", "deploy").subList(0, statuses.size()),
                statuses, timed, started, finished);
    }

    @Test
    void aDeploymentThatRanToItsEndCountsOnTheDayOfItsLastFinishWithoutStepsThatDidNotRun() {
        var record = RULES.classify(row(List.of("completed", "completed", "skipped", "Completed"),
                new boolean[] {true, true, false, true},
                new long[] {T0, T0 + 10 * SECOND, Micros.NONE, T0 + 3600 * SECOND},
                new long[] {T0 + 10 * SECOND, T0 + 3000 * SECOND, Micros.NONE, T0 + 3605 * SECOND}));
        assertThat(record).isInstanceOf(TimingRecord.Deployment.class);
        var deployment = (TimingRecord.Deployment) record;
        assertThat(deployment.day()).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(deployment.steps()).containsExactly("fetch", "transfer_files", "deploy");
        assertThat(deployment.micros()).containsExactly(10 * SECOND, 2990 * SECOND, 5 * SECOND);

        var rest = new DeploymentRest();
        rest.add(deployment);
        var decoded = DeploymentRest.decode(rest.encode());
        decoded.merge(DeploymentRest.decode(rest.encode()));
        assertThat(decoded.deployments()).isEqualTo(2);
        DeploymentRest.Kind fetch = decoded.kinds().get("fetch");
        assertThat(fetch.deployments()).isEqualTo(2);
        assertThat(fetch.rest().percentiles(0.5)[0]).isEqualTo(2995.0);
        assertThat(decoded.kinds().get("deploy").rest().percentiles(0.9)[0]).isZero();
        assertThat(decoded.kinds().get("transfer_files").own().percentiles(0.5)[0]).isEqualTo(2990.0);
    }

    @Test
    void deploymentsThatEndedOtherwiseOrRanUntimedStepsAreLeftOut() {
        var failed = RULES.classify(row(List.of("completed", "failed"), new boolean[] {true, false},
                new long[] {T0, Micros.NONE}, new long[] {T0 + SECOND, Micros.NONE}));
        assertThat(failed).isEqualTo(new TimingRecord.LeftOutDeployment(LocalDate.of(2026, 11, 1),
                DeploymentRest.ENDED_OTHERWISE));
        var untimed = RULES.classify(row(List.of("completed", "completed"), new boolean[] {true, false},
                new long[] {T0, Micros.NONE}, new long[] {T0 + SECOND, Micros.NONE}));
        assertThat(untimed).isEqualTo(new TimingRecord.LeftOutDeployment(LocalDate.of(2026, 11, 1),
                DeploymentRest.UNTIMED_STEPS));
        var backwards = RULES.classify(row(List.of("completed", "completed"), new boolean[] {true, true},
                new long[] {T0, T0 + 2 * SECOND}, new long[] {T0 + SECOND, T0 + SECOND}));
        assertThat(backwards).isEqualTo(new TimingRecord.LeftOutDeployment(LocalDate.of(2026, 11, 1),
                DeploymentRest.UNTIMED_STEPS));

        var rest = new DeploymentRest();
        rest.leaveOut(DeploymentRest.UNTIMED_STEPS);
        assertThat(DeploymentRest.decode(rest.encode()).leftOut()).containsEntry(DeploymentRest.UNTIMED_STEPS, 1L);
    }
}
