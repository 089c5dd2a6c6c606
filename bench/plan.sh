#!/bin/sh
# Times RolloutSimulator on 20-group rollouts over a one-year horizon (issue 3 target: < 50 ms per
# simulation after warm-up). Bounded: 5 scenarios x (warm-up + runs) simulations, no network.
# Usage: bench/plan.sh [warmup] [runs]     (defaults 30 100)
set -eu
cd "$(dirname "$0")/.."
./mvnw -o -q test-compile
exec java -Xms256m -Xmx512m -cp target/classes:target/test-classes dev.lockstep.plan.PlanBenchmark "${1:-30}" "${2:-100}"
