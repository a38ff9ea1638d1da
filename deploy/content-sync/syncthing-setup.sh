#!/usr/bin/env bash
# Syncthing recipe: one content folder kept in step on every screen of the hall.
#
# The curator's PC holds the folder as "send only" (it is the one place content is edited);
# each display PC holds it as "receive only" (a screen never sends anything back, and a file
# changed there by hand is reverted). Syncthing writes each file under .syncthing.NAME.tmp and
# renames it into place when complete; the show waits for every picture slides.yaml names
# (see README, "Several screens").
#
# Needs the Debian package:  sudo apt-get install syncthing
# and Syncthing running as the user (Debian ships the unit):
#   sudo systemctl enable --now syncthing@$USER.service
#
# Usage:
#   syncthing-setup.sh curator FOLDER SCREEN-DEVICE-ID...    on the curator's PC
#   syncthing-setup.sh screen  FOLDER CURATOR-DEVICE-ID      on each display PC
#   add --dry-run first to print the commands instead of running them
# The device ID of a PC:  syncthing --device-id   (or: syncthing cli show system)
set -euo pipefail

FOLDER_ID="kiosk-show"
LABEL="Kiosk show"

run() {
  if [[ "$DRY_RUN" == 1 ]]; then
    printf '%q' "$1"
    shift
    printf ' %q' "$@"
    printf '\n'
  else
    "$@"
  fi
}

usage() {
  sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

DRY_RUN=0
if [[ "${1:-}" == "--dry-run" ]]; then
  DRY_RUN=1
  shift
fi
[[ $# -ge 3 ]] || usage
role="$1"
folder="$2"
shift 2
case "$role" in
  curator) folder_type="sendonly" ;;
  screen) folder_type="receiveonly" ;;
  *) usage ;;
esac
if [[ "$role" == "screen" && $# -ne 1 ]]; then
  echo "a screen receives from one PC: give the curator's device ID only" >&2
  exit 2
fi

run mkdir -p "$folder"
run syncthing cli config folders add --id "$FOLDER_ID" --label "$LABEL" --path "$folder"
run syncthing cli config folders "$FOLDER_ID" type set "$folder_type"
# notice changes at once (inotify), and rescan hourly in case a notification was lost
run syncthing cli config folders "$FOLDER_ID" fswatcher-enabled set true
run syncthing cli config folders "$FOLDER_ID" rescan-intervals set 3600
for device in "$@"; do
  run syncthing cli config devices add --device-id "$device"
  run syncthing cli config folders "$FOLDER_ID" devices add --device-id "$device"
done
if [[ "$role" == "curator" ]]; then
  run cp "$(dirname "$0")/stignore" "$folder/.stignore"
fi
echo "Syncthing: folder $FOLDER_ID at $folder is $folder_type" >&2
