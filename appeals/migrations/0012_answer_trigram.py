"""The index of the near-copy rule (appeals/answer_similarity.py): pg_trgm, and a GIN index
of each answer's MinHash bands, so that an answer finds the earlier answers of its body that
share a band without reading them all; docs/benchmarks.md tells why not a trigram index.

Built CONCURRENTLY (writes go on during the build, ten million rows): not in a transaction,
one statement per operation.
"""

from django.db import migrations

# The trigrams of pg_trgm (show_trgm), hashed once: the smallest hash of each of 128 bins
# (one-permutation MinHash), cut into 16 bands of 8 and each band hashed with its body's id.
# Two answers share a band with probability ~ J^8, J their pg_trgm similarity: 95 % at 0.8,
# 24 % at 0.6. Bands with all bins empty (answers of a few words) are left out. Its high
# cost tells the planner to read the index rather than compute it for every row.
FUNCTION = """
DO $do$
DECLARE trgm text := (
    SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm');
BEGIN
EXECUTE format($f$
CREATE OR REPLACE FUNCTION appeals_answer_bands(agency bigint, answer text) RETURNS bigint[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS $body$
    SELECT array_agg(hashtextextended(agency || '/' || band || '/' || mins, 0) ORDER BY band)
    FROM (
        SELECT bin / 8 AS band, string_agg(coalesce(m::text, ''), ',' ORDER BY bin) AS mins
        FROM generate_series(0, 127) AS bin
        LEFT JOIN (
            SELECT h & 127 AS bin, min(h) AS m
            FROM (SELECT hashtextextended(t, 7) AS h FROM unnest(%I.show_trgm(answer)) t) x
            GROUP BY 1
        ) hashed USING (bin)
        GROUP BY bin / 8
        HAVING count(m) > 0
    ) bands
$body$
$f$, trgm);
END
$do$
"""
DROP_INVALID = """
DO $do$ BEGIN
    IF EXISTS (SELECT FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
               WHERE c.relname = 'appeal_answer_bands_idx' AND NOT i.indisvalid) THEN
        DROP INDEX appeal_answer_bands_idx;
    END IF;
END $do$
"""


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY

    dependencies = [("appeals", "0011_answers_worth_reading")]

    operations = [
        migrations.RunSQL(
            "CREATE EXTENSION IF NOT EXISTS pg_trgm", reverse_sql=migrations.RunSQL.noop
        ),
        migrations.RunSQL(
            FUNCTION, reverse_sql="DROP FUNCTION IF EXISTS appeals_answer_bands(bigint, text)"
        ),
        # A build that failed earlier leaves an invalid index that IF NOT EXISTS would keep.
        migrations.RunSQL(DROP_INVALID, reverse_sql=migrations.RunSQL.noop),
        # The near-copy rule's candidates: the answers of one body sharing a band.
        migrations.RunSQL(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS appeal_answer_bands_idx ON appeals_appeal"
            " USING gin (appeals_answer_bands(agency_id, answer_text))"
            " WHERE status = 'answered' AND answer_text <> ''",
            reverse_sql="DROP INDEX CONCURRENTLY IF EXISTS appeal_answer_bands_idx",
        ),
    ]
