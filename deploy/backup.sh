#!/usr/bin/env bash
# Back up one motcua province: the database, then the files (docs/deploy.md, "Backups").
#
#   deploy/backup.sh            # with the settings of /etc/motcua/env in the environment
#
# Writes BACKUP_DIR/<UTC timestamp>/ holding
#   database.dump         pg_dump, custom format (pg_restore picks tables, runs in parallel)
#   media.tar.gz          MEDIA_ROOT, when the files are on local disk
#   private.tar.gz        the private folder beside MEDIA_ROOT (field-report photos), likewise
#   SHA256SUMS            checked by deploy/restore.sh before it touches anything
# With object storage (FILE_STORAGE_BACKEND / PRIVATE_FILE_STORAGE_BACKEND = S3) the buckets
# are mirrored with `aws s3 sync` to BACKUP_S3_MIRROR instead (a folder or another bucket).
# A backup is written as <timestamp>.partial and renamed when complete, so a half-written
# one is never taken for a backup. Backups older than BACKUP_KEEP_DAYS are removed, but the
# BACKUP_KEEP_MIN newest always stay: failing backups must not delete the last good ones.
#
# Settings (environment):
#   BACKUP_DATABASE_URL   the database to dump; default DATABASE_URL. Point it at PostgreSQL
#                         itself, not at PgBouncer (pg_dump holds one long session).
#   BACKUP_DIR            default /var/backups/motcua
#   BACKUP_KEEP_DAYS      default 14
#   BACKUP_KEEP_MIN       default 3
#   MEDIA_ROOT            default /var/lib/motcua/media; PRIVATE_ROOT default its sibling private/
#   BACKUP_S3_MIRROR      default BACKUP_DIR/s3 (one sub-folder per bucket)
set -euo pipefail

s3=storages.backends.s3.S3Storage
database_url=${BACKUP_DATABASE_URL:-${DATABASE_URL:-}}
case "$database_url" in
  postgres://*|postgresql://*) ;;
  *) echo "backup.sh: BACKUP_DATABASE_URL or DATABASE_URL must be a postgres:// URL" >&2; exit 2 ;;
esac
backup_dir=${BACKUP_DIR:-/var/backups/motcua}
keep_days=${BACKUP_KEEP_DAYS:-14}
keep_min=${BACKUP_KEEP_MIN:-3}
media_root=${MEDIA_ROOT:-/var/lib/motcua/media}
private_root=${PRIVATE_ROOT:-$(dirname "$media_root")/private}
s3_mirror=${BACKUP_S3_MIRROR:-$backup_dir/s3}

# Backups hold citizens' personal data: readable by the backup user alone.
umask 077
mkdir -p "$backup_dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
target="$backup_dir/$stamp"
work="$target.partial"
mkdir "$work"
trap 'rm -rf "$work"' EXIT

# The database first, then the files: a file is stored before the row that names it is
# committed, so every file the dump refers to is already there when the files are copied.
pg_dump --format=custom --compress=6 --file="$work/database.dump" "$database_url"

aws_s3() {
  aws ${AWS_S3_ENDPOINT_URL:+--endpoint-url "$AWS_S3_ENDPOINT_URL"} \
      ${AWS_S3_REGION_NAME:+--region "$AWS_S3_REGION_NAME"} s3 "$@"
}

# Local files: a tarball each. Object storage: an incremental mirror (no --delete, so an
# object removed by mistake is still in the mirror); turn on bucket versioning for history.
if [ "${FILE_STORAGE_BACKEND:-}" = "$s3" ]; then
  aws_s3 sync --only-show-errors "s3://${AWS_STORAGE_BUCKET_NAME:?}" "$s3_mirror/${AWS_STORAGE_BUCKET_NAME}"
elif [ -d "$media_root" ]; then
  tar -czf "$work/media.tar.gz" -C "$media_root" .
fi
if [ "${PRIVATE_FILE_STORAGE_BACKEND:-}" = "$s3" ]; then
  aws_s3 sync --only-show-errors "s3://${AWS_PRIVATE_BUCKET_NAME:?}" "$s3_mirror/${AWS_PRIVATE_BUCKET_NAME}"
elif [ -d "$private_root" ]; then
  tar -czf "$work/private.tar.gz" -C "$private_root" .
fi

(cd "$work" && sha256sum -- * > SHA256SUMS)
mv "$work" "$target"
trap - EXIT

# Retention: complete backups only (named by their timestamp), the newest keep_min kept.
mapfile -t backups < <(find "$backup_dir" -mindepth 1 -maxdepth 1 -type d -name '20[0-9]*T[0-9]*Z' -printf '%f\n' | sort)
removable=$(( ${#backups[@]} - keep_min ))
for name in "${backups[@]}"; do
  [ "$removable" -gt 0 ] || break
  if [ -n "$(find "$backup_dir/$name" -maxdepth 0 -mtime +"$keep_days")" ]; then
    rm -rf -- "${backup_dir:?}/$name"
  fi
  removable=$(( removable - 1 ))
done
# Leftovers of runs that were killed before their trap could clean up.
find "$backup_dir" -mindepth 1 -maxdepth 1 -type d -name '*.partial' -mtime +1 -exec rm -rf -- {} +

echo "backup.sh: $target"
