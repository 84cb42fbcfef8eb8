#!/usr/bin/env bash
# Rebuilds the vendored GOV.UK Frontend stylesheet from npm (pinned in package.json).
# Run by hand when upgrading; the result is committed, so `make run`/`make test` need no Node.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../static/vendor/govuk-frontend"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/package.json" "$here/otinish.scss" "$work/"
(cd "$work" && npm install --silent --no-audit --no-fund \
    && npx sass --no-source-map --style=compressed --load-path=node_modules otinish.scss govuk-frontend.min.css)
if grep -q 'url(' "$work/govuk-frontend.min.css"; then
    echo "the stylesheet refers to an outside asset (crown, crest or font): left out on purpose" >&2
    exit 1
fi
cp "$work/govuk-frontend.min.css" "$out/"
echo "wrote $out/govuk-frontend.min.css ($(wc -c < "$out/govuk-frontend.min.css") bytes)"
