-- Early warning (EARLY-WARNING.md): stations, indicators, observations, warning rules and their episodes.

-- What is measured. A small seed catalogue covers the seven monitoring fields; admins add more.
create table indicator (
    code        text        primary key check (code ~ '^[a-z0-9][a-z0-9.-]{0,63}$'),
    name        text        not null,                -- Vietnamese
    name_en     text,
    unit        text        not null,                -- UCUM: m, mm, [ppth], ug/m3, {case}
    domain      text        not null check (domain in ('geology', 'climate', 'environment', 'water', 'energy',
                                                       'health', 'crime', 'cyber', 'food', 'finance', 'other')),
    description text,
    updated_at  timestamptz not null default now(),
    updated_by  text        not null
);

insert into indicator (code, name, name_en, unit, domain, description, updated_by) values
    ('water-level', 'Mực nước', 'Water level', 'm', 'climate', 'River or sea water level above the station datum', 'seed'),
    ('rainfall', 'Lượng mưa', 'Rainfall', 'mm', 'climate', 'Precipitation since the previous reading', 'seed'),
    ('discharge', 'Lưu lượng', 'River discharge', 'm3/s', 'climate', null, 'seed'),
    ('wind-speed', 'Tốc độ gió', 'Wind speed', 'm/s', 'climate', 'Mean wind speed', 'seed'),
    ('air-temperature', 'Nhiệt độ không khí', 'Air temperature', 'Cel', 'climate', null, 'seed'),
    ('salinity', 'Độ mặn', 'Salinity', '[ppth]', 'water', 'Saltwater intrusion, parts per thousand', 'seed'),
    ('reservoir-level', 'Mực nước hồ chứa', 'Reservoir level', 'm', 'water', 'Above the dam datum', 'seed'),
    ('groundwater-level', 'Mực nước ngầm', 'Groundwater level', 'm', 'water', 'Depth below ground', 'seed'),
    ('pm25', 'Bụi mịn PM2.5', 'PM2.5', 'ug/m3', 'environment', null, 'seed'),
    ('aqi', 'Chỉ số chất lượng không khí', 'Air quality index (VN_AQI)', '1', 'environment', null, 'seed'),
    ('soil-displacement', 'Dịch chuyển đất', 'Ground displacement', 'mm', 'geology', 'Landslide monitoring', 'seed'),
    ('soil-moisture', 'Độ ẩm đất', 'Soil moisture', '%', 'geology', 'Landslide monitoring', 'seed'),
    ('earthquake-magnitude', 'Độ lớn động đất', 'Earthquake magnitude', '1', 'geology', 'Local magnitude', 'seed'),
    ('power-reserve-margin', 'Dự phòng công suất', 'Power reserve margin', '%', 'energy', null, 'seed'),
    ('dengue-cases', 'Ca sốt xuất huyết', 'Dengue cases', '{case}', 'health', 'New cases in the reporting period', 'seed'),
    ('influenza-like-illness', 'Ca cúm', 'Influenza-like illness', '{case}', 'health', null, 'seed'),
    ('cyber-incidents', 'Sự cố an ninh mạng', 'Cyber incidents', '{incident}', 'cyber', 'Incidents reported in the period', 'seed'),
    ('drug-seizures', 'Vụ bắt giữ ma túy', 'Drug seizures', '{case}', 'crime', 'Cases in the reporting period', 'seed');

-- A monitoring point. Visible and writable under the rules that govern records (owner, classification).
create table station (
    code           text        primary key check (code ~ '^[a-z0-9][a-z0-9.-]{0,127}$'),
    name           text        not null,
    owner          text        not null,
    classification text        not null default 'internal'
                               check (classification in ('public', 'internal', 'restricted', 'secret')),
    location       jsonb       not null,            -- {description?, adminCodes[], geometry: Point} as SCHEMA.md
    admin_codes    text[]      not null default '{}',   -- location.adminCodes, for rules that name areas
    attributes     jsonb       not null default '{}',   -- free numbers and strings (zone, basin, …)
    data_gap_since timestamptz,                     -- an active warning's station fell silent at this reading
    version        integer     not null default 1,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    updated_by     text        not null
);
create index station_admin_codes on station using gin (admin_codes);  -- rules by adminCodes

