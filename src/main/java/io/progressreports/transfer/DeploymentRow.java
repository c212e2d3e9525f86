package io.progressreports.transfer;

import java.util.List;

/**
 * A deployment as the deployments pass reads it: its steps in their order (created_at, then id), each with its
 * status, whether it has a timing row, and its times in epoch microseconds ({@link io.progressreports.source.Micros}).
 */
public record DeploymentRow(long deploymentId, List<String> steps, List<String> statuses, boolean[] timed,
                            long[] startedAt, long[] finishedAt) {
}
