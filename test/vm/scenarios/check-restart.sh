# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
#
# check-restart: a restarted check engine adopts the kernel table with
# `alpha` (start down) checkers.  kill -9 the engine; the parent restarts
# it.  A healthy real server that is in the kernel stays there at every
# poll (0.1 s) until the new engine has checked it; one whose server died
# while the engine was down is removed after its first failed check; one
# that is not in the kernel at the restart comes in only after its first
# check succeeds.

LOG=/tmp/lvsd.log
PIDFILE=/run/lvsd-$$.pid
RS=rs$$

ip netns add "$RS"
ip link add veth0 type veth peer name veth1
ip link set veth1 netns "$RS"
ip addr add 10.0.0.1/24 dev veth0
ip link set veth0 up
in_ns "$RS" ip link set lo up
in_ns "$RS" ip link set veth1 up
for a in 11 12 13; do
	in_ns "$RS" ip addr add 10.0.0.$a/24 dev veth1
done
mkdir -p /tmp/www
echo "Hello, lvsd!" > /tmp/www/index.html
# httpd N: serve on 10.0.0.N:80; its pid in /tmp/httpd.N.
httpd() {
	"$IP" netns exec "$RS" busybox httpd -f -p "10.0.0.$1:80" -h /tmp/www &
	echo $! > "/tmp/httpd.$1"
}
for a in 11 12 13; do
	httpd $a
done

CONF=/tmp/check-restart.conf
cat > "$CONF" <<'EOF2'
virtual_server 192.0.2.1 80 {
	delay_loop 2
	lb_algo rr
	lb_kind NAT
	protocol TCP
	alpha
	real_server 10.0.0.11 80 {
		weight 2
		HTTP_GET {
			url {
				path /index.html
				status_code 200
			}
			connect_timeout 1
			retry 1
		}
	}
	real_server 10.0.0.12 80 {
		weight 1
		TCP_CHECK {
			connect_timeout 1
			retry 0
		}
	}
	real_server 10.0.0.13 80 {
		weight 1
		TCP_CHECK {
			connect_timeout 1
		}
	}
}
EOF2

"$LVSD" -n -l -f "$CONF" -p "$PIDFILE" 2>"$LOG" &
pid=$!
V='-t 192.0.2.1:80'
full="-A $V -s rr
-a $V -r 10.0.0.11:80 -m -w 2
-a $V -r 10.0.0.12:80 -m -w 1
-a $V -r 10.0.0.13:80 -m -w 1"
got() { ipvs_rules | sort; }
same() { [ "$(got)" = "$full" ]; }
wait_for 20 same || { got; cat "$LOG"; fail "initial table"; }
ups() { grep -c "real server 10\.0\.0\.1$1:80 UP" "$LOG" || true; }
assert_eq 1 "$(ups 1)" "one UP line for 10.0.0.11 before the restart"
assert_eq 1 "$(ups 3)" "one UP line for 10.0.0.13 before the restart"
old=$(pids_of lvsd-check)
[ -n "$old" ] || fail "no lvsd-check process"

# The engine dies; meanwhile 10.0.0.12's server dies too and 10.0.0.13's
# destination is removed by hand (the dead engine cannot react).
parent=$(cat "$PIDFILE")
kill -STOP "$parent"
kill -9 "$old"
kill "$(cat /tmp/httpd.12)"
ipvsadm -d $V -r 10.0.0.13:80
kill -CONT "$parent"

# Poll until the new engine has checked 10.0.0.11 (its second UP line)
# and removed 10.0.0.12.  10.0.0.11 must be in every sample.
deadline=$(( $(now_ms) + 30000 ))
polls=0 gone12=0 back13=0
while :; do
	t=$(got)
	printf '%s\n' "$t" | grep -q "^-a $V -r 10\.0\.0\.11:80 -m -w 2\$" ||
		{ printf '%s\n' "$t"; cat "$LOG"; fail "10.0.0.11 missing during the restart (poll $polls)"; }
	printf '%s\n' "$t" | grep -q "10\.0\.0\.12:80" || gone12=1
	printf '%s\n' "$t" | grep -q "10\.0\.0\.13:80" && back13=1
	new=$(pids_of lvsd-check)
	[ -n "$new" ] && [ "$new" != "$old" ] && [ "$(ups 1)" -ge 2 ] &&
		[ $gone12 = 1 ] && [ $back13 = 1 ] && break
	[ "$(now_ms)" -lt "$deadline" ] || { got; cat "$LOG"; fail "no convergence after the restart"; }
	polls=$((polls + 1))
	sleep 0.1
done
log "engine $old -> $new: 10.0.0.11 kept in $polls polls, 10.0.0.12 removed, 10.0.0.13 re-added"
# 10.0.0.13 came back through the new engine's first check (alpha).
assert_eq 2 "$(ups 3)" "10.0.0.13 UP again after the restart"
assert_match 'real server 10\.0\.0\.12:80 DOWN \(TCP_CHECK 10\.0\.0\.12:80: .*kept from the adopted table until its first check\)' \
	"$(cat "$LOG")" "10.0.0.12 down after its first check"
# It stays out.
sleep 3
assert_no_match '10\.0\.0\.12:80' "$(got)" "10.0.0.12 stays removed"
assert_match "^-a $V -r 10\.0\.0\.11:80 -m -w 2\$" "$(got)" "10.0.0.11 still in"

kill -TERM "$(cat "$PIDFILE")"
wait_exit 15 "$pid" || fail "lvsd still running after SIGTERM"
for a in 11 13; do
	kill "$(cat /tmp/httpd.$a)" 2>/dev/null || true
done
# A sanitizer build (configure --enable-sanitizers) reports here.
assert_no_match 'Sanitizer|runtime error' "$(cat "$LOG")" "sanitizer reports"
