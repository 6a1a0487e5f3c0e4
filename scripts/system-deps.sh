#!/usr/bin/env bash
# Installs the system libraries Qt needs headless, a CJK font, poppler (pdftoppm/pdffonts) and
# Xvfb. As root with apt-get it installs what is missing; otherwise it prints the exact command.
set -euo pipefail
PKGS=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
      libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
      libxcb-render-util0 libxcb-image0 libnss3 libcups2 fonts-wqy-microhei poppler-utils xvfb
      xauth zbar-tools postgresql)
if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-deps: not a Debian/Ubuntu system; install Qt's xcb/EGL libraries, a CJK font and poppler by hand." >&2
  exit 0
fi
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "system-deps: missing system packages; run:"
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
fi
