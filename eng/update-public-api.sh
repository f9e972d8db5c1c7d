#!/usr/bin/env bash
# Regenerates each package's PublicAPI.Unshipped.txt from the code (the PublicApiAnalyzers code fix, RS0016),
# after an intended API change. PublicAPI.Shipped.txt is not touched. Review the diff before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/Crm.Domain src/Crm.Metrics src/Crm.Metrics.Orleans; do
  printf '#nullable enable\n' > "$project/PublicAPI.Unshipped.txt"
  dotnet format analyzers "$project/$(basename "$project").csproj" --diagnostics RS0016 --severity info >/dev/null 2>&1 || true
  echo "$project: $(($(wc -l < "$project/PublicAPI.Unshipped.txt") - 1)) unshipped API lines"
done
