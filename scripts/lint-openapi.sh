#!/usr/bin/env bash
# Lints every contract under openapi/ (*.yml, *.yaml) with Spectral's OpenAPI ruleset
# (openapi/.spectral.yaml extends spectral:oas): any error or warning fails.
# Needs @stoplight/spectral-cli at the version pinned in the root pom.xml (spectral-cli.version);
# .ci/run installs it. Usage: scripts/lint-openapi.sh
set -euo pipefail
cd "$(dirname "$0")/.."
pinned=$(sed -n 's:.*<spectral-cli.version>\(.*\)</spectral-cli.version>.*:\1:p' pom.xml)
[ -n "$pinned" ] || { echo "lint-openapi: no spectral-cli.version in pom.xml" >&2; exit 1; }
if ! command -v spectral >/dev/null 2>&1; then
  echo "lint-openapi: spectral not found; install it with: npm install -g @stoplight/spectral-cli@$pinned" >&2
  exit 1
fi
found=$(spectral --version 2>/dev/null | tail -1)
if [ "$found" != "$pinned" ]; then
  echo "lint-openapi: spectral $found found, $pinned pinned; install it with: npm install -g @stoplight/spectral-cli@$pinned" >&2
  exit 1
fi
shopt -s nullglob
contracts=(openapi/*.yml openapi/*.yaml)
contracts=("${contracts[@]/openapi\/.spectral.yaml}")
files=()
for contract in "${contracts[@]}"; do
  [ -n "$contract" ] && files+=("$contract")
done
[ ${#files[@]} -gt 0 ] || { echo "lint-openapi: no contract under openapi/" >&2; exit 1; }
echo "lint-openapi: spectral $found, ${#files[@]} contracts: ${files[*]}"
spectral lint --ruleset openapi/.spectral.yaml --fail-severity=warn "${files[@]}"
