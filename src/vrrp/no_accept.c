// SPDX-License-Identifier: GPL-2.0-or-later
/* no_accept: one ipset per family and one DROP rule each (no_accept.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libipset/ipset.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "vrrp/no_accept.h"

/* iptables waits for the xtables lock with -w; never longer than this. */
#define CMD_TIMEOUT_MS 10000

static int
ipset_error(struct ipset *ipset, void *p, int status, const char *msg, ...)
{
	char buf[256];
	va_list ap;

	(void)ipset;
	(void)p;
	va_start(ap, msg);
	vsnprintf(buf, sizeof(buf), msg, ap);
	va_end(ap);
	buf[strcspn(buf, "\n")] = '\0';
	log_err("no_accept: ipset: %s", buf);
	return status;
}

static int
ipset_standard_error(struct ipset *ipset, void *p)
{
	struct ipset_session *s = ipset_session(ipset);
	const char *msg = ipset_session_report_msg(s);

	(void)p;
	if (msg != NULL && *msg != '\0') {
		char buf[256];

		snprintf(buf, sizeof(buf), "%s", msg);
		buf[strcspn(buf, "\n")] = '\0';
		log_err("no_accept: ipset: %s", buf);
	}
	ipset_session_report_reset(s);
	return -1;
}

static int
ipset_out(struct ipset_session *s, void *p, const char *fmt, ...)
{
	(void)s;
	(void)p;
	(void)fmt;
	return 0;
}

/* One ipset command, in the ipset tool's own words. */
static bool na_ipset(struct no_accept *na, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static bool
na_ipset(struct no_accept *na, const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	return ipset_parse_line(na->ipset, line) == 0;
}

/* Run argv (iptables) and wait, bounded; true when it exited 0. */
static bool
run(char *const argv[], bool quiet)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	int status, waited;
	pid_t pid, r;

	pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		int fd = open("/dev/null", O_RDWR);

		if (fd >= 0) {
			dup2(fd, STDIN_FILENO);
			dup2(fd, STDOUT_FILENO);
			if (quiet)
				dup2(fd, STDERR_FILENO);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	for (waited = 0; ; waited += 10) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			break;
		if (r < 0 && errno != EINTR)
			return false;
		if (waited >= CMD_TIMEOUT_MS) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			log_err("no_accept: %s did not finish in %d s; killed",
			    argv[0], CMD_TIMEOUT_MS / 1000);
			return false;
		}
		nanosleep(&tick, NULL);
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127 && !quiet)
		log_err("no_accept: cannot run %s", argv[0]);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static bool
rule(const char *tool, const char *op, const char *set, bool quiet)
{
	char *argv[] = { (char *)tool, "-w", "5", (char *)op, "INPUT",
		"-m", "set", "--match-set", (char *)set, "dst", "-j", "DROP",
		NULL };

	return run(argv, quiet);
}

/* Exactly one rule for `set` at the head of INPUT. */
static bool
rule_add(const char *tool, const char *set)
{
	/* Leftovers of an lvsd that was killed go first. */
	while (rule(tool, "-D", set, true))
		;
	if (rule(tool, "-I", set, false))
		return true;
	log_err("no_accept: %s could not add the DROP rule for %s: "
	    "addresses of no_accept masters stay reachable", tool, set);
	return false;
}

static void
rule_del(const char *tool, const char *set)
{
	int n = 0;

	while (n < 16 && rule(tool, "-D", set, true))
		n++;
}

bool
no_accept_enable(struct no_accept *na)
{
	if (na->on)
		return true;
	if (na->ipset == NULL) {
		ipset_load_types();
		na->ipset = ipset_init();
		if (na->ipset == NULL) {
			log_err("no_accept: cannot open an ipset session");
			return false;
		}
		ipset_custom_printf(na->ipset, ipset_error,
		    ipset_standard_error, ipset_out, na);
	}
	if (!na_ipset(na, "create %s hash:ip family inet -exist",
	    NO_ACCEPT_SET4) ||
	    !na_ipset(na, "create %s hash:ip family inet6 -exist",
	    NO_ACCEPT_SET6) ||
	    !na_ipset(na, "flush %s", NO_ACCEPT_SET4) ||
	    !na_ipset(na, "flush %s", NO_ACCEPT_SET6)) {
		log_err("no_accept: cannot create the ipsets %s and %s",
		    NO_ACCEPT_SET4, NO_ACCEPT_SET6);
		return false;
	}
	na->rule4 = rule_add("iptables", NO_ACCEPT_SET4);
	na->rule6 = rule_add("ip6tables", NO_ACCEPT_SET6);
	na->on = true;
	log_info("no_accept: ipsets %s, %s and their DROP rules in place",
	    NO_ACCEPT_SET4, NO_ACCEPT_SET6);
	return true;
}

void
no_accept_disable(struct no_accept *na)
{
	if (na->on) {
		rule_del("iptables", NO_ACCEPT_SET4);
		rule_del("ip6tables", NO_ACCEPT_SET6);
		/* A set in use by a rule cannot go: rules first. */
		(void)na_ipset(na, "destroy %s", NO_ACCEPT_SET4);
		(void)na_ipset(na, "destroy %s", NO_ACCEPT_SET6);
		log_info("no_accept: ipsets and DROP rules removed");
	}
	if (na->ipset != NULL)
		ipset_fini(na->ipset);
	na->ipset = NULL;
	na->on = na->rule4 = na->rule6 = false;
}

void
no_accept_flush(struct no_accept *na)
{
	if (!na->on)
		return;
	(void)na_ipset(na, "flush %s", NO_ACCEPT_SET4);
	(void)na_ipset(na, "flush %s", NO_ACCEPT_SET6);
}

void
no_accept_set(struct no_accept *na, const struct lvsd_addr *a, bool drop)
{
	char text[64];

	if (!na->on)
		return;
	addr_to_string(a, text, sizeof(text));
	if (!na_ipset(na, "%s %s %s -exist", drop ? "add" : "del",
	    a->af == AF_INET6 ? NO_ACCEPT_SET6 : NO_ACCEPT_SET4, text))
		log_err("no_accept: cannot %s %s", drop ? "block" : "unblock",
		    text);
}
