-- A run's definition travels as a job parameter (so a restart in another process sees what the first attempt saw),
-- and it names every column read with its type: a table with many action columns passes Spring Batch's 2500
-- characters (86 actions take about 4,000). Text has no such limit.
alter table batch_job_execution_params alter column parameter_value type text;
