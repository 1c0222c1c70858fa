#!/usr/bin/env bash
# Frame times of a pane's demo in the real window, from JavaFX's pulse logger (not run by CI).
#
#   bash .ci/pulses.sh [--warm N] [--seconds S] [--start S] [--key KEY] [--no-priorities] PANE [APP ARGS...]
#
# Opens target/genlab.jar (build it first: mvn -B -DskipTests package) on a virtual display
# (Xvfb; the software renderer, as on CI and in virtual machines), waits --start seconds
# (default 12) for the window to open and the pane to settle, presses KEY (default space: play) N times with S seconds of play and Home between
# them to warm the JIT, then presses it once more and records S seconds of pulses. It prints
# one line: how many pulses, how many took over 16 ms, the five longest and the median. The
# whole log is kept in /tmp/genlab-pulses-PANE.log (long pulses with their phases).
#
# The JVM gets the options `mvn javafx:run` passes on Linux (README, "Smooth on two cores");
# --no-priorities leaves out the thread-priority ones, to compare. Needs Xvfb and xdotool
# (apt-get install -y xvfb xdotool) and, for the window itself, libgtk-3-0.
set -u
warm=0 secs=10 start=12 key=space prio=1
while [ $# -gt 0 ]; do
  case "$1" in
    --warm) warm=$2; shift 2;;
    --seconds) secs=$2; shift 2;;
    --start) start=$2; shift 2;;
    --key) key=$2; shift 2;;
    --no-priorities) prio=0; shift;;
    -h|--help) sed -n 2,16p "$0"; exit 0;;
    -*) echo "pulses.sh: unknown option $1" >&2; exit 2;;
    *) break;;
  esac
done
pane=${1:?usage: pulses.sh [--warm N] [--seconds S] [--start S] [--key KEY] [--no-priorities] PANE [APP ARGS...]}; shift
root=$(cd "$(dirname "$0")/.." && pwd)
jar=$root/target/genlab.jar
[ -f "$jar" ] || { echo "pulses.sh: $jar is missing; run mvn -B -DskipTests package first" >&2; exit 2; }
for tool in Xvfb xdotool; do
  command -v $tool >/dev/null || { echo "pulses.sh: $tool is missing (apt-get install -y xvfb xdotool)" >&2; exit 2; }
done

opts=(--add-modules jdk.incubator.vector -Djavafx.pulseLogger=true -Djavafx.pulseLogger.threshold=16)
[ $prio = 1 ] && opts+=(-XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=10 -XX:CompilerThreadPriority=10)
home=$(mktemp -d /tmp/genlab-pulses-home.XXXXXX)
log=/tmp/genlab-pulses-$pane.log
disp=:$((500 + RANDOM % 400))
Xvfb "$disp" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
app=
trap '[ -n "$app" ] && kill $app 2>/dev/null; kill $xvfb 2>/dev/null; rm -rf "$home"' EXIT
sleep 1
DISPLAY=$disp java -Dgenlab.home="$home" "${opts[@]}" -jar "$jar" --pane "$pane" "$@" >"$log" 2>&1 &
app=$!
sleep "$start" # start-up, the pane's first computations, and the window's first frames
export DISPLAY=$disp
xdotool mousemove 800 500
for _ in $(seq 1 "$warm"); do
  xdotool key "$key"; sleep "$secs"; xdotool key Home; sleep 2
done
from=$(wc -l <"$log")
xdotool key "$key"
sleep "$secs"
to=$(wc -l <"$log")
kill $app; wait $app 2>/dev/null; app=

# "PULSE: n [gap:duration]" starts a long pulse's report; "[n gap:duration]" is a short one.
sed -n "$((from + 1)),${to}p" "$log" \
  | grep -oE 'PULSE: [0-9]+ \[[0-9]+ms:[0-9]+ms\]|\[[0-9]+ [0-9]+ms:[0-9]+ms\]' \
  | sed -E 's/.*:([0-9]+)ms\]$/\1/' | sort -n \
  | awk -v pane="$pane" -v warm="$warm" '
      { d[NR] = $1; if ($1 > 16) over++ }
      END {
        if (NR == 0) { print pane ": no pulses recorded (did the window open? see the log)"; exit 1 }
        worst = ""; for (i = (NR > 5 ? NR - 4 : 1); i <= NR; i++) worst = worst " " d[i]
        printf "%s (warm-ups %d): %d pulses, %d over 16 ms; longest%s ms; median %d ms\n",
               pane, warm, NR, over, worst, d[int((NR + 1) / 2)]
      }'
