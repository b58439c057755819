#!/usr/bin/env bash
# Three triagebot replicas on one PostgreSQL behind HAProxy, on loopback,
# without Docker: the compose deployment's own haproxy.cfg with the Docker
# DNS lookup replaced by three fixed servers. It measures what the
# deployment adds: time to ready, idle memory, what a webhook sender sees
# while one replica is killed (kill -9) and restarted, and shutdown time.
#
#   deploy/local-replicas.sh postgres://postgres@127.0.0.1:5432/replicas?sslmode=disable
#
# Needs go, haproxy, python3 (a fake Telegram Bot API), curl. The database
# must exist and may be empty (it is migrated). Loopback only; bounded:
# RATE updates a second for SECONDS (environment, default 20 and 30).
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:?usage: $0 DATABASE_URL}
rate=${RATE:-20}
seconds=${SECONDS_RUN:-30}
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f s", b - a }'; }

go build -o "$work/triagebot" .

# A fake Bot API: every method answers ok; replies (sendMessage) are
# counted, in all and by chat.
cat > "$work/fake.py" <<'EOF'
import http.server, json, re, sys, threading
lock, sent, chats = threading.Lock(), 0, set()
chat_id = re.compile(rb'chat_id"?\s*[:\r\n]+\s*"?(-?\d+)')
class H(http.server.BaseHTTPRequestHandler):
    def body(self):  # the Bot API client streams its multipart form chunked
        if self.headers.get("Transfer-Encoding", "").lower() != "chunked":
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))
        data = b""
        while True:
            size = int(self.rfile.readline().split(b";")[0], 16)
            if size == 0:
                self.rfile.readline()
                return data
            data += self.rfile.read(size)
            self.rfile.readline()
    def do_POST(self):
        global sent
        body = self.body()
        method = self.path.rsplit("/", 1)[-1]
        if method == "getMe":
            result = {"id": 1, "is_bot": True, "first_name": "t", "username": "t_bot"}
        elif method == "sendMessage":
            with lock:
                sent += 1
                m = chat_id.search(body)
                chats.add(m.group(1) if m else b"?")
                n = sent
            result = {"message_id": n, "date": 0, "chat": {"id": 1, "type": "private"}}
        else:
            result = True
        body = json.dumps({"ok": True, "result": result}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def do_GET(self):  # "replies chats": how many replies, to how many chats
        with lock:
            body = f"{sent} {len(chats)}\n".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
EOF
python3 "$work/fake.py" 18999 & pids+=($!)

secret=local-replicas-secret
start_replica() { # index
  TRIAGEBOT_HTTP_ADDR=127.0.0.1:1808$1 TRIAGEBOT_HTTP_METRICS_ADDR=127.0.0.1:1909$1 \
  TRIAGEBOT_LOG_FORMAT=json DATABASE_URL="$db" \
  TELEGRAM_BOT_TOKEN=123:fake TELEGRAM_WEBHOOK_SECRET=$secret \
  TRIAGEBOT_TELEGRAM_API_URL=http://127.0.0.1:18999 \
    "$work/triagebot" serve >>"$work/replica$1.log" 2>&1 &
  replica[$1]=$!
  pids+=($!)
}
ready() { "$work/triagebot" healthcheck --ready --addr 127.0.0.1:1909"$1" >/dev/null 2>&1; }

# The compose HAProxy configuration, with fixed servers instead of DNS.
sed -e 's/ resolvers docker resolve-prefer ipv4 init-addr none//' \
    -e 's/ check port 9090/ check/' \
    -e 's/^    bind :8080/    bind 127.0.0.1:18080/' \
    -e '/^    server-template /d' deploy/compose/haproxy.cfg > "$work/haproxy.cfg"
for i in 1 2 3; do
  echo "    server triagebot$i 127.0.0.1:1808$i check port 1909$i" >> "$work/haproxy.cfg"
done
haproxy -c -q -f "$work/haproxy.cfg"

t0=$(now)
declare -A replica
for i in 1 2 3; do start_replica $i; done
haproxy -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 & pids+=($!)
for i in 1 2 3; do until ready $i; do sleep 0.05; done; done
echo "three replicas ready (migrated, Telegram started): $(since "$t0") after start"

sleep 2
for i in 1 2 3; do
  echo "replica $i idle RSS: $(( $(ps -o rss= -p "${replica[$i]}") / 1024 )) MB"
done

# The replica doing the background work (triage, sends): the one to kill.
victim=
for _ in $(seq 1 100); do
  victim=$(grep -l 'holding the lock.*"lock":"worker"' "$work"/replica?.log | sed -E 's|.*replica([0-9])[.]log|\1|' | head -1 || true)
  [ -n "$victim" ] && break
  sleep 0.1
done
[ -n "$victim" ] || { echo "no replica holds the worker lock" >&2; exit 1; }
echo "replica $victim holds the worker lock"

# Webhooks through HAProxy at $rate a second; that replica is killed at a
# third of the run and restarted at two thirds.
# Each update from its own chat; ids new on every run, so that a database
# used before sees no redelivery.
base=$(( $(date +%s) * 10000 ))
update() { # n
  local id=$((base + $1))
  printf '{"update_id":%d,"message":{"message_id":1,"date":%d,"chat":{"id":%d,"type":"private"},"from":{"id":%d,"is_bot":false,"first_name":"Buyer"},"text":"We need 800 wall mirrors with our logo, about 12 USD each, delivered within 10 weeks"}}' \
    "$id" "$(date +%s)" "$id" "$id"
}
total=$((rate * seconds))
kill_at=$((total / 3)); restart_at=$((2 * total / 3))
: > "$work/codes"
curls=()
t1=$(now)
for ((n = 1; n <= total; n++)); do
  if ((n == kill_at)); then
    kill -9 "${replica[$victim]}"; killed=$(now)
    echo "killed replica $victim (kill -9) at update $n"
  fi
  if ((n == restart_at)); then start_replica "$victim"; echo "restarted replica $victim at update $n"; fi
  update "$n" | curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 10 \
    -H 'Content-Type: application/json' -H "X-Telegram-Bot-Api-Secret-Token: $secret" \
    --data-binary @- http://127.0.0.1:18080/telegram/webhook >> "$work/codes" &
  curls+=($!)
  sleep "$(awk -v r="$rate" 'BEGIN { print 1 / r }')"
done
wait "${curls[@]}" 2>/dev/null || true
echo "sent $total webhooks in $(since "$t1")"
for i in 1 2 3; do
  [ "$i" = "$victim" ] && continue
  at=$(grep -h 'holding the lock.*"lock":"worker"' "$work/replica$i.log" | sed -E 's/.*"time":"([^"]+)".*/\1/' | tail -1 || true) 
  if [ -n "$at" ]; then
    awk -v a="$killed" -v b="$(date -d "$at" +%s.%N)" -v i="$i" \
      'BEGIN { if (b > a) printf "replica %s took the background work over %.2f s after the kill\n", i, b - a }'
  fi
done
awk '{ n[$1]++ } END { for (c in n) printf "  HTTP %s: %d\n", c, n[c] }' "$work/codes" | sort
sort -n -k2 "$work/codes" | awk '{ t[NR] = $2 } END { printf "  acknowledgement through HAProxy: p50 %.0f ms, p99 %.0f ms, max %.0f ms\n", t[int(NR*0.5)]*1000, t[int(NR*0.99)]*1000, t[NR]*1000 }'
until ready "$victim"; do sleep 0.1; done
t3=$(now)
for _ in $(seq 1 600); do
  read -r replies chats < <(curl -s http://127.0.0.1:18999/sent || echo 0 0) || true
  ((chats >= total)) && break
  sleep 0.2
done
echo "replies: $replies to $chats of $total chats ($((replies - chats)) duplicates), the last $(since "$t3") after the last webhook"

t2=$(now)
for i in 1 2 3; do kill -TERM "${replica[$i]}"; done
for i in 1 2 3; do while kill -0 "${replica[$i]}" 2>/dev/null; do sleep 0.05; done; done
echo "three replicas stopped after SIGTERM: $(since "$t2")"
echo "logs: $work"
trap - EXIT
cleanup
