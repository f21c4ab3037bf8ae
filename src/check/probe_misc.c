// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * MISC_CHECK: run misc_path (no shell) as its user, killed with its whole
 * process group after misc_timeout (default: delay_loop, as keepalived's
 * connect_timeout-less scripts); exit 0 is up, anything else down, and
 * with misc_dynamic 2..255 is up with weight code - 2.
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "check/probe.h"
#include "check/check_script.h"

static uint32_t
misc_timeout(const struct probe *p)
{
	return p->ck->misc_timeout_ms != 0 ? p->ck->misc_timeout_ms :
	    p->ck->common.delay_loop_ms;
}

static void
misc_done(void *arg, const struct script_result *res)
{
	struct probe *p = arg;
	int64_t weight;

	p->state = NULL;
	if (res->timed_out) {
		probe_done(p, false, -1, "timeout after %u ms, killed",
		    misc_timeout(p));
		return;
	}
	if (res->signal != 0) {
		probe_done(p, false, -1, "killed by signal %d (%s)",
		    res->signal, strsignal(res->signal));
		return;
	}
	if (misc_exit_verdict(res->exit_code, p->ck->misc_dynamic, &weight))
		probe_done(p, true, weight, "exit code %d", res->exit_code);
	else
		probe_done(p, false, -1, "exit code %d", res->exit_code);
}

static void
misc_start(struct probe *p)
{
	char why[200], tag[300], name[100];
	uid_t uid;
	gid_t gid;

	if (!script_resolve_user(&p->cfg->global, p->ck->user, p->ck->group,
	    &uid, &gid, why, sizeof(why))) {
		probe_done(p, false, -1, "not run: %s", why);
		return;
	}
	snprintf(tag, sizeof(tag), "%s output", probe_name(p, name,
	    sizeof(name)));
	p->state = script_run(p->loop, p->ck->misc_path, uid, gid,
	    misc_timeout(p), tag, misc_done, p, why, sizeof(why));
	if (p->state == NULL)
		probe_done(p, false, -1, "not run: %s", why);
}

static void
misc_cancel(struct probe *p)
{
	if (p->state != NULL)
		script_cancel(p->state);
	p->state = NULL;
}

const struct probe_ops probe_misc_ops = {
	.name = "MISC_CHECK",
	.start = misc_start,
	.cancel = misc_cancel,
};
