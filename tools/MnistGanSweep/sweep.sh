#!/usr/bin/env bash
# Reproduces notebooks/measurements/07-recipes.csv: the configurations of notebook 07's recipe table, three seeds each,
# 4,000 steps, measured every 500 steps on 2,000 fresh samples. Takes about 3 CPU-minutes per run (single thread) on
# the course's machine; run it on a quiet machine or leave it overnight.
#   tools/MnistGanSweep/sweep.sh [OUT.csv]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/notebooks/measurements/07-recipes.csv}"
dotnet build "$root/tools/MnistGanSweep" -c Release -nologo -clp:ErrorsOnly
dll="$root/tools/MnistGanSweep/bin/Release/net10.0/linux-x64/MnistGanSweep.dll"
run() { dotnet "$dll" --threads 1 --seeds 1,2,3 --steps 4000 --every 500 --out "$out" --name "$@"; }
run plain-fast                                              # the old notebook's recipe: [0, 1], sigmoid, Adam 2e-4 / 0.5
run tanh            --tanh                                  # + inputs in [-1, 1] with tanh
run tanh-ls         --tanh --real-label 0.9                 # + one-sided label smoothing
run tanh-ls-drop03  --tanh --real-label 0.9 --dropout 0.3   # + dropout 0.3 in D
run tanh-ls-noise01 --tanh --real-label 0.9 --noise 0.1     # + instance noise (std 0.1) in D
run tanh-ls-lrd1e-4 --tanh --real-label 0.9 --lr-d 1e-4     # + D's learning rate halved
run tanh-ls-dwide   --tanh --real-label 0.9 --d-hidden 256  # + a critic twice as wide
run tanh-ls-b64     --tanh --real-label 0.9 --batch 64      # + batch 64
