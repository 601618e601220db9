#!/usr/bin/env bash
# Fault trials for a batch (issue 20). Run from the repo root:
#
#   nice -n 19 bench/faults.sh [target/release/docket] [WORKDIR]
#
# 1. kill -9 at a random moment of a batch, 20 times: every output left is
#    a whole, valid docket/1 document (`docket validate`), no other file but
#    temp files is left, and the next run sweeps the temp files (once they
#    are stale: the trial ages them, see below) and writes every output.
# 2. A full output disk (a 1 MiB tmpfs, filled up after a first run; needs
#    root, else the trial is skipped and says so): each file that does not
#    fit fails with output.io, outputs already there stay whole, no temp
#    file is left.
# 3. Inputs deleted while the batch runs: each fails with input.io (or was
#    done before), and the batch finishes.
# 4. SIGTERM during a batch: it stops within a second and prints what was
#    done ("docket: interrupted: N written, ...").
#
# Prints PASS/FAIL per trial; exits non-zero if any fails. TRIALS="2 4"
# runs only those trials.
set -u
TRIALS=${TRIALS:-1 2 3 4}
want() { [[ " $TRIALS " == *" $1 "* ]]; }
BIN=$(realpath "${1:-target/release/docket}")
WORK=${2:-$(mktemp -d /tmp/docket-faults.XXXXXX)}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
fail=0
pass() { echo "PASS $*"; }
flunk() { echo "FAIL $*"; fail=1; }

