#!/usr/bin/env bash
# Restore a backup written by deploy/backup.sh, in the reverse order: the files, then the
# database (docs/deploy.md, "Restore" and "Restore drill").
#
#   deploy/restore.sh /var/backups/motcua/20250124T193000Z           # into an empty database
#   deploy/restore.sh --clean /var/backups/motcua/20250124T193000Z   # over an existing one
#
# Stop the app servers and the workers first (a request or a task half-way through would
# write into a database being replaced), restore, then `manage.py migrate` (a backup of an
# older release) and start them again.
#
# The files come first so that, when the database comes back, every file it names is already
# in place. The database goes into DATABASE_URL (or RESTORE_DATABASE_URL): an empty database
# unless --clean, which drops what the backup holds before restoring it. Objects are restored
# without their original owner, so any role that may create tables in it can restore.
# Files: tarballs into MEDIA_ROOT and PRIVATE_ROOT (default: private/ beside MEDIA_ROOT);
# with object storage, the S3 mirror is synced back into the buckets (BACKUP_S3_MIRROR,
# default <backup folder>/../s3).
set -euo pipefail

clean=""
if [ "${1:-}" = "--clean" ]; then
  clean=1
  shift
fi
backup=${1:?usage: restore.sh [--clean] BACKUP_FOLDER}
backup=$(cd "$backup" && pwd)
s3=storages.backends.s3.S3Storage
database_url=${RESTORE_DATABASE_URL:-${DATABASE_URL:-}}
case "$database_url" in
  postgres://*|postgresql://*) ;;
  *) echo "restore.sh: RESTORE_DATABASE_URL or DATABASE_URL must be a postgres:// URL" >&2; exit 2 ;;
esac
media_root=${MEDIA_ROOT:-/var/lib/motcua/media}
private_root=${PRIVATE_ROOT:-$(dirname "$media_root")/private}
s3_mirror=${BACKUP_S3_MIRROR:-$(dirname "$backup")/s3}

[ -f "$backup/database.dump" ] || { echo "restore.sh: $backup holds no database.dump" >&2; exit 2; }
# Nothing is touched unless every file is the one the backup wrote.
(cd "$backup" && sha256sum --check --quiet SHA256SUMS)

tables=$(psql "$database_url" -XAtc "select count(*) from pg_tables where schemaname = 'public'")
if [ "$tables" != 0 ] && [ -z "$clean" ]; then
  echo "restore.sh: the database already holds $tables tables; restore into an empty one, or pass --clean" >&2
  exit 3
fi

aws_s3() {
  aws ${AWS_S3_ENDPOINT_URL:+--endpoint-url "$AWS_S3_ENDPOINT_URL"} \
      ${AWS_S3_REGION_NAME:+--region "$AWS_S3_REGION_NAME"} s3 "$@"
}

# 1. The files.
if [ "${FILE_STORAGE_BACKEND:-}" = "$s3" ]; then
  aws_s3 sync --only-show-errors "$s3_mirror/${AWS_STORAGE_BUCKET_NAME:?}" "s3://${AWS_STORAGE_BUCKET_NAME}"
elif [ -f "$backup/media.tar.gz" ]; then
  mkdir -p "$media_root"
  tar -xzf "$backup/media.tar.gz" -C "$media_root"
fi
if [ "${PRIVATE_FILE_STORAGE_BACKEND:-}" = "$s3" ]; then
  aws_s3 sync --only-show-errors "$s3_mirror/${AWS_PRIVATE_BUCKET_NAME:?}" "s3://${AWS_PRIVATE_BUCKET_NAME}"
elif [ -f "$backup/private.tar.gz" ]; then
  mkdir -p "$private_root"
  tar -xzf "$backup/private.tar.gz" -C "$private_root"
fi

# 2. The database, in one transaction: a restore that fails leaves the database as it was.
pg_restore --no-owner --no-privileges --single-transaction --exit-on-error \
  ${clean:+--clean --if-exists} --dbname="$database_url" "$backup/database.dump"

echo "restore.sh: restored $backup"
