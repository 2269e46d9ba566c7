-- Versions derived by the early warning from observations under a warning rule (activity 'derive').
--
-- provenance.derivation names the rule version and the readings that decided such a version:
--   {"rule": uuid, "ruleVersion": n, "station": code, "indicator": code, "from": time, "to": time}
-- It is part of the version's hash (VersionHash), like every provenance field; null for every other version.
alter table record_version drop constraint record_version_activity_check;
alter table record_version add constraint record_version_activity_check
    check (activity in ('create', 'update', 'delete', 'import', 'replicate', 'merge', 'derive'));
alter table record_version add column derivation jsonb;
alter table record_version add constraint record_version_derivation_only_derived
    check (derivation is null or (activity in ('derive', 'replicate', 'merge') and jsonb_typeof(derivation) = 'object'));
