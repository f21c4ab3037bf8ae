// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <sys/wait.h>

#include "exitcode.h"
#include "restart_policy.h"

void
restart_policy_init(struct restart_policy *rp)
{
	rp->next_delay = RESTART_DELAY_FIRST;
	rp->config_exits = 0;
}

/* Hand out the current delay and double the next one, up to the cap:
 * a crash loop settles at one attempt a minute instead of spinning. */
static double
take_delay(struct restart_policy *rp)
{
	double delay = rp->next_delay;

	rp->next_delay = delay * 2 < RESTART_DELAY_MAX ? delay * 2 :
	    RESTART_DELAY_MAX;
	return delay;
}

double
restart_policy_on_exit(struct restart_policy *rp, int wait_status,
    double uptime)
{
	if (WIFEXITED(wait_status) &&
	    WEXITSTATUS(wait_status) == LVSD_EXIT_CONFIG)
		rp->config_exits++;
	else
		rp->config_exits = 0;
	/* Restarting cannot fix a configuration the engine refuses. */
	if (rp->config_exits >= RESTART_CONFIG_EXIT_LIMIT)
		return -1.0;
	/* An engine that ran for a while crashed once, not in a loop. */
	if (uptime > RESTART_STABLE_AFTER)
		rp->next_delay = RESTART_DELAY_FIRST;
	return take_delay(rp);
}

double
restart_policy_on_start_failure(struct restart_policy *rp)
{
	return take_delay(rp);
}
