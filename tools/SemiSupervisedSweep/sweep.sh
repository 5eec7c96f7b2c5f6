#!/usr/bin/env bash
# Reproduces notebooks/measurements/10-semi-supervised.csv: semi-supervised MNIST with 100 labels (10 per class), the
# K+1-class GAN against the labels-only baseline (same critic, same initial weights, same steps), three seeds,
# 4,000 steps, test accuracy every 500 steps. About 1.5 CPU-minutes per seed (single thread) on a quiet machine.
#   tools/SemiSupervisedSweep/sweep.sh [OUT.csv]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/notebooks/measurements/10-semi-supervised.csv}"
dotnet build "$root/tools/SemiSupervisedSweep" -c Release -nologo -clp:ErrorsOnly
dll="$root/tools/SemiSupervisedSweep/bin/Release/net10.0/linux-x64/SemiSupervisedSweep.dll"
dotnet "$dll" --threads 1 --seeds 1,2,3 --steps 4000 --every 500 --lr 0.003 --out "$out" --name lr0.003-4000
