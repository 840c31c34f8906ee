"""PostgreSQL privileges for the application's own role: everything it needs, and on the audit
table only SELECT and INSERT, so that the running platform cannot change, delete, truncate or
alter the log (nor disable its trigger: only the table's owner can). The owner role runs the
migrations and then this grant (`chanjiao audit_grant_app_role`); see docs/access-and-audit.md.
"""

from django.db import connections
from psycopg import sql

from chanjiao.audit.migrations_sql import TABLE
from chanjiao.common.exceptions import ApplicationError


def app_role_statements(*, role: str, database: str) -> list[sql.Composed]:
    """The statements that give ``role`` what the application needs, the audit table read+append."""
    who = sql.Identifier(role)
    audit = sql.Identifier(TABLE)
    return [
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), who),
        sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(who),
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}").format(
            who
        ),
        sql.SQL("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {}").format(who),
        # Tables and sequences the owner creates later (new migrations) are granted the same way.
        sql.SQL(
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public "
            "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {}"
        ).format(who),
        sql.SQL(
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public "
            "GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {}"
        ).format(who),
        # The audit log: read and append only (no UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES).
        sql.SQL("REVOKE ALL ON {} FROM PUBLIC").format(audit),
        sql.SQL("REVOKE ALL ON {} FROM {}").format(audit, who),
        sql.SQL("GRANT SELECT, INSERT ON {} TO {}").format(audit, who),
    ]


def app_role_grant(*, role: str, using: str = "default") -> int:
    """Run the grants as the connected (owner) role; return how many statements ran."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        raise ApplicationError("只有 PostgreSQL 需要（也支持）单独的应用角色；SQLite 没有角色。")
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, current_database()")
        owner, database = cursor.fetchone()
        if owner == role:
            raise ApplicationError(
                f"应用角色 {role} 不能就是当前连接的角色（表的所有者）：请用所有者角色运行本命令。"
            )
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone() is None:
            raise ApplicationError(f"数据库中没有角色 {role}：请先 CREATE ROLE {role} LOGIN。")
        statements = app_role_statements(role=role, database=database)
        for statement in statements:
            cursor.execute(statement)
    return len(statements)
