"""The PostgreSQL backend's side table: jieba tokens as a 'simple' tsvector with GIN indexes.

Created only on PostgreSQL; on SQLite the embedded backend keeps its index in a directory.
"""

from django.db import migrations

CREATE = """
CREATE TABLE search_document (
    listing_id bigint PRIMARY KEY,
    tsv tsvector NOT NULL,
    kind varchar(20) NOT NULL,
    region_code varchar(20) NOT NULL,
    region_path text[] NOT NULL,
    industry_code varchar(20) NOT NULL DEFAULT '',
    industry_path text[] NOT NULL,
    occupation_code varchar(20) NOT NULL DEFAULT '',
    occupation_path text[] NOT NULL,
    major_codes text[] NOT NULL,
    major_path text[] NOT NULL,
    education varchar(20) NOT NULL DEFAULT '',
    salary_min integer,
    salary_max integer,
    published_at timestamptz NOT NULL,
    valid_until date,
    organization_id bigint
);
CREATE INDEX search_document_tsv ON search_document USING gin (tsv);
CREATE INDEX search_document_region ON search_document USING gin (region_path);
CREATE INDEX search_document_industry ON search_document USING gin (industry_path);
CREATE INDEX search_document_occupation ON search_document USING gin (occupation_path);
CREATE INDEX search_document_major ON search_document USING gin (major_path);
CREATE INDEX search_document_newest ON search_document (published_at DESC, listing_id DESC);
CREATE INDEX search_document_salary ON search_document (salary_max DESC, listing_id DESC);
CREATE INDEX search_document_kind ON search_document (kind);
CREATE INDEX search_document_organization ON search_document (organization_id);
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS search_document")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_queue_and_ledger")]

    operations = [migrations.RunPython(forwards, backwards)]
