#!/usr/bin/env bash
# Reproduces notebooks/measurements/06-tricks.csv: the configurations of notebook 06's table of learning rates and
# tricks, three seeds each, measured every 500 steps on 2,500 samples from the trainer's fixed noise. Each run takes
# about 1 CPU-second per 1,000 steps (single thread).
#   tools/RingSweep/sweep.sh [OUT.csv]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/notebooks/measurements/06-tricks.csv}"
dotnet build "$root/tools/RingSweep" -c Release -nologo -clp:ErrorsOnly
dll="$root/tools/RingSweep/bin/Release/net10.0/linux-x64/RingSweep.dll"
run() { local steps="$1"; shift; dotnet "$dll" --threads 1 --seeds 1,2,3 --steps "$steps" --every 500 --out "$out" --name "$@"; }
# The learning rates (Adam, beta1 0.5) of both players: Metz et al.'s ring setting, then a faster generator, then equal rates.
run 8000 "G 1e-3 / D 1e-4 (Metz et al.)"       --lr-g 1e-3 --lr-d 1e-4
run 8000 "G 3e-4 / D 1e-4"                     --lr-g 3e-4 --lr-d 1e-4
run 8000 "G 1e-4 / D 1e-4"                     --lr-g 1e-4 --lr-d 1e-4
run 8000 "G 1e-4 / D 1e-4 batch 256"           --lr-g 1e-4 --lr-d 1e-4 --batch 256
run 8000 "G 2e-4 / D 2e-4"                     --lr-g 2e-4 --lr-d 2e-4
run 8000 "G 2e-4 / D 2e-4 + smoothing 0.9"     --lr-g 2e-4 --lr-d 2e-4 --real-label 0.9
run 8000 "G 2e-4 / D 2e-4 + batch norm in G"   --lr-g 2e-4 --lr-d 2e-4 --batch-norm
run 8000 "G 2e-4 / D 2e-4 + [-1 1] + tanh"     --lr-g 2e-4 --lr-d 2e-4 --tanh --scale 0.45
run 8000 "G 5e-4 / D 5e-4"                     --lr-g 5e-4 --lr-d 5e-4
run 8000 "G 1e-3 / D 1e-3 = plain GAN"         --lr-g 1e-3 --lr-d 1e-3
# The tricks, each alone, on the plain GAN (the RingRecipe defaults: both rates 1e-3).
run 4000 "plain + smoothing 0.9"               --real-label 0.9
run 4000 "plain + batch norm in G"             --batch-norm
run 4000 "plain + [-1 1] + tanh"               --tanh --scale 0.45
run 4000 "plain + k = 3"                       --k 3
run 4000 "plain + scale 0.5 (linear)"          --scale 0.5
