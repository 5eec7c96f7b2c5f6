#!/usr/bin/env bash
# A mutation pass over the library's numerical core with Stryker.NET (dotnet-stryker 5.1.0), one area at a time:
# each area mutates its own source files and runs only the tests that cover it. See tests/README.md for the measured
# scores and how long each area takes.
#
#   tests/mutation-pass.sh                 every area: exercises math losses metrics trainer-step
#   tests/mutation-pass.sh exercises math  the named areas only
#
# Needs: dotnet tool install -g dotnet-stryker --version 5.1.0 (and ~/.dotnet/tools on PATH).
# Reports (HTML, JSON, Markdown) go to out/mutation/<area>/.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dotnet-stryker >/dev/null || PATH="$PATH:$HOME/.dotnet/tools"
command -v dotnet-stryker >/dev/null || {
  echo "mutation-pass: dotnet-stryker is missing; install it with: dotnet tool install -g dotnet-stryker --version 5.1.0" >&2
  exit 1
}

# libtorch at one thread: every mutant starts a test process, and a multi-threaded libtorch on a busy machine spends
# its time spinning (the metrics tests took 4x the CPU and wall time at the default thread count).
export OMP_NUM_THREADS=1

# The trainer's step is one method of a larger file: mutate only the lines of GanTrainer.TrainStep.
trainer=lib/GanCourse/Training/GanTrainer.cs
first=$(grep -n '^    void TrainStep()' "$trainer" | cut -d: -f1)
last=$(awk -v s="$first" 'NR > s && /^    }$/ { print NR; exit }' "$trainer")
[[ -n $first && -n $last ]] || { echo "mutation-pass: cannot find GanTrainer.TrainStep in $trainer" >&2; exit 1; }
# Stryker's {start..end} spans count characters (Roslyn text positions, no byte-order mark), not lines.
chars() { head -n "$1" "$trainer" | sed '1s/^\xEF\xBB\xBF//' | LC_ALL=C.UTF-8 wc -m; }
from=$(chars $((first - 1))) to=$(chars "$last")

# area -> mutate glob | test filter (tests that need downloaded datasets stay out: they are slow and the pass must run anywhere)
declare -A mutate filter
mutate[exercises]='**/Exercises/**/*.cs'
filter[exercises]='FullyQualifiedName~GanCourse.Tests.Exercises'
mutate[math]='**/Math/**/*.cs'
filter[math]='FullyQualifiedName~GanCourse.Tests.MathTests'
mutate[losses]='**/Losses/**/*.cs'
filter[losses]='FullyQualifiedName~GanCourse.Tests.Losses|FullyQualifiedName~GanCourse.Tests.Training.GanTrainerTests'
mutate[metrics]='**/Metrics/**/*.cs'
filter[metrics]='FullyQualifiedName~GanCourse.Tests.Metrics&FullyQualifiedName!~MnistMetricsTests'
mutate[trainer-step]="**/Training/GanTrainer.cs{$from..$to}"
filter[trainer-step]='FullyQualifiedName~GanCourse.Tests.Training&FullyQualifiedName!~MnistTrainingTests'

areas=("$@")
(( ${#areas[@]} )) || areas=(exercises math losses metrics trainer-step)
for area in "${areas[@]}"; do
  [[ -n ${mutate[$area]:-} ]] || { echo "mutation-pass: unknown area '$area' (exercises, math, losses, metrics, trainer-step)" >&2; exit 1; }
  echo "== $area: mutating ${mutate[$area]}, tests: ${filter[$area]}"
  (cd tests/GanCourse.Tests &&
    nice -n 15 dotnet-stryker --project GanCourse.csproj --configuration Release --concurrency 1 \
      --mutate "${mutate[$area]}" --test-case-filter "${filter[$area]}" \
      --reporter Progress --reporter Html --reporter Json --reporter Markdown --reporter ClearText \
      --output "../../out/mutation/$area" --skip-version-check)
done
