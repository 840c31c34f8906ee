"""Database triggers that make the audit table append-only on PostgreSQL.

On SQLite (the embedded demo engine) the model and its queryset refuse changes; a trigger there
would also block the test runner's table flush, which PostgreSQL does with TRUNCATE instead.
"""

TABLE = "audit_auditevent"

FORWARD = {
    "postgresql": [
        "CREATE OR REPLACE FUNCTION chanjiao_audit_append_only() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql;",
        f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
        "FOR EACH ROW EXECUTE FUNCTION chanjiao_audit_append_only();",
    ],
}

REVERSE = {
    "postgresql": [
        f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE};",
        "DROP FUNCTION IF EXISTS chanjiao_audit_append_only();",
    ],
}
