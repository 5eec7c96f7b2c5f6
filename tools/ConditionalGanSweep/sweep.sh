#!/usr/bin/env bash
# Reproduces notebooks/measurements/09-gans.csv: notebook 09's configurations, three seeds each, measured every 500
# steps on 1,000 fresh samples. About 40 CPU-seconds per 1,000 steps (single thread) on the course's machine.
#   tools/ConditionalGanSweep/sweep.sh [OUT.csv]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/notebooks/measurements/09-gans.csv}"
dotnet build "$root/tools/ConditionalGanSweep" -c Release -nologo -clp:ErrorsOnly
dll="$root/tools/ConditionalGanSweep/bin/Release/net10.0/linux-x64/ConditionalGanSweep.dll"
run() { dotnet "$dll" --threads 1 --seeds 1,2,3 --every 500 --out "$out" --name "$@"; }
run standard-tanh-ls   --steps 1500 --unconditional --tanh --real-label 0.9   # 09's standard GAN (07's recipe)
run tanh-ls-concat     --steps 3000 --tanh --real-label 0.9                   # conditional: label appended to the pixels
run tanh-ls-projection --steps 3000 --tanh --real-label 0.9 --projection      # conditional: projection critic (09's)
run tanh-projection    --steps 3000 --tanh --projection                       # ... without label smoothing
