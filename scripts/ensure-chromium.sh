#!/usr/bin/env bash
# The report's browser test drives Debian's chromium through playwright-core (never a downloaded browser).
# Installs it when missing and we are allowed to; otherwise says what to do. Quiet when it is there.
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the report's browser test (apt-get)" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && exit 0
fi
echo "warning: /usr/bin/chromium is missing; the browser test will fail. Install it: sudo apt-get install chromium" >&2
exit 0
