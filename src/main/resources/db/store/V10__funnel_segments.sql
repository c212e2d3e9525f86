-- A funnel breakdown's segments of each cohort day: a JSON array of {value, namespaces, reached, completed, hours}
-- (value null for NULL; completed action-major as the day's; hours the Base64 of the segment's histograms, one per
-- step). Null for a day stored without a breakdown. The breakdown is part of definition_id, so a day stored with
-- one breakdown is never read for another (or for none), and days without one keep their definition ids.
alter table funnel_day add column segments jsonb;
