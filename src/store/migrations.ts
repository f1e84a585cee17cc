/**
 * Versioned schema. A migration is applied once, inside a transaction, and recorded in schema_migrations;
 * never edit an applied migration: add the next one.
 */
import type { Sql } from './sql.js';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'articles and sightings',
    sql: `
      CREATE TABLE articles (
        id            text PRIMARY KEY,
        external_id   text,
        url           text,
        source        text,
        title         text,
        published     text,
        published_at  timestamptz,
        updated       text,
        language      text,
        byline        text,
        text          text NOT NULL,
        origin_file   text NOT NULL,
        origin_record text,
        ingested_at   timestamptz NOT NULL DEFAULT now(),
        -- A tsvector holds at most 1 MB: only the head of a very long text is indexed.
        search        tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('simple', coalesce(title, '')), 'A') ||
          setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
          setweight(to_tsvector(CASE WHEN language = 'en' OR language IS NULL
                                     THEN 'english'::regconfig ELSE 'simple'::regconfig END, left(text, 200000)), 'B')
        ) STORED
      );
      CREATE INDEX articles_search_idx ON articles USING gin (search);
      CREATE INDEX articles_published_idx ON articles (published_at);
      CREATE INDEX articles_source_idx ON articles (lower(source));

      -- Every place an article was seen: its first origin and each exact duplicate.
      CREATE TABLE sightings (
        article_id    text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        origin_file   text NOT NULL,
        origin_record text NOT NULL DEFAULT '',
        url           text,
        source        text,
        external_id   text,
        seen_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (article_id, origin_file, origin_record)
      );
      CREATE INDEX sightings_origin_idx ON sightings (origin_file, origin_record);
    `,
  },
  {
    version: 2,
    name: 'actor mentions',
    sql: `
      -- Facts are derived data: recomputed by 'sitrep reannotate' after a dictionary change.
      CREATE TABLE mentions (
        article_id  text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        start_pos   integer NOT NULL,
        end_pos     integer NOT NULL,
        text        text NOT NULL,
        type        text NOT NULL,
        form        text NOT NULL,
        code        text,
        actor_id    text,
        actor_name  text,
        country     text,
        role        text,
        PRIMARY KEY (article_id, start_pos)
      );
      CREATE INDEX mentions_code_idx ON mentions (code);
      CREATE INDEX mentions_actor_idx ON mentions (coalesce(actor_id, actor_name));
    `,
  },
  {
    version: 3,
    name: 'events and quotes',
    sql: `
      -- Each fact whole as JSON (its spans, actors, date, status), with the columns that queries filter on.
      CREATE TABLE events (
        article_id   text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        ordinal      integer NOT NULL,
        type         text NOT NULL,
        status       text NOT NULL,
        source_code  text NOT NULL,
        target_codes text[] NOT NULL,
        event_date   text,
        fact         jsonb NOT NULL,
        PRIMARY KEY (article_id, ordinal)
      );
      CREATE INDEX events_type_idx ON events (type);
      CREATE INDEX events_source_idx ON events (source_code);
      CREATE TABLE quotes (
        article_id   text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        ordinal      integer NOT NULL,
        speaker_code text,
        speaker_name text,
        fact         jsonb NOT NULL,
        PRIMARY KEY (article_id, ordinal)
      );
      CREATE INDEX quotes_speaker_idx ON quotes (speaker_code);
    `,
  },
  {
    version: 4,
    name: 'stories',
    sql: `
      -- An article's place in the stories, in arrival order (seq), with the features it was clustered by,
      -- so that later runs rebuild the clusterer's state by replaying these rows.
      CREATE TABLE story_members (
        article_id text PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        seq        bigint NOT NULL UNIQUE,
        story_id   text NOT NULL,
        copy_of    text,
        score      real NOT NULL,
        features   jsonb NOT NULL
      );
      CREATE INDEX story_members_story_idx ON story_members (story_id);
      CREATE INDEX story_members_copy_idx ON story_members (copy_of);
    `,
  },
  {
    version: 5,
    name: 'record hashes',
    sql: `
      -- A hash of the source record a sighting was read from, so a rerun skips what it stored before
      -- building and annotating it again (NULL for sightings stored before this column).
      ALTER TABLE sightings ADD COLUMN content_hash text;
    `,
  },
  {
    version: 6,
    name: 'articles without facts',
    sql: `
      -- Why an article is stored without its facts (annotation failed or ran past its time budget); null
      -- when it has them. 'sitrep reannotate --missing' retries these.
      ALTER TABLE articles ADD COLUMN facts_missing text;
      CREATE INDEX articles_facts_missing_idx ON articles (id) WHERE facts_missing IS NOT NULL;
    `,
  },
];

export async function migrate(sql: Sql): Promise<void> {
  await sql.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  for (const migration of MIGRATIONS) {
    await sql.transaction(async (tx) => {
      // Serialise concurrent migrators on a server; harmless on PGlite.
      await tx.query('SELECT pg_advisory_xact_lock(7345001)');
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (done.length) return;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    });
  }
}