# A batch of inputs: every corpus file, copied under distinct names.
make_inputs() {
  local dir=$1 copies=$2
  rm -rf "$dir" && mkdir -p "$dir"
  local i=0
  for c in $(seq 1 "$copies"); do
    for f in "$ROOT"/corpus/seeds/*.txt "$ROOT"/corpus/rendered/*.docx "$ROOT"/corpus/rendered/*.pdf; do
      i=$((i + 1))
      cp "$f" "$dir/$(printf '%04d' $i)-$(basename "$f")"
    done
  done
}

# Every output (*.json but the batch's manifest.json) in DIR validates, and
# the manifest, if there, is whole JSON; print how many outputs.
all_valid() {
  local dir=$1
  local n
  n=$(find "$dir" -maxdepth 1 -name '*.json' ! -name manifest.json | wc -l)
  if [ "$n" -gt 0 ]; then
    find "$dir" -maxdepth 1 -name '*.json' ! -name manifest.json -print0 |
      xargs -0 "$BIN" validate >"$WORK/validate.err" 2>&1 || return 1
  fi
  if [ -e "$dir/manifest.json" ]; then
    python3 -m json.tool "$dir/manifest.json" >/dev/null 2>>"$WORK/validate.err" || return 1
  fi
  echo "$n"
}

# ---- 1. kill -9 -------------------------------------------------------------
if want 1; then
make_inputs "$WORK/in" 4
total=$(ls "$WORK/in" | wc -l)
ok=1
for trial in $(seq 1 20); do
  out="$WORK/kill-out"
  rm -rf "$out"
  "$BIN" extract "$WORK/in" -o "$out" -j 2 --timeout 60 2>/dev/null &
  pid=$!
  # A random moment in the first ~2 s (a full run takes a few seconds).
  sleep "$(awk -v s="$RANDOM" 'BEGIN { srand(s); printf "%.2f", 0.05 + rand() * 2 }')"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  others=$(find "$out" -type f ! -name '*.json' ! -name '.docket-tmp-*' 2>/dev/null | wc -l)
  temps=$(find "$out" -type f -name '.docket-tmp-*' 2>/dev/null | wc -l)
  if ! valid=$(all_valid "$out"); then
    flunk "kill -9 trial $trial: an output left does not validate: $(head -3 "$WORK/validate.err")"
    ok=0
    continue
  fi
  # A run sweeps its own temp files and those of other runs once they are
  # STALE_TEMP_AGE (15 min) old, so that two runs into one folder do not
  # take each other's in-flight files: age the killed run's temp files.
  find "$out" -name '.docket-tmp-*' -exec touch -d '20 minutes ago' {} +
  "$BIN" extract "$WORK/in" -o "$out" -j 2 --timeout 60 2>"$WORK/rerun.err"
  after_temps=$(find "$out" -name '.docket-tmp-*' | wc -l)
  after=$(all_valid "$out" || echo invalid)
  echo "  trial $trial: $valid whole outputs, $temps temp files, $others other files; rerun: $after of $total outputs, $after_temps temp files"
  if [ "$others" -ne 0 ] || [ "$after_temps" -ne 0 ] || [ "$after" != "$total" ]; then
    flunk "kill -9 trial $trial"
    ok=0
  fi
done
[ $ok = 1 ] && pass "kill -9 x20: only whole valid outputs, temp files swept by the next run"
fi

# ---- 2. full disk -------------------------------------------------------------
if want 2; then
disk="$WORK/disk"
mkdir -p "$disk"
if mount -t tmpfs -o size=1m tmpfs "$disk" 2>/dev/null; then
  make_inputs "$WORK/in2" 1
  # A first run with room writes some outputs; keep their bytes.
  "$BIN" extract "$WORK/in2"/0001-* -o "$disk" 2>/dev/null
  before=$(cat "$disk"/0001-*.json | sha256sum)
  # Fill the disk to the last few KiB.
  dd if=/dev/zero of="$disk/filler" bs=4k 2>/dev/null
  "$BIN" extract "$WORK/in2" -o "$disk" -j 2 --timeout 60 2>"$WORK/full.err"
  rc=$?
  failed=$(grep -c '^docket: error: ' "$WORK/full.err")
  io=$(grep -c ': output.io: ' "$WORK/full.err")
  temps=$(find "$disk" -name '.docket-tmp-*' | wc -l)
  after=$(cat "$disk"/0001-*.json | sha256sum)
  valid=$(all_valid "$disk" || echo invalid)
  echo "  full disk: exit $rc, $failed failed, $io with output.io, $temps temp files, $valid valid outputs"
  if [ "$failed" -gt 0 ] && [ "$failed" = "$io" ] && [ "$temps" = 0 ] && [ "$before" = "$after" ] && [ "$valid" != invalid ]; then
    pass "full disk: every failure is output.io, nothing written before is lost, no temp files"
  else
    flunk "full disk"
    head -5 "$WORK/full.err"
  fi
  umount "$disk"
else
  echo "SKIP full disk: cannot mount a tmpfs here (not allowed in this container)"
fi
fi

# ---- 3. inputs deleted mid-batch ------------------------------------------------
if want 3; then
make_inputs "$WORK/in3" 6
n3=$(ls "$WORK/in3" | wc -l)
rm -rf "$WORK/out3"
"$BIN" extract "$WORK/in3" -o "$WORK/out3" -j 1 --timeout 60 2>"$WORK/del.err" &
pid=$!
sleep 0.3
# Delete the second half (in name order; the batch starts at the front).
ls "$WORK/in3" | sort | tail -n $((n3 / 2)) | sed "s|^|$WORK/in3/|" | xargs rm -f
wait "$pid"
rc=$?
written=$(ls "$WORK/out3" | grep -vc '^manifest.json$')
failed=$(grep -c '^docket: error: ' "$WORK/del.err")
io=$(grep -c ': input.io: ' "$WORK/del.err")
summary=$(tail -1 "$WORK/del.err")
echo "  deleted inputs: exit $rc, $written written, $failed failed ($io input.io) of $n3; summary: $summary"
if [ $((written + failed)) = "$n3" ] && [ "$failed" = "$io" ] && [ "$io" -gt 0 ]; then
  pass "deleted inputs: each is an input.io error, the rest are written"
else
  flunk "deleted inputs"
fi
fi

# ---- 4. SIGTERM ------------------------------------------------------------------
if want 4; then
make_inputs "$WORK/in4" 20
rm -rf "$WORK/out4"
"$BIN" extract "$WORK/in4" -o "$WORK/out4" -j 2 2>"$WORK/term.err" &
pid=$!
sleep 1
start=$(date +%s.%N)
kill -TERM "$pid"
wait "$pid"
rc=$?
took=$(echo "$(date +%s.%N) - $start" | bc)
line=$(grep '^docket: interrupted: ' "$WORK/term.err")
temps=$(find "$WORK/out4" -name '.docket-tmp-*' | wc -l)
valid=$(all_valid "$WORK/out4" || echo invalid)
echo "  SIGTERM: exit $rc after ${took}s, '$line', $valid valid outputs, $temps temp files"
if [ -n "$line" ] && (( $(echo "$took < 1.5" | bc) )) && [ "$temps" = 0 ] && [ "$valid" != invalid ]; then
  pass "SIGTERM: stops within a second and prints what was done"
else
  flunk "SIGTERM"
fi
fi

echo "work dir: $WORK"
exit $fail
