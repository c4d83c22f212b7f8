#!/bin/bash
# Installs the GridStation bundle for station qingxi-hexing (pi5) on Raspberry Pi OS
# (Bookworm or Trixie). Idempotent: running it again with the same bundle changes nothing.
#
# Usage: sudo ./install.sh [--dry-run] [--root DIR] [--desktop-user NAME]
#   --dry-run            print what would change, change nothing
#   --root DIR           install into DIR instead of / (a scratch root for tests or an SD card)
#   --desktop-user NAME  the user whose labwc session shows the kiosk page (default: uid 1000)
set -euo pipefail

BUNDLE=$(cd "$(dirname "$0")" && pwd)
ROOT=/
DRY=0
DESKTOP_USER=
CHANGED=0

usage() { sed -n '5,8p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "install.sh: $*" >&2; exit 1; }
say() { echo "gridstation: $*"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) DRY=1; shift ;;
    --root) [ $# -ge 2 ] || die "--root needs a directory"; ROOT=$2; shift 2 ;;
    --desktop-user) [ $# -ge 2 ] || die "--desktop-user needs a name"; DESKTOP_USER=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" ;;
  esac
done
[ -d "$ROOT" ] || die "--root $ROOT is not a directory"
ROOT=$(cd "$ROOT" && pwd)
[ "$(id -u)" = 0 ] || [ "$DRY" = 1 ] || die "run me as root (sudo ./install.sh)"

# The path of an absolute target path under ROOT.
at() { if [ "$ROOT" = / ]; then printf '%s' "$1"; else printf '%s%s' "$ROOT" "$1"; fi; }
# Runs a command, or only shows it with --dry-run.
act() { CHANGED=1; if [ "$DRY" = 1 ]; then say "would run: $*"; else "$@"; fi; }
# useradd/groupadd/usermod work on ROOT's /etc files.
prefix_opt() { if [ "$ROOT" != / ]; then printf -- '--prefix\n%s\n' "$ROOT"; fi; }
passwd_field() { awk -F: -v u="$1" -v f="$2" '$1 == u { print $f }' "$(at /etc/passwd)"; }

# ---- the service user: gridstation, in groups gpio (pins), lp (receipt printer), video (backlight)
mapfile -t PREFIX < <(prefix_opt)
for g in gpio lp video; do
  if ! grep -q "^$g:" "$(at /etc/group)"; then
    act groupadd "${PREFIX[@]}" --system "$g"
  fi
done
if [ -z "$(passwd_field gridstation 1)" ]; then
  act useradd "${PREFIX[@]}" --system --user-group --groups gpio,lp,video --home-dir /var/lib/gridstation \
    --no-create-home --shell /usr/sbin/nologin --comment "GridStation kiosk" gridstation
else
  for g in gpio lp video; do
    if ! grep -Eq "^$g:[^:]*:[^:]*:(.*,)?gridstation(,|\$)" "$(at /etc/group)"; then
      act usermod "${PREFIX[@]}" --append --groups "$g" gridstation
    fi
  done
fi
SVC_UID=$(passwd_field gridstation 3); SVC_UID=${SVC_UID:-gridstation}
SVC_GID=$(passwd_field gridstation 4); SVC_GID=${SVC_GID:-gridstation}

# ---- directories and files -----------------------------------------------------------------
# dir PATH MODE OWNER GROUP: creates or corrects a directory.
dir() {
  local p; p=$(at "$1")
  if [ -d "$p" ] && [ "$(stat -c '%a %u %g' "$p")" = "$2 $3 $4" ]; then return; fi
  act install -d -m "$2" -o "$3" -g "$4" "$p"
}
# put SOURCE TARGET MODE OWNER GROUP: installs a bundle file when its content or mode differs.
put() {
  local src=$BUNDLE/$1 dst; dst=$(at "$2")
  if [ -f "$dst" ] && cmp -s "$src" "$dst" && [ "$(stat -c '%a %u %g' "$dst")" = "$3 $4 $5" ]; then return; fi
  act install -D -m "$3" -o "$4" -g "$5" "$src" "$dst"
  [ "$DRY" = 1 ] || say "installed $2"
}

dir /etc/gridstation 755 0 0
dir /opt/gridstation 755 0 0
dir /opt/gridstation/bin 755 0 0
dir /var/lib/gridstation 750 "$SVC_UID" "$SVC_GID"
dir /var/lib/gridstation/tmp 750 "$SVC_UID" "$SVC_GID"
dir /var/lib/gridstation/downlink 750 "$SVC_UID" "$SVC_GID"
dir /var/lib/gridstation/cds 750 "$SVC_UID" "$SVC_GID"
put kiosk.properties /etc/gridstation/kiosk.properties 640 0 "$SVC_GID"
# The town's root certificate, when the gateway's broker speaks TLS (kiosk.properties: mqtt.ca).
if [ -f "$BUNDLE/ca.crt" ]; then
  put ca.crt /etc/gridstation/ca.crt 644 0 0
fi
put bin/gs-watchdog /opt/gridstation/bin/gs-watchdog 755 0 0
put gridstation-kiosk.service /etc/systemd/system/gridstation-kiosk.service 644 0 0
put systemd/gridstation-watchdog.conf /etc/systemd/system.conf.d/gridstation-watchdog.conf 644 0 0
# The badge keys are a seed: the gateway's retained message replaces them once connected.
if [ ! -e "$(at /var/lib/gridstation/downlink/keys.json)" ]; then
  put keys.json /var/lib/gridstation/downlink/keys.json 640 "$SVC_UID" "$SVC_GID"
fi

# ---- labwc autostart of the desktop user ---------------------------------------------------
if [ -z "$DESKTOP_USER" ]; then
  DESKTOP_USER=$(awk -F: '$3 == 1000 { print $1 }' "$(at /etc/passwd)")
fi
if [ -n "$DESKTOP_USER" ] && [ -n "$(passwd_field "$DESKTOP_USER" 1)" ]; then
  HOME_DIR=$(passwd_field "$DESKTOP_USER" 6)
  D_UID=$(passwd_field "$DESKTOP_USER" 3); D_GID=$(passwd_field "$DESKTOP_USER" 4)
  dir "$HOME_DIR/.config" 755 "$D_UID" "$D_GID"
  dir "$HOME_DIR/.config/labwc" 755 "$D_UID" "$D_GID"
  put labwc/autostart "$HOME_DIR/.config/labwc/autostart" 644 "$D_UID" "$D_GID"
else
  say "WARNING: no desktop user found (pass --desktop-user NAME); the kiosk page will not start by itself"
fi

# ---- /boot/firmware/config.txt, between marker lines ---------------------------------------
BEGIN_MARK='# >>> gridstation >>> (managed by install.sh; edits inside are replaced)'
END_MARK='# <<< gridstation <<<'
CONFIG_TXT=$(at /boot/firmware/config.txt)
if [ -d "$(dirname "$CONFIG_TXT")" ]; then
  current=""; [ -f "$CONFIG_TXT" ] && current=$(cat "$CONFIG_TXT")
  wanted=$( { printf '%s\n' "$current" | awk -v b="$BEGIN_MARK" -v e="$END_MARK" \
      '$0 == b { skip = 1; next } $0 == e { skip = 0; next } !skip'; \
    printf '%s\n' "$BEGIN_MARK"; cat "$BUNDLE/config.txt"; printf '%s\n' "$END_MARK"; } )
  if [ "$current" != "$wanted" ]; then
    if [ "$DRY" = 1 ]; then say "would update /boot/firmware/config.txt"; CHANGED=1
    else printf '%s\n' "$wanted" > "$CONFIG_TXT.gridstation-new" && mv "$CONFIG_TXT.gridstation-new" "$CONFIG_TXT"
      CHANGED=1; say "updated /boot/firmware/config.txt (reboot to apply)"; fi
  fi
else
  say "WARNING: no /boot/firmware under $ROOT; config.txt not changed"
fi

# ---- enable the service --------------------------------------------------------------------
if [ ! -L "$(at /etc/systemd/system/multi-user.target.wants/gridstation-kiosk.service)" ]; then
  if [ "$ROOT" = / ]; then act systemctl daemon-reload; act systemctl enable gridstation-kiosk.service
  else act systemctl --root="$ROOT" enable gridstation-kiosk.service; fi
fi
if [ ! -e "$(at /opt/gridstation/lib)" ]; then
  say "WARNING: /opt/gridstation/lib is missing: copy gridstation-cli-*.jar and lib/ there (docs/deploy-pi.md)"
fi
if [ ! -x "$(at /usr/bin/java)" ]; then
  say "WARNING: no /usr/bin/java: apt-get install openjdk-17-jre-headless"
fi
if [ "$CHANGED" = 0 ]; then say "nothing to change"
elif [ "$DRY" = 1 ]; then say "dry run: nothing was changed"
else say "done; reboot to start the station (sudo reboot)"; fi
