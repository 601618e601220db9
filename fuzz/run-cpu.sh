#!/usr/bin/env bash
# Run one libFuzzer binary until it has had MINUTES of CPU time (user +
# system, read from /proc), however busy the machine is, then interrupt it
# so it prints its final stats. Wall-clock -max_total_time undercounts a
# fuzzer that shares its cores; the acceptance counts CPU-minutes.
#
#   fuzz/run-cpu.sh MINUTES LOG BINARY [libFuzzer args...]
#
# The log gets libFuzzer's output and a last line
# "cpu_minutes=<m> execs=<n> execs_per_cpu_s=<r>".
set -euo pipefail
minutes=$1 log=$2
shift 2
"$@" >"$log" 2>&1 &
pid=$!
tick=$(getconf CLK_TCK)
limit=$((minutes * 60 * tick))
cpu=0
while kill -0 "$pid" 2>/dev/null; do
    # Fields 14 and 15 of /proc/PID/stat: user and system ticks.
    if stat=$(cat "/proc/$pid/stat" 2>/dev/null); then
        read -r -a f <<<"${stat##*) }"
        cpu=$((f[11] + f[12]))
        if ((cpu >= limit)); then
            kill -INT "$pid" 2>/dev/null || true
            break
        fi
    fi
    sleep 5
done
wait "$pid" || true
execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
execs=${execs:-0}
echo "cpu_minutes=$(awk -v c="$cpu" -v t="$tick" 'BEGIN{printf "%.1f", c/t/60}') execs=$execs execs_per_cpu_s=$(awk -v c="$cpu" -v t="$tick" -v e="$execs" 'BEGIN{ if (c>0) printf "%.1f", e/(c/t); else print 0}')" >>"$log"
