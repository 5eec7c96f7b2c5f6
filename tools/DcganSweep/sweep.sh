#!/usr/bin/env bash
# Reproduces notebooks/measurements/08-dcgan-quick.csv: notebook 08's quick recipe (f = 16, batch 128, Adam 2e-4 / 0.5)
# for three seeds over the quick profile's 3,000 steps, and one-sided label smoothing beside it, measured every 600
# steps on 2,000 fresh samples. About 4 CPU-minutes per seed (single thread) on the course's machine.
#   tools/DcganSweep/sweep.sh [OUT.csv]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/notebooks/measurements/08-dcgan-quick.csv}"
dotnet build "$root/tools/DcganSweep" -c Release -nologo -clp:ErrorsOnly
dll="$root/tools/DcganSweep/bin/Release/net10.0/linux-x64/DcganSweep.dll"
run() { dotnet "$dll" --threads 1 --seeds 1,2,3 --steps 3000 --every 600 --features 16 --out "$out" --name "$@"; }
run f16                     # the notebook's quick recipe
run f16-ls --real-label 0.9 # + one-sided label smoothing
