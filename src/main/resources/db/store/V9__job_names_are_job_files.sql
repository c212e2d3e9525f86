-- Spring Batch's job name was the kind's (onboardingFunnel, transferSpeed) and the job file's name a job parameter;
-- the job name is now the job file's, so that history and restarts find a job file's runs through Spring Batch's
-- repository. Earlier runs take the name their "job" parameter kept. A job file has one kind, and a kind's
-- definition is part of the instance's key, so no two instances of one file can collide.
update batch_job_instance i
set job_name = p.parameter_value
from batch_job_execution e
join batch_job_execution_params p on p.job_execution_id = e.job_execution_id and p.parameter_name = 'job'
where e.job_instance_id = i.job_instance_id
  and i.job_name in ('onboardingFunnel', 'transferSpeed');
