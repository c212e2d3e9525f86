-- Segments to break the funnel down by: a column of the source table, and a table joined by key (GitLab's
-- namespaces, which onboarding_progresses.namespace_id refers to).
alter table onboarding_progresses add column setup_for_company boolean;

create table namespaces (
    id           bigint primary key,
    type         text not null,
    country_code text
);
