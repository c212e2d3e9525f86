-- The shape of GitLab's onboarding_progresses (one row per root namespace, one nullable "<action>_at" column per
-- onboarding action), for demo and seed databases only: the application itself never creates source tables.
create table onboarding_progresses (
    id                                bigint generated always as identity primary key,
    namespace_id                      bigint not null unique,
    created_at                        timestamptz not null,
    updated_at                        timestamptz not null,
    git_write_at                      timestamptz,
    merge_request_created_at          timestamptz,
    pipeline_created_at               timestamptz,
    user_added_at                     timestamptz,
    trial_started_at                  timestamptz,
    subscription_created_at           timestamptz,
    required_mr_approvals_enabled_at  timestamptz,
    code_owners_enabled_at            timestamptz,
    scoped_label_created_at           timestamptz,
    security_scan_enabled_at          timestamptz,
    issue_created_at                  timestamptz,
    issue_auto_closed_at              timestamptz,
    repository_imported_at            timestamptz,
    repository_mirrored_at            timestamptz,
    secure_dependency_scanning_run_at timestamptz,
    secure_dast_run_at                timestamptz
);

-- Reports read one span of created_at at a time.
create index onboarding_progresses_created_at_idx on onboarding_progresses (created_at);
