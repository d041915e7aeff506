#!/usr/bin/env bash
# Network-delay lab: the reference's "WebSocket vs REST at every network delay" measurement, on one
# machine. Two network namespaces (server, client) are joined by a link with a fixed ROUND-TRIP
# delay d (d/2 added in each direction, so RTT = d + the link's own few tens of µs); the real RTT
# is measured with ping at every delay. The server runs in one namespace, src/bench-client/main.ts
# in the other, for REST (a new TCP connection per request, as the reference client), REST
# keep-alive, WebSocket and persistent TCP. Writes a markdown table and an SVG chart.
#
# The link: a veth pair with `tc qdisc netem delay d/2` on both ends when the kernel has sch_netem;
# otherwise (e.g. Firecracker VMs whose kernel lacks CONFIG_NET_SCH_NETEM) two TUN devices joined by
# scripts/netlab/delay-line.ts, a userspace delay line (Deno FFI) that does the same thing.
#
# Usage: sudo scripts/netlab/run-lab.sh [--delays "0 5 10 20 40 80 160 320"] (0 = baseline row) [--requests 30]
#          [--server-runtime deno|node|bun] [--client-runtime node|deno|bun] [--link auto|netem|delay-line]
#          [--transports "rest rest-keepalive websocket tcp"] [--image tests/fixtures/Bruce.jpg]
#          [--out docs/netlab-results] [--name lab] [--priority none|nice|realtime]
# --priority runs server and client at nice -15 or SCHED_FIFO 40 (chrt), so that other work on a
# shared machine does not put its run-queue waits into the numbers (default: none).
# --congestion-control (default cubic, set in both namespaces; "default" keeps the host's): BBR, the
# default of some kernels, paces every flight of a warm connection, which spreads a 9 KB request over
# about 0.2 × RTT; a fresh connection's first flight is not paced. The report names the one used.
# Needs root (namespaces, links), iproute2 and iputils-ping (apt-get install -y iproute2 iputils-ping).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
COMMAND_LINE="scripts/netlab/run-lab.sh $*"

DELAYS="0 5 10 20 40 80 160 320"
REQUESTS=30
SERVER_RUNTIME=deno
CLIENT_RUNTIME=node
LINK=auto
TRANSPORTS="rest rest-keepalive websocket tcp"
IMAGE=tests/fixtures/Bruce.jpg
ENDPOINT=/detector/detect/
OUT=docs/netlab-results
NAME=lab
PRIORITY=none
CONGESTION_CONTROL=cubic

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --delays) DELAYS="$2"; shift 2 ;;
    --requests) REQUESTS="$2"; shift 2 ;;
    --server-runtime) SERVER_RUNTIME="$2"; shift 2 ;;
    --client-runtime) CLIENT_RUNTIME="$2"; shift 2 ;;
    --link) LINK="$2"; shift 2 ;;
    --transports) TRANSPORTS="$2"; shift 2 ;;
    --image) IMAGE="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --name) NAME="$2"; shift 2 ;;
    --priority) PRIORITY="$2"; shift 2 ;;
    --congestion-control) CONGESTION_CONTROL="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "Unknown option \"$1\"" >&2; usage >&2; exit 2 ;;
  esac
done

if [ "$(id -u)" != 0 ]; then
  echo "run-lab.sh needs root to create network namespaces and links; nothing was changed." >&2
  echo "Run it as root (e.g. sudo $COMMAND_LINE)." >&2
  exit 77
fi
for tool in ip ping; do
  command -v "$tool" >/dev/null || { echo "Missing \"$tool\": apt-get update && apt-get install -y iproute2 iputils-ping" >&2; exit 3; }
done
case "$SERVER_RUNTIME" in deno|node|bun) ;; *) echo "--server-runtime must be deno, node or bun" >&2; exit 2 ;; esac
case "$CLIENT_RUNTIME" in deno|node|bun) ;; *) echo "--client-runtime must be deno, node or bun" >&2; exit 2 ;; esac
case "$PRIORITY" in
  none) PRIO=() ;;
  nice) PRIO=(nice -n -15) ;;
  realtime) PRIO=(chrt -f 40) ;;
  *) echo "--priority must be none, nice or realtime" >&2; exit 2 ;;
esac

