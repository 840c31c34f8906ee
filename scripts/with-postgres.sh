#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL 15 cluster in a temporary directory on a free port.
# DATABASE_URL points the command at it; the cluster and its directory are removed afterwards.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PG_BIN/initdb" ]; then
  echo "未找到 PostgreSQL 15（$PG_BIN/initdb 不存在），跳过 PostgreSQL 测试。" >&2
  echo "在 Debian 上安装：apt-get install postgresql-15" >&2
  if [ "${CHANJIAO_REQUIRE_POSTGRES:-0}" = "1" ]; then
    echo "CHANJIAO_REQUIRE_POSTGRES=1：缺少 PostgreSQL 视为失败。" >&2
    exit 1
  fi
  exit 0
fi

tmp=$(mktemp -d -t chanjiao-pg.XXXXXX)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg=()
if [ "$(id -u)" = "0" ]; then
  # initdb refuses to run as root: run the cluster as the postgres user from Debian's package.
  if ! id postgres >/dev/null 2>&1; then
    echo "以 root 运行时需要系统用户 postgres（由 postgresql-15 软件包创建）。" >&2
    exit 1
  fi
  chown postgres "$tmp"
  as_pg=(runuser -u postgres --)
fi

cleanup() {
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

"${as_pg[@]}" "$PG_BIN/initdb" -D "$tmp/data" -U chanjiao --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w \
  -o "-p $port -k $tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
"$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U chanjiao chanjiao
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') 已在 127.0.0.1:$port 启动（临时目录 $tmp）。"

DATABASE_URL="postgres://chanjiao@127.0.0.1:$port/chanjiao" "$@"
