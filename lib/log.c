// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static struct {
	char role[16];
	bool to_stderr;
	bool detail;
	bool syslog_open;
} log_state = { "lvsd", true, false, false };

void
log_init(const char *role, bool to_stderr, bool detail)
{
	log_state.to_stderr = to_stderr;
	log_state.detail = detail;
	log_set_role(role);
	if (!to_stderr && !log_state.syslog_open) {
		openlog("lvsd", LOG_PID | LOG_NDELAY, LOG_DAEMON);
		log_state.syslog_open = true;
	}
}

void
log_set_role(const char *role)
{
	snprintf(log_state.role, sizeof(log_state.role), "%s", role);
}

bool
log_detail(void)
{
	return log_state.detail;
}

static void log_vwrite(int prio, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static void
log_vwrite(int prio, const char *fmt, va_list ap)
{
	char msg[1024];

	if (prio == LOG_DEBUG && !log_state.detail)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (log_state.to_stderr) {
		static const char *const names[] = {
			[LOG_ERR] = "error", [LOG_WARNING] = "warning",
			[LOG_INFO] = "info", [LOG_DEBUG] = "debug",
		};
		struct timespec ts;
		struct tm tm;
		char stamp[32];

		clock_gettime(CLOCK_REALTIME, &ts);
		localtime_r(&ts.tv_sec, &tm);
		strftime(stamp, sizeof(stamp), "%H:%M:%S", &tm);
		fprintf(stderr, "%s.%03ld lvsd[%d] %s %s: %s\n", stamp,
		    ts.tv_nsec / 1000000, (int)getpid(), log_state.role,
		    names[prio] ? names[prio] : "log", msg);
	} else {
		syslog(prio, "%s: %s", log_state.role, msg);
	}
}

#define LOG_FN(name, prio)                      \
	void name(const char *fmt, ...)         \
	{                                       \
		va_list ap;                     \
		va_start(ap, fmt);              \
		log_vwrite(prio, fmt, ap);      \
		va_end(ap);                     \
	}
LOG_FN(log_err, LOG_ERR)
LOG_FN(log_warn, LOG_WARNING)
LOG_FN(log_info, LOG_INFO)
LOG_FN(log_debug, LOG_DEBUG)

void
fatalx(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vwrite(LOG_ERR, fmt, ap);
	va_end(ap);
	exit(code);
}
