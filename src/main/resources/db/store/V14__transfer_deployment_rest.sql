-- Transfer days (aggregate format 8) hold the rest of a deployment after each step kind, over the deployments whose
-- last step finished on the day (DeploymentRest: per kind, counts and compact histograms of its own durations and
-- of the summed durations after it, and the deployments left out by reason): deployment_remaining.csv. Nullable,
-- as V11's cells, for an earlier version sharing the store.
alter table transfer_day add column deployments bytea;
