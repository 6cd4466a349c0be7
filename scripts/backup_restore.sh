#!/usr/bin/env bash
# A tested backup: dump Trellis's PostgreSQL database, restore it into a new database and
# check that every table has as many rows there as in the source.
#
#   scripts/backup_restore.sh SOURCE_URL [BACKUP_FILE]
#   scripts/backup_restore.sh --compare SOURCE_URL RESTORED_URL
#
# SOURCE_URL: postgres://user@host:port/name (no ?query). BACKUP_FILE: where the dump is
# written (pg_dump's custom format; default a temporary file, removed at the end).
# The restore goes into "<name>_restored" (RESTORE_DATABASE overrides the name); it must
# not exist yet. It is dropped after a good comparison unless KEEP_RESTORED=1; after a
# bad one it is kept for a look. --compare only compares two databases.
#
# Prints each table's rows in both databases where they differ and a summary line.
# Exit: 0 every table matches; 1 a table differs or is missing; 2 usage or a tool failed.
set -euo pipefail
export LC_ALL=C

usage() {
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# Every table of every schema but PostgreSQL's own, one "schema.table<TAB>rows" a line.
row_counts() {
  local url=$1 tables query
  tables=$(psql "$url" -X -At -v ON_ERROR_STOP=1 -c "
    SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables
    WHERE table_type = 'BASE TABLE'
      AND table_schema NOT IN ('pg_catalog', 'information_schema')
    ORDER BY 1")
  [ -n "$tables" ] || { echo "no tables in $url" >&2; return 2; }
  query=$(while read -r table; do
    printf "SELECT '%s', count(*) FROM %s UNION ALL\n" "$table" "$table"
  done <<<"$tables")
  psql "$url" -X -At -F $'\t' -v ON_ERROR_STOP=1 -c "${query% UNION ALL}" | sort
}

# Out: 0 when both databases have the same tables with the same rows, else 1.
compare() {
  local source=$1 restored=$2 left right differences
  left=$(row_counts "$source") || exit 2
  right=$(row_counts "$restored") || exit 2
  differences=$(join -t $'\t' -a1 -a2 -e missing -o 0,1.2,2.2 \
    <(printf '%s\n' "$left") <(printf '%s\n' "$right") | awk -F '\t' '$2 != $3')
  local tables
  tables=$(printf '%s\n' "$left" | wc -l)
  if [ -n "$differences" ]; then
    printf 'table\tsource\trestored\n%s\n' "$differences" >&2
    echo "backup_restore: $(printf '%s\n' "$differences" | wc -l) of $tables tables differ" >&2
    return 1
  fi
  echo "backup_restore: all $tables tables have the same rows" \
    "($(printf '%s\n' "$left" | awk -F '\t' '{n += $2} END {print n}') rows)"
}

[ $# -ge 1 ] || usage
if [ "$1" = "--compare" ]; then
  [ $# -eq 3 ] || usage
  compare "$2" "$3"
  exit $?
fi
[ $# -le 2 ] || usage
source_url=$1
case "$source_url" in postgres://* | postgresql://*) ;; *) usage ;; esac
[[ "$source_url" != *\?* ]] || usage
source_name=${source_url##*/}
restore_name=${RESTORE_DATABASE:-${source_name}_restored}
server_url=${source_url%/*}
restored_url="$server_url/$restore_name"

backup=${2:-}
if [ -z "$backup" ]; then
  backup=$(mktemp --suffix=.dump)
  trap 'rm -f "$backup"' EXIT
fi

echo "backup_restore: dumping $source_name to $backup"
pg_dump --format=custom --no-owner --file="$backup" "$source_url" || exit 2
echo "backup_restore: restoring into $restore_name"
psql "$server_url/postgres" -X -q -v ON_ERROR_STOP=1 \
  -c "CREATE DATABASE \"$restore_name\"" || exit 2
pg_restore --no-owner --exit-on-error --dbname="$restored_url" "$backup" || exit 2

status=0
compare "$source_url" "$restored_url" || status=$?
if [ "$status" -eq 0 ] && [ "${KEEP_RESTORED:-0}" != 1 ]; then
  psql "$server_url/postgres" -X -q -c "DROP DATABASE \"$restore_name\""
else
  echo "backup_restore: kept $restore_name"
fi
exit "$status"
