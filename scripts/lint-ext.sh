#!/usr/bin/env bash
# web-ext lint must report no errors and no warning but the one a single
# manifest for both browsers cannot avoid (Firefox ignores service_worker).
set -euo pipefail
cd "$(dirname "$0")/.."

out=$(npx --no-install web-ext lint --source-dir extension --self-hosted --output json --no-input)
node -e '
  const r = JSON.parse(process.argv[1]);
  const allowed = new Set(["BACKGROUND_SERVICE_WORKER_IGNORED"]);
  const bad = [...r.errors, ...r.warnings.filter((w) => !allowed.has(w.code))];
  for (const m of [...r.errors, ...r.warnings, ...r.notices]) console.log(`${m._type}: ${m.code} ${m.file ?? ""} ${m.message}`);
  console.log(`web-ext lint: ${r.summary.errors} errors, ${r.summary.warnings} warnings, ${r.summary.notices} notices`);
  process.exit(bad.length ? 1 : 0);
' "$out"
