#!/usr/bin/env bash
# Every test, as CI runs them (.ci/run calls this): the fast suite plus the slow end-to-end cases (the walkthroughs
# run with dotnet run, the Python notebook in Jupyter, a headless browser, generated organisations end to end, the demo, training through the CLI). `dotnet test
# InsightEngine.sln` alone runs the fast suite. Extra arguments go to `dotnet test` (e.g. --filter, --logger).
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The browser tests open reports in Debian's chromium, charts need a font, and the Python notebook
# (notebooks/python/weekly-review.ipynb) runs in a Jupyter kernel with pandas: install them when missing.
need=()
[ -n "${CHROMIUM_PATH:-}" ] || [ -x /usr/bin/chromium ] || need+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ -z "${INSIGHT_TEST_PYTHON:-}" ] && ! { [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import pandas, nbclient, nbformat, ipykernel" 2>/dev/null; }; then
  need+=(python3-pandas python3-nbclient python3-ipykernel)
fi
if [ "${#need[@]}" -gt 0 ]; then
  echo "installing ${need[*]} (browser tests, chart fonts, the Python notebook)"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || echo "could not install ${need[*]}: the browser tests will fail and the Python notebook's tests are skipped"
fi

export INSIGHT_TESTS=all
dotnet test InsightEngine.sln "$@"
