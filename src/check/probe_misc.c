// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * MISC_CHECK: run misc_path (no shell) as its user, killed with its whole
 * process group after misc_timeout (default: delay_loop, as keepalived's
 * connect_timeout-less scripts); exit 0 is up, anything else down, and
 * with misc_dynamic 2..255 is up with weight code - 2.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "check/probe.h"
#include "script.h"
#include "util.h"

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
	char text[600];

	switch (res->outcome) {
	case SCRIPT_TIMED_OUT:
		probe_done(p, false, -1, "timeout after %u ms, killed",
		    misc_timeout(p));
		return;
	case SCRIPT_EXITED:
		break;
	default:
		probe_done(p, false, -1, "%s", script_result_text(res, text,
		    sizeof(text)));
		return;
	}
	if (misc_exit_verdict(res->status, p->ck->misc_dynamic, &weight))
		probe_done(p, true, weight, "exit code %d", res->status);
	else
		probe_done(p, false, -1, "exit code %d", res->status);
}

static void
misc_start(struct probe *p)
{
	struct script_identity who, *whop = NULL;
	char name[100];

	/* The checker's user, else the engine's default (script.h). */
	if (p->ck->user != NULL) {
		if (!script_identity_lookup(p->ck->user, p->ck->group, &who)) {
			probe_done(p, false, -1, "not run: unknown user '%s' "
			    "or group", p->ck->user);
			return;
		}
		whop = &who;
	}
	if (p->u.script == NULL) {
		p->u.script = xmalloc(sizeof(*p->u.script));
		script_queue_init(p->u.script, checkers_scripts(p->c),
		    probe_name(p, name, sizeof(name)));
	}
	if (!script_queue_push(p->u.script, p->ck->misc_path, NULL, 0, whop,
	    misc_timeout(p) / 1000.0, misc_done, p))
		probe_done(p, false, -1, "not run: bad command line");
}

static void
misc_cancel(struct probe *p)
{
	/* The run is killed; its queue stays for the next one. */
	if (p->u.script != NULL)
		script_queue_clear(p->u.script);
}

const struct probe_ops probe_misc_ops = {
	.name = "MISC_CHECK",
	.start = misc_start,
	.cancel = misc_cancel,
};
