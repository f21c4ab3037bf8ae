// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <systemd/sd-daemon.h>

#include "config/config.h"
#include "dynlib.h"
#include "engine.h"
#include "log.h"
#include "notify.h"
#include "parent_ctx.h"

/*
 * libsystemd is loaded only under a service manager (NOTIFY_SOCKET set),
 * not linked: with its compression and crypto libraries it costs every
 * lvsd process about 1 MB resident for one function.  The package depends
 * on it.
 */
#define SYSTEMD_SONAME "libsystemd.so.0"
_Static_assert(__builtin_types_compatible_p(__typeof__(&sd_notify),
    __typeof__(((struct notify_api *)NULL)->notify)),
    "notify_api.notify is sd_notify");

void
notify_init(struct parent_ctx *p)
{
	static const struct dynlib_sym syms[] = {
		{ "sd_notify", offsetof(struct notify_api, notify) },
	};

	p->notify.notify = NULL;
	if (getenv("NOTIFY_SOCKET") == NULL)
		return;
	if (!dynlib_load("sd_notify", SYSTEMD_SONAME, syms,
	    sizeof(syms) / sizeof(syms[0]), &p->notify))
		log_err("sd_notify: no notifications to the service manager");
}

static void notify_send(const struct parent_ctx *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
notify_send(const struct parent_ctx *p, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	int r;

	/* NULL: no NOTIFY_SOCKET, which is how lvsd runs outside systemd
	 * (or libsystemd could not be loaded, logged by notify_init). */
	if (p->notify.notify == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	r = p->notify.notify(0, msg);
	if (r < 0)
		log_debug("sd_notify: %s", strerror(-r));
}

static const char *
plural(size_t n)
{
	return n == 1 ? "" : "s";
}

/* "engines: vrrp, check; 1 VRRP instance, 2 virtual servers"; an engine
 * that is wanted but not running is waiting to restart. */
static void
summary(const struct parent_ctx *p, char *buf, size_t len)
{
	size_t n_vi = p->n_vrrp_instances;
	size_t n_vs = p->n_virtual_servers;
	const struct engine_child *e;
	char engines[64] = "";
	bool up;
	int k;

	for (k = 0; k < N_ENGINES; k++) {
		e = &p->engines[k];
		up = engine_child_running(e);
		if (up || e->wanted)
			snprintf(engines + strlen(engines),
			    sizeof(engines) - strlen(engines), "%s%s%s",
			    engines[0] ? ", " : "", e->role->name,
			    up ? "" : " restarting");
	}
	snprintf(buf, len, "engines: %s; %zu VRRP instance%s, %zu virtual "
	    "server%s", engines[0] ? engines : "none", n_vi, plural(n_vi),
	    n_vs, plural(n_vs));
}

void
notify_mainpid(const struct parent_ctx *p)
{
	notify_send(p, "MAINPID=%ld", (long)getpid());
}

void
notify_reloading(const struct parent_ctx *p)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	notify_send(p, "RELOADING=1\nMONOTONIC_USEC=%llu\nSTATUS=reloading %s "
	    "(generation %u running)",
	    (unsigned long long)ts.tv_sec * 1000000ULL +
	    (unsigned long long)ts.tv_nsec / 1000ULL,
	    p->opts->config_path, p->generation);
}

/* "reload failed: 1 error, generation 2 still running; engines: ..." */
static void
status_line(const struct parent_ctx *p, char *buf, size_t len)
{
	const char *what = p->ready_sent ? "reload" : "startup";
	size_t n = p->last_reload_errors;
	char state[128], sum[160];

	switch (p->last_reload) {
	case RELOAD_FAILED:
		snprintf(state, sizeof(state), "reload failed: %zu error%s, "
		    "generation %u still running", n, plural(n),
		    p->generation);
		break;
	case RELOAD_INCOMPLETE:
		snprintf(state, sizeof(state), "%s incomplete: not every "
		    "engine applied generation %u", what, p->generation);
		break;
	default:
		snprintf(state, sizeof(state), "%s ok: generation %u running",
		    what, p->generation);
	}
	summary(p, sum, sizeof(sum));
	snprintf(buf, len, "%s; %s", state, sum);
}

void
notify_ready(struct parent_ctx *p)
{
	char status[300];

	status_line(p, status, sizeof(status));
	notify_send(p, "READY=1\nSTATUS=%s", status);
	p->ready_sent = true;
}

void
notify_status(const struct parent_ctx *p)
{
	char status[300];

	/* A start or reload in flight reports when it ends. */
	if (!p->ready_sent || p->stopping || p->awaiting > 0)
		return;
	status_line(p, status, sizeof(status));
	notify_send(p, "STATUS=%s", status);
}

void
notify_stopping(const struct parent_ctx *p)
{
	notify_send(p, "STOPPING=1\nSTATUS=stopping");
}

void
notify_forget(struct parent_ctx *p)
{
	p->notify.notify = NULL;
	unsetenv("NOTIFY_SOCKET");
}
