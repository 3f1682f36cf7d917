#!/usr/bin/env bash
# Debian's Chromium for the end-to-end console test; skipped quietly where apt is unavailable.
set -u
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null) \
    || echo "warning: could not install chromium; browser tests will skip" >&2
fi
exit 0