-- Readings. Identity (station, indicator, time); a different value for the same identity is a correction, and the
-- earlier value moves to observation_correction.
--
-- Sized for 10^8 rows a year: range partitions by month of observation time (about 8 million rows each), created by
-- the hub when a reading for a new month arrives (ObservationStore.ensurePartitions). Each partition's primary key
-- index serves both the identity check on ingest and a station's series in time order; old months can be detached
-- or dropped at once (retention), and reads of a time range touch only their months. Station and indicator are
-- checked by the hub before a row is written (every reading of a batch at once), not by foreign keys, which would
-- cost an index probe per row on the hottest insert path; neither table ever deletes a code.
create table observation (
    station     text             not null,
    indicator   text             not null,
    time        timestamptz      not null,
    value       double precision not null check (value not in ('NaN', 'Infinity', '-Infinity')),
    quality     text             not null default 'good' check (quality in ('good', 'suspect', 'bad')),
    exercise    boolean          not null default false,
    recorded_at timestamptz      not null default now(),
    primary key (station, indicator, time)
) partition by range (time);

create table observation_correction (
    station     text             not null,
    indicator   text             not null,
    time        timestamptz      not null,
    value       double precision not null,
    quality     text             not null,
    recorded_at timestamptz      not null,   -- when the replaced value had been recorded
    replaced_at timestamptz      not null default now()
);
create index observation_correction_key on observation_correction (station, indicator, time);

-- (station, indicator) pairs with readings not evaluated yet, from which observation time; written in the ingest's
-- transaction, so a crash never loses one, and taken by one hub process at a time (for update skip locked).
create table evaluation_queue (
    station   text        not null,
    indicator text        not null,
    since     timestamptz not null,
    queued_at timestamptz not null default now(),
    attempts  integer     not null default 0,   -- failed evaluations so far
    retry_at  timestamptz,                      -- after a failure: not before this
    primary key (station, indicator)
);

-- Warning rules, versioned like records: the head and every version with its author.
create table warning_rule (
    id             uuid        primary key,
    version        integer     not null check (version >= 1),
    name           text        not null,
    indicator      text        not null,
    owner          text        not null,
    classification text        not null,
    status         text        not null check (status in ('active', 'inactive', 'exercise')),
    stations       text[]      not null default '{}',
    admin_codes    text[]      not null default '{}',
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);
create index warning_rule_indicator on warning_rule (indicator) where status <> 'inactive';

create table warning_rule_version (
    rule_id        uuid        not null references warning_rule (id),
    version        integer     not null check (version >= 1),
    body           jsonb       not null,    -- the rule as written (normalised), without id and version
    -- from which observation time this version applies (the body's effectiveFrom, or when it was written)
    effective_from timestamptz,
    author_org     text        not null,
    author_subject text        not null,
    recorded_at    timestamptz not null default now(),
    primary key (rule_id, version)
);

-- Evaluation state of one rule at one station: the latest observation time at which nothing was pending or active
-- (a point from which a re-evaluation may start: the state there is known without reading anything before it).
create table warning_state (
    rule_id   uuid        not null references warning_rule (id),
    station   text        not null,
    quiet_at  timestamptz,
    evaluated_at timestamptz not null default now(),
    primary key (rule_id, station)
);

-- One episode per rule, station and start: normal → pending → active(level) → ended; one threat each.
create table warning_episode (
    id              uuid        primary key,     -- also the threat's id
    rule_id         uuid        not null references warning_rule (id),
    station         text        not null,
    started_at      timestamptz not null,        -- observation time it became active
    quiet_before    timestamptz,                 -- the last quiet observation time before it (re-evaluation anchor)
    ended_at        timestamptz,
    level           integer     not null check (level between 1 and 5),
    status          text        not null check (status in ('active', 'ended', 'withdrawn')),
    written_through timestamptz,                 -- observation time of the last snapshot written to the threat
    last_reading_at timestamptz,
    data_gap_since  timestamptz,
    updated_at      timestamptz not null default now()
);
create index warning_episode_rule_station on warning_episode (rule_id, station, started_at);
create index warning_episode_active on warning_episode (status) where status = 'active';
