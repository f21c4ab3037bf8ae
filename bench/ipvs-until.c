// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ipvs-until: the benchmark's clock (bench/ipvs-scale-vm.sh).  Run inside
 * a contender's network namespace, it polls /proc/net/ip_vs every 100 ms
 * until WANT destinations have a weight of at least MINWEIGHT, then prints
 * the milliseconds since T0_MS (boot clock, as /proc/uptime), or "timeout"
 * once LIMIT_S seconds have passed since T0_MS.
 *
 *   ipvs-until WANT MINWEIGHT T0_MS LIMIT_S
 *
 * Why not a shell loop: on the 1-CPU test VM, `ip netns exec ... awk` over
 * a 10,000-destination table costs ~0.4 s per poll, so with a 0.1 s pause
 * the poll took most of the CPU away from the daemon it was timing.  Here
 * one poll is one read() of the whole file (the kernel need not restart
 * its table walk per page) and a count in C.
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define POLL_NS (100 * 1000 * 1000L)

static long long
boot_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Destinations ("  -> ADDR:PORT FWD WEIGHT ...") with weight >= min. */
static long
count_dests(char **buf, size_t *cap, long min)
{
	size_t len = 0;
	ssize_t n;
	long count = 0;
	char *line, *next;
	int fd = open("/proc/net/ip_vs", O_RDONLY);

	if (fd < 0)
		return -1;
	for (;;) {
		if (*cap - len < 65536) {
			*cap *= 2;
			*buf = realloc(*buf, *cap);
			if (*buf == NULL)
				exit(2);
		}
		n = read(fd, *buf + len, *cap - len - 1);
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	(*buf)[len] = '\0';
	for (line = *buf; line != NULL && *line != '\0'; line = next) {
		char addr[64], fwd[16];
		long weight;

		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (strncmp(line, "  -> ", 5) == 0 &&
		    sscanf(line + 5, "%63s %15s %ld", addr, fwd, &weight) == 3 &&
		    weight >= min)
			count++;
	}
	return count;
}

int
main(int argc, char **argv)
{
	struct timespec pause = { 0, POLL_NS };
	size_t cap = 4 << 20;
	char *buf = malloc(cap);
	long want, min, limit_ms, n;
	long long t0;

	if (argc != 5 || buf == NULL) {
		fprintf(stderr, "usage: ipvs-until WANT MINWEIGHT T0_MS "
		    "LIMIT_S\n");
		return 2;
	}
	want = atol(argv[1]);
	min = atol(argv[2]);
	t0 = atoll(argv[3]);
	limit_ms = atol(argv[4]) * 1000;
	for (;;) {
		n = count_dests(&buf, &cap, min);
		if (n >= want) {
			printf("%lld\n", boot_ms() - t0);
			break;
		}
		if (boot_ms() - t0 > limit_ms) {
			printf("timeout\n");
			fprintf(stderr, "ipvs-until: %ld of %ld after %ld s\n",
			    n, want, limit_ms / 1000);
			break;
		}
		nanosleep(&pause, NULL);
	}
	free(buf);
	return 0;
}
