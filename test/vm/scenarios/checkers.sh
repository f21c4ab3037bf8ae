# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
#
# checkers: the health checkers' verdicts in the real kernel table.
# Real servers are busybox httpd in a namespace; each fault must show in
# `ipvsadm -Sn`: removal, weight 0 with inhibit_on_failure, the sorry
# server in and out, misc_dynamic weights, quorum_down/quorum_up, and
# recovery.  Needs the IPVS reconciler (ipvs_owner) wired to the checkers.

CONF=/tmp/checkers.conf
PIDFILE=/run/lvsd.pid
LOG=/tmp/lvsd.log

# Real servers 10.0.0.11-.15 behind veth in namespace rs.
ip netns add rs
ip link add veth0 type veth peer name veth1
ip link set veth1 netns rs
ip addr add 10.0.0.1/24 dev veth0
ip link set veth0 up
in_ns rs ip link set lo up
in_ns rs ip link set veth1 up
for a in 11 12 13 14 15; do
	in_ns rs ip addr add 10.0.0.$a/24 dev veth1
done
mkdir -p /tmp/www
echo "Hello, lvsd!" > /tmp/www/index.html

# httpd N: serve on 10.0.0.N:80; its pid in /tmp/httpd.N.  Full path:
# `ip netns exec` execs httpd, so $! is its pid (a function's would be a
# subshell's).
httpd() {
	"$IP" netns exec rs busybox httpd -f -p "10.0.0.$1:80" -h /tmp/www &
	echo $! > "/tmp/httpd.$1"
}
stop_httpd() {
	kill "$(cat "/tmp/httpd.$1")"
}
for a in 11 12 13 14 15; do
	httpd $a
done
echo 0 > /tmp/misc.state
cat > /tmp/misc.sh <<'EOF2'
#!/bin/sh
exit "$(cat /tmp/misc.state)"
EOF2
chmod 755 /tmp/misc.sh

cat > "$CONF" <<'EOF2'
virtual_server 192.0.2.1 80 {
	delay_loop 1
	lb_algo rr
	lb_kind NAT
	protocol TCP
	sorry_server 10.0.0.15 80
	real_server 10.0.0.11 80 {
		weight 1
		HTTP_GET {
			url {
				path /index.html
				status_code 200
			}
			connect_timeout 1
			retry 0
		}
	}
	real_server 10.0.0.12 80 {
		weight 1
		inhibit_on_failure
		TCP_CHECK {
			connect_timeout 1
			retry 0
		}
	}
}
virtual_server 192.0.2.2 80 {
	delay_loop 1
	lb_algo rr
	lb_kind NAT
	protocol TCP
	quorum 2
	quorum_up "/bin/sh -c 'echo up >> /tmp/quorum.log'"
	quorum_down "/bin/sh -c 'echo down >> /tmp/quorum.log'"
	real_server 10.0.0.13 80 {
		weight 1
		TCP_CHECK {
			connect_timeout 1
			retry 0
		}
	}
	real_server 10.0.0.14 80 {
		weight 1
		TCP_CHECK {
			connect_timeout 1
			retry 0
		}
	}
}
virtual_server 192.0.2.3 80 {
	delay_loop 1
	lb_algo wrr
	lb_kind NAT
	protocol TCP
	real_server 10.0.0.11 80 {
		weight 3
		MISC_CHECK {
			misc_path /tmp/misc.sh
			misc_dynamic
		}
	}
}
EOF2

"$LVSD" -n -l -f "$CONF" -p "$PIDFILE" 2>"$LOG" &
pid=$!

rules() { ipvs_rules; }
has() { rules | grep -qE -- "$1"; }
hasnt() { ! rules | grep -qE -- "$1"; }
expect() {
	wait_for "$1" has "$2" || {
		rules
		tail -n 30 "$LOG"
		fail "no '$2' in ipvsadm -Sn within $1 s ($3)"
	}
	log "ok: $3"
}
expect_not() {
	wait_for "$1" hasnt "$2" || {
		rules
		tail -n 30 "$LOG"
		fail "'$2' still in ipvsadm -Sn after $1 s ($3)"
	}
	log "ok: $3"
}

V1='-t 192.0.2.1:80'
V2='-t 192.0.2.2:80'
V3='-t 192.0.2.3:80'
expect 10 "^-a $V1 -r 10.0.0.11:80 -m -w 1" "HTTP real server in"
expect 5 "^-a $V1 -r 10.0.0.12:80 -m -w 1" "TCP real server in"
expect 5 "^-a $V2 -r 10.0.0.14:80 -m -w 1" "quorum service complete"
expect 5 "^-a $V3 -r 10.0.0.11:80 -m -w 3" "misc real server in"
assert_no_match "10.0.0.15" "$(rules)" "sorry server while real servers are alive"

stop_httpd 11
expect_not 6 "^-a $V1 -r 10.0.0.11:80" "dead HTTP real server removed"
stop_httpd 12
expect 6 "^-a $V1 -r 10.0.0.12:80 -m -w 0" "inhibit_on_failure keeps weight 0"
expect 6 "^-a $V1 -r 10.0.0.15:80 -m" "sorry server in when nothing is alive"
httpd 11
expect 6 "^-a $V1 -r 10.0.0.11:80 -m -w 1" "HTTP real server back"
expect_not 6 "^-a $V1 -r 10.0.0.15:80" "sorry server out"
httpd 12
expect 6 "^-a $V1 -r 10.0.0.12:80 -m -w 1" "inhibited real server weight back"

echo 7 > /tmp/misc.state
expect 6 "^-a $V3 -r 10.0.0.11:80 -m -w 5" "misc_dynamic exit 7: weight 5"
echo 1 > /tmp/misc.state
expect_not 6 "^-a $V3 -r 10.0.0.11:80" "misc exit 1 removes"
echo 0 > /tmp/misc.state
expect 6 "^-a $V3 -r 10.0.0.11:80 -m -w 3" "misc exit 0: configured weight"

stop_httpd 13
wait_for 6 grep -q down /tmp/quorum.log || fail "no quorum_down"
log "ok: quorum_down ran"
httpd 13
wait_for 6 grep -q up /tmp/quorum.log || fail "no quorum_up"
expect 6 "^-a $V2 -r 10.0.0.13:80 -m -w 1" "quorum service complete again"

kill -TERM "$pid"
wait_exit 10 "$pid" || fail "lvsd still running 10 s after SIGTERM"
for a in 11 12 13 14 15; do
	stop_httpd $a 2>/dev/null || true
done