BIN="$ROOT/node_modules/.bin"
DENO="$(node "$ROOT/scripts/deno-executable.mjs")"
TAG="evl$$"                      # unique names: several labs may run at once
NS_S="$TAG-srv"; NS_C="$TAG-cli"
DEV_S="$TAG-s0"; DEV_C="$TAG-c0"
IP_S=10.250.0.1; IP_C=10.250.0.2
HTTP_PORT=8008; TCP_PORT=8011   # inside the server's own namespace, so fixed ports cannot collide
WORK="$(mktemp -d "${TMPDIR:-/tmp}/netlab.XXXXXX")"
RAW="$WORK/raw"; mkdir -p "$RAW"
SERVER_PID=""; DELAY_LINE_PID=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  [ -n "$SERVER_PID" ] && kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
  [ -n "$DELAY_LINE_PID" ] && kill -TERM "$DELAY_LINE_PID" 2>/dev/null || true
  sleep 0.5
  [ -n "$SERVER_PID" ] && kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
  ip netns del "$NS_S" 2>/dev/null || true
  ip netns del "$NS_C" 2>/dev/null || true
  ip link del "$DEV_S" 2>/dev/null || true
  [ -n "${ORIGINAL_ALLOWED_CC:-}" ] && echo "$ORIGINAL_ALLOWED_CC" >/proc/sys/net/ipv4/tcp_allowed_congestion_control
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'echo "Interrupted; removing namespaces." >&2; exit 130' INT TERM

netem_available() {
  local probe="$TAG-probe"
  ip netns add "$probe"
  local ok=1
  ip netns exec "$probe" tc qdisc add dev lo root netem delay 1ms 2>/dev/null && ok=0
  ip netns del "$probe"
  return $ok
}

if [ "$LINK" = auto ]; then
  if command -v tc >/dev/null && netem_available; then LINK=netem; else LINK=delay-line; fi
fi
echo "Link: $LINK (round-trip delay d = d/2 each way)"

ip netns add "$NS_S"
ip netns add "$NS_C"
ip -n "$NS_S" link set lo up
ip -n "$NS_C" link set lo up
if [ "$CONGESTION_CONTROL" = default ]; then
  CONGESTION_CONTROL="$(cat /proc/sys/net/ipv4/tcp_congestion_control)"
else
  # A namespace may only pick an algorithm on the host's "allowed" list: add it for the run, restore after.
  ALLOWED_CC_FILE=/proc/sys/net/ipv4/tcp_allowed_congestion_control
  ORIGINAL_ALLOWED_CC="$(cat "$ALLOWED_CC_FILE")"
  case " $ORIGINAL_ALLOWED_CC " in
    *" $CONGESTION_CONTROL "*) ORIGINAL_ALLOWED_CC="" ;;
    *) echo "$ORIGINAL_ALLOWED_CC $CONGESTION_CONTROL" >"$ALLOWED_CC_FILE" ;;
  esac
  for ns in "$NS_S" "$NS_C"; do
    ip netns exec "$ns" sh -c "echo $CONGESTION_CONTROL > /proc/sys/net/ipv4/tcp_congestion_control" \
      || { echo "Congestion control \"$CONGESTION_CONTROL\" is not available: $(cat /proc/sys/net/ipv4/tcp_available_congestion_control)" >&2; exit 2; }
  done
fi
echo "TCP congestion control: $CONGESTION_CONTROL"

if [ "$LINK" = netem ]; then
  ip link add "$DEV_S" type veth peer name "$DEV_C"
  ip link set "$DEV_S" netns "$NS_S"
  ip link set "$DEV_C" netns "$NS_C"
  ip -n "$NS_S" addr add "$IP_S/24" dev "$DEV_S"
  ip -n "$NS_C" addr add "$IP_C/24" dev "$DEV_C"
  ip -n "$NS_S" link set "$DEV_S" up
  ip -n "$NS_C" link set "$DEV_C" up
fi

# Sets the round-trip delay to $1 ms (0 = none).
set_delay() {
  local rtt="$1"
  local half; half="$(awk -v d="$rtt" 'BEGIN { printf "%.3f", d / 2 }')"
  if [ "$LINK" = netem ]; then
    ip netns exec "$NS_S" tc qdisc replace dev "$DEV_S" root netem delay "${half}ms" limit 100000
    ip netns exec "$NS_C" tc qdisc replace dev "$DEV_C" root netem delay "${half}ms" limit 100000
    return
  fi
  if [ -n "$DELAY_LINE_PID" ]; then
    # The running delay line takes the new one-way delay on its control pipe and acknowledges it.
    echo "$half" >&7
    for _ in $(seq 100); do grep -q "^delay $half\$" "$WORK/delay-line.log" && break; sleep 0.05; done
    grep -q "^delay $half\$" "$WORK/delay-line.log" || { cat "$WORK/delay-line.log" >&2; echo "The delay line did not take the new delay" >&2; exit 4; }
    return
  fi
  local log="$WORK/delay-line.log"
  local priority=()
  command -v chrt >/dev/null && priority=(chrt -f 50)   # real-time priority: less jitter on a busy machine
  mkfifo "$WORK/delay-line.ctl"
  ${priority[@]+"${priority[@]}"} "$DENO" run --allow-ffi --allow-read=/dev/net/tun --allow-write=/dev/net/tun \
    scripts/netlab/delay-line.ts --tun-a "$DEV_S" --tun-b "$DEV_C" --one-way-ms "$half" <"$WORK/delay-line.ctl" >"$log" 2>&1 &
  DELAY_LINE_PID=$!
  exec 7>"$WORK/delay-line.ctl"   # keeps the control pipe open; closing it (exit) stops the delay line
  for _ in $(seq 600); do grep -q ready "$log" && break; sleep 0.1; done
  grep -q ready "$log" || { cat "$log" >&2; echo "The delay line did not start" >&2; exit 4; }
  ip link set "$DEV_S" netns "$NS_S"
  ip link set "$DEV_C" netns "$NS_C"
  ip -n "$NS_S" addr add "$IP_S" peer "$IP_C" dev "$DEV_S"
  ip -n "$NS_C" addr add "$IP_C" peer "$IP_S" dev "$DEV_C"
  ip -n "$NS_S" link set "$DEV_S" up
  ip -n "$NS_C" link set "$DEV_C" up
}

