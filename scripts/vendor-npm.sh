#!/usr/bin/env bash
# Re-fetch the vendored front-end files from the npm registry (no CDN, no build step).
# Versions are pinned here; after a bump, look at the pages and run `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
ECHARTS=6.1.0     # charts on dashboards, forecasts, warnings and statistics (Apache-2.0)
AXE_CORE=4.14.1   # accessibility checks in the browser tests only (MPL-2.0)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "echarts@$ECHARTS" "axe-core@$AXE_CORE" >/dev/null)
tar xzf "$work/echarts-$ECHARTS.tgz" -C "$work" package/dist/echarts.min.js package/LICENSE package/NOTICE
install -D -m 644 "$work/package/dist/echarts.min.js" chanjiao/web/static/vendor/echarts/echarts.min.js
install -m 644 "$work/package/LICENSE" "$work/package/NOTICE" chanjiao/web/static/vendor/echarts/
rm -rf "$work/package"
tar xzf "$work/axe-core-$AXE_CORE.tgz" -C "$work" package/axe.min.js package/LICENSE
install -D -m 644 "$work/package/axe.min.js" chanjiao/web/tests/vendor/axe-core/axe.min.js
install -m 644 "$work/package/LICENSE" chanjiao/web/tests/vendor/axe-core/
echo "echarts $ECHARTS, axe-core $AXE_CORE vendored."
