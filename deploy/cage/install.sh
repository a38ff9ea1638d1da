#!/bin/sh
# Turn a Debian/Ubuntu PC into a display that boots straight into the show, with no desktop.
# Run as root, with the one-folder bundle built by deploy/bundle.py (the folder holding the
# `kiosk` executable):
#
#     sudo sh deploy/cage/install.sh /path/to/bundle/kiosk [/path/to/show-folder]
#
# Afterwards: reboot. The show runs on tty1 as the user "kiosk"; Ctrl+Alt+F2 gives a console.
set -eu
bundle=${1:?usage: install.sh BUNDLE_FOLDER [SHOW_FOLDER]}
show=${2:-}
here=$(dirname "$0")

apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq cage xwayland

# the show runs as an ordinary user that may use the screen and input devices, nothing more
if ! id kiosk >/dev/null 2>&1; then
  useradd --create-home --shell /bin/bash --comment "kiosk show" kiosk
fi
for group in video render input; do
  if getent group "$group" >/dev/null; then usermod -aG "$group" kiosk; fi
done

rm -rf /opt/kiosk
cp -r "$bundle" /opt/kiosk
install -d -o kiosk -g kiosk /home/kiosk/show
if [ -n "$show" ]; then
  cp -r "$show"/. /home/kiosk/show/
  chown -R kiosk:kiosk /home/kiosk/show
fi

install -m 644 "$here/kiosk-cage.service" /etc/systemd/system/kiosk-cage.service
systemctl daemon-reload
systemctl enable kiosk-cage.service
systemctl set-default graphical.target
echo "kiosk-cage.service enabled: reboot to start the show (Ctrl+Alt+F2 for a console)"
