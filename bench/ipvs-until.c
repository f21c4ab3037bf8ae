// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ipvs-until: the benchmark's clock (bench/ipvs-scale-vm.sh).  Run inside
 * a contender's network namespace, it polls the IPVS table every 100 ms
 * until WANT destinations have a weight of at least MINWEIGHT, then prints
 * the milliseconds since T0_MS (boot clock, as /proc/uptime), or "timeout"
 * once LIMIT_S seconds have passed since T0_MS.
 *
 *   ipvs-until [-n NETNS] WANT MINWEIGHT T0_MS LIMIT_S [VS]
 *
 * -n NETNS enters /run/netns/NETNS itself (setns), which costs the VM far
 * less than being started by `ip netns exec` (a new mount namespace and
 * a remount of /sys before the exec).
 *
 * With VS (the table of bench/ipvs-push: service v = 10.(v/250).(v%250).1:80
 * TCP with WANT/VS destinations), a tick first asks the kernel, over IPVS
 * generic netlink, for the destinations of a small sample of services: 16
 * spread over the table (the first and the last among them) and 16 more
 * that rotate through it.  Only when every sampled service is complete
 * does it read the whole of /proc/net/ip_vs, and it stops only when that
 * read confirms.  A read of the whole file costs the 1-CPU TCG VM ~50 ms
 * at 10,000 destinations: every 0.1 s, that took a third of the CPU away
 * from the daemon being timed.  Without VS every tick is a whole read.
 *
 * On exit it tells stderr how many ticks and whole reads it made and the
 * CPU time it used, so that its cost is seen next to what it timed.
 */
#include "config.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <sched.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "ipvs/codec.h"
#include "net/addr.h"

#define POLL_NS (100 * 1000 * 1000L)
#define SAMPLE_FIXED 16
#define SAMPLE_ROTATING 16

struct until {
	struct nl_sock *sk;             /* NULL: whole reads only */
	int family;
	long vs, per_vs, min;
	long cursor;                    /* next rotating sample */
	long count;                     /* dests counted by one dump */
	char *buf;
	size_t cap;
	unsigned long ticks, whole_reads;
};

static long long
boot_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Skip one field and the blanks after it. */
static const char *
skip_field(const char *s)
{
	while (*s != '\0' && *s != ' ' && *s != '\n')
		s++;
	while (*s == ' ')
		s++;
	return s;
}

