#!/usr/bin/env bash
# git recipe: a screen brings its content folder up to date from the hall's repository.
# Run by kiosk-content-pull.timer every two minutes (Windows: kiosk-content-pull.ps1).
#
# Only fast-forwards: a screen never merges; one whose copy has changes of its own is
# reported (exit status 1) and left as it is.
# git writes files in place; the show waits for every picture slides.yaml names to be
# complete before it takes the new content (see README, "Several screens").
#
# Usage: kiosk-content-pull.sh [--dry-run] FOLDER [REMOTE] [BRANCH]
#        (defaults: origin, the branch checked out)
set -euo pipefail

dry_run=0
if [[ "${1:-}" == "--dry-run" ]]; then
  dry_run=1
  shift
fi
folder="${1:?usage: kiosk-content-pull.sh [--dry-run] FOLDER [REMOTE] [BRANCH]}"
remote="${2:-origin}"
branch="${3:-$(git -C "$folder" rev-parse --abbrev-ref HEAD)}"

run() {
  if [[ "$dry_run" == 1 ]]; then
    printf '%q' "$1"
    shift
    printf ' %q' "$@"
    printf '\n'
  else
    "$@"
  fi
}

# one pull at a time, even if a slow network makes one overrun the timer
exec 9>"${XDG_RUNTIME_DIR:-/tmp}/kiosk-content-pull.lock"
if ! flock -n 9; then
  echo "another pull is still running; skipped" >&2
  exit 0
fi

before="$(git -C "$folder" rev-parse HEAD)"
run git -C "$folder" fetch --quiet "$remote" "$branch"
run git -C "$folder" merge --ff-only --quiet FETCH_HEAD
after="$(git -C "$folder" rev-parse HEAD)"
if [[ "$before" != "$after" ]]; then
  echo "content updated: ${before:0:12} -> ${after:0:12}" >&2
fi
