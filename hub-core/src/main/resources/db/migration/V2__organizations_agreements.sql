-- Organisation registry and sharing agreements: who may see and change which records.

create table organization (
    code       text        primary key
               check (code ~ '^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*$' and length(code) <= 128),
    name       text        not null check (length(name) between 1 and 500),
    name_en    text        check (length(name_en) between 1 and 500),
    parent     text        references organization (code),
    kind       text        not null check (kind in ('nation', 'ministry', 'sector', 'province', 'district', 'commune', 'unit')),
    -- codes from the root down to this organisation itself, kept by OrganizationRegistry when parents change;
    -- the visibility predicate asks "is the caller in the owner's path" and "is the owner in the caller's path"
    path       text[]      not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint organization_not_own_parent check (parent is null or parent <> code),
    constraint organization_path_ends_with_self check (path[array_length(path, 1)] = code)
);

create index organization_path on organization using gin (path);

create table agreement (
    id                 uuid        primary key,
    grantor            text        not null references organization (code),
    grantee            text        not null references organization (code),
    kinds              text[]      not null check (array_length(kinds, 1) >= 1
                                   and kinds <@ array['threat', 'incident', 'resource']),
    max_classification text        not null check (max_classification in ('public', 'internal', 'restricted', 'secret')),
    purpose            text        not null check (length(purpose) between 1 and 2000),
    valid_from         timestamptz,
    valid_until        timestamptz,
    created_at         timestamptz not null default now(),
    created_by         text        not null,
    constraint agreement_period check (valid_from is null or valid_until is null or valid_from < valid_until),
    constraint agreement_not_self check (grantor <> grantee)
);

create index agreement_grantee on agreement (grantee);

-- A version written with powers a plain writer of the author's organisation lacks (an admin acting for
-- another organisation) says so in its provenance: author.role = 'admin'.
alter table record_version add column author_role text check (author_role in ('admin'));