/* Destinations ("  -> ADDR:PORT FWD WEIGHT ...") with weight >= min. */
static long
count_dests(struct until *u)
{
	size_t len = 0;
	ssize_t n;
	long count = 0;
	const char *line;
	int fd = open("/proc/net/ip_vs", O_RDONLY);

	if (fd < 0)
		return -1;
	u->whole_reads++;
	for (;;) {
		if (u->cap - len < 65536) {
			u->cap *= 2;
			u->buf = realloc(u->buf, u->cap);
			if (u->buf == NULL)
				exit(2);
		}
		n = read(fd, u->buf + len, u->cap - len - 1);
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	u->buf[len] = '\0';
	for (line = u->buf; line != NULL && *line != '\0';) {
		if (strncmp(line, "  -> ", 5) == 0) {
			const char *w = skip_field(skip_field(line + 5));

			if (*w >= '0' && *w <= '9' && strtol(w, NULL, 10) >= u->min)
				count++;
		}
		line = strchr(line, '\n');
		if (line != NULL)
			line++;
	}
	return count;
}

static int
on_dest(struct nl_msg *m, void *arg)
{
	struct until *u = arg;
	struct ipvs_dest d;

	if (ipvs_decode_dest(nlmsg_hdr(m), AF_INET, &d) == 0 &&
	    d.weight >= (uint32_t)u->min)
		u->count++;
	return NL_OK;
}

/* Whether service v has per_vs dests of weight >= min (a failed dump,
 * e.g. no such service yet, is "not complete"). */
static bool
service_complete(struct until *u, long v)
{
	struct ipvs_service_key k;
	struct nl_msg *m;
	char a[32];
	int r;

	memset(&k, 0, sizeof(k));
	snprintf(a, sizeof(a), "10.%ld.%ld.1", v / 250, v % 250);
	if (!addr_from_string(a, &k.addr))
		exit(2);
	k.af = AF_INET;
	k.protocol = IPPROTO_TCP;
	k.port = 80;
	m = ipvs_req_dump_dests(u->family, &k);
	if (m == NULL)
		exit(2);
	u->count = 0;
	r = nl_send_auto(u->sk, m);
	nlmsg_free(m);
	if (r < 0)
		return false;
	r = nl_recvmsgs_default(u->sk);
	return r >= 0 && u->count >= u->per_vs;
}

static bool
sample_complete(struct until *u)
{
	long i;

	for (i = 0; i < SAMPLE_FIXED; i++)
		if (!service_complete(u, i * (u->vs - 1) / (SAMPLE_FIXED - 1)))
			return false;
	for (i = 0; i < SAMPLE_ROTATING; i++) {
		if (!service_complete(u, u->cursor))
			return false;
		u->cursor = (u->cursor + 1) % u->vs;
	}
	return true;
}

static void
open_genl(struct until *u)
{
	u->sk = nl_socket_alloc();
	if (u->sk == NULL || genl_connect(u->sk) < 0 ||
	    (u->family = genl_ctrl_resolve(u->sk, IPVS_GENL_NAME)) < 0) {
		fprintf(stderr, "ipvs-until: the kernel has no IPVS\n");
		exit(2);
	}
	nl_socket_modify_cb(u->sk, NL_CB_VALID, NL_CB_CUSTOM, on_dest, u);
}

int
main(int argc, char **argv)
{
	struct timespec pause = { 0, POLL_NS };
	struct until u;
	struct rusage ru;
	long want, limit_ms, n = 0;
	long long t0;

	memset(&u, 0, sizeof(u));
	u.cap = 4 << 20;
	u.buf = malloc(u.cap);
	if (argc > 2 && strcmp(argv[1], "-n") == 0) {
		char path[256];
		int fd;

		snprintf(path, sizeof(path), "/run/netns/%s", argv[2]);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || setns(fd, CLONE_NEWNET) != 0) {
			perror(path);
			return 2;
		}
		close(fd);
		argc -= 2;
		argv += 2;
	}
	if ((argc != 5 && argc != 6) || u.buf == NULL) {
		fprintf(stderr, "usage: ipvs-until [-n NETNS] WANT MINWEIGHT "
		    "T0_MS LIMIT_S [VS]\n");
		return 2;
	}
	want = atol(argv[1]);
	u.min = atol(argv[2]);
	t0 = atoll(argv[3]);
	limit_ms = atol(argv[4]) * 1000;
	u.vs = argc == 6 ? atol(argv[5]) : 0;
	if (u.vs > 1 && want % u.vs == 0) {
		u.per_vs = want / u.vs;
		open_genl(&u);
	}
	for (;;) {
		u.ticks++;
		if (u.sk == NULL || sample_complete(&u)) {
			n = count_dests(&u);
			if (n >= want) {
				printf("%lld\n", boot_ms() - t0);
				break;
			}
		}
		if (boot_ms() - t0 > limit_ms) {
			printf("timeout\n");
			fprintf(stderr, "ipvs-until: %ld of %ld after %ld s\n",
			    n, want, limit_ms / 1000);
			break;
		}
		nanosleep(&pause, NULL);
	}
	fflush(stdout);
	getrusage(RUSAGE_SELF, &ru);
	fprintf(stderr, "ipvs-until: %lu ticks, %lu whole reads, %ld ms of "
	    "CPU\n", u.ticks, u.whole_reads,
	    ru.ru_utime.tv_sec * 1000 + ru.ru_utime.tv_usec / 1000 +
	    ru.ru_stime.tv_sec * 1000 + ru.ru_stime.tv_usec / 1000);
	if (u.sk != NULL)
		nl_socket_free(u.sk);
	free(u.buf);
	return 0;
}