runtime_command() { # $1 = runtime, $2 = script
  case "$1" in
    node) echo "$(command -v node) --import tsx $2" ;;
    deno) echo "$DENO run -A $2" ;;
    bun) echo "$BIN/bun $2" ;;
  esac
}

set_delay 0
SERVER_LOG="$WORK/server.log"
# shellcheck disable=SC2046
setsid ip netns exec "$NS_S" ${PRIO[@]+"${PRIO[@]}"} $(runtime_command "$SERVER_RUNTIME" "src/runtime/$SERVER_RUNTIME/serve.ts") \
  --host 0.0.0.0 --port "$HTTP_PORT" --tcp-port "$TCP_PORT" --pool-size 1 --tasks face-detection \
  --data-dir "$WORK/data" >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1800); do
  grep -q "EdgeVision listening on" "$SERVER_LOG" && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$SERVER_LOG" >&2; echo "The server exited" >&2; exit 5; }
  sleep 0.1
done
grep -q "EdgeVision listening on" "$SERVER_LOG" || { cat "$SERVER_LOG" >&2; echo "The server did not start in 180 s" >&2; exit 5; }
grep "listening" "$SERVER_LOG"

client() { # $1 = transport, then bench-client arguments
  local transport="$1"; shift
  local port="$HTTP_PORT"; [ "$transport" = tcp ] && port="$TCP_PORT"
  # shellcheck disable=SC2046
  ip netns exec "$NS_C" ${PRIO[@]+"${PRIO[@]}"} $(runtime_command "$CLIENT_RUNTIME" src/bench-client/main.ts) \
    -s "$IP_S" -p "$port" -e "$ENDPOINT" -c "$transport" -f "$IMAGE" --no-progress "$@"
}

echo "Warming up (first inferences are slow)"
client rest-keepalive -r 10 -n NONE >/dev/null

for delay in $DELAYS; do
  set_delay "$delay"
  echo "=== round-trip delay $delay ms"
  ip netns exec "$NS_C" ping -c 20 -i 0.05 -W 2 "$IP_S" >"$RAW/ping-$delay.txt" || true
  tail -n 1 "$RAW/ping-$delay.txt"
  for transport in $TRANSPORTS; do
    client "$transport" -r 2 -n NONE >/dev/null   # settle: connection set-up and caches at this delay
    client "$transport" -r "$REQUESTS" -n SOCKET --json "$RAW/$delay-$transport.json" 2>"$WORK/client.err" \
      | grep -E "Grand totals|Full Process=|Network Only=|Server Processing Time=" \
      || { cat "$WORK/client.err" >&2; echo "The $transport client failed at $delay ms" >&2; exit 6; }
  done
done

mkdir -p "$OUT"
case "$SERVER_RUNTIME" in
  node) SERVER_VERSION="$(node --version)" ;;
  deno) SERVER_VERSION="$("$DENO" --version | head -n 1 | cut -d " " -f 2)" ;;
  bun) SERVER_VERSION="$("$BIN/bun" --version)" ;;
esac
cat >"$RAW/meta.json" <<EOF
{
  "command": "$COMMAND_LINE",
  "link": "$LINK",
  "delays": [$(echo "$DELAYS" | tr -s ' ' ',' | sed 's/^,//;s/,$//')],
  "transports": [$(for t in $TRANSPORTS; do printf '"%s",' "$t"; done | sed 's/,$//')],
  "requests": $REQUESTS,
  "serverRuntime": "$SERVER_RUNTIME $SERVER_VERSION",
  "clientRuntime": "$CLIENT_RUNTIME",
  "priority": "$PRIORITY",
  "congestionControl": "$CONGESTION_CONTROL",
  "image": "$IMAGE",
  "endpoint": "$ENDPOINT",
  "cores": $(nproc),
  "kernel": "$(uname -r)",
  "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
}
EOF
mkdir -p "$OUT/raw-$NAME"
cp "$RAW"/* "$OUT/raw-$NAME/"
node --import tsx scripts/netlab/make-report.ts --raw "$OUT/raw-$NAME" --markdown "$OUT/$NAME.md" --svg "$OUT/$NAME.svg"
echo "Wrote $OUT/$NAME.md and $OUT/$NAME.svg"
