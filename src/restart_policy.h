/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * When to restart an engine that exited, and when to stop trying: a pure
 * state machine, so the policy is unit-tested without forking anything.
 * doc/design.md, "Supervision", gives the rules in a table.
 */
#ifndef LVSD_RESTART_POLICY_H
#define LVSD_RESTART_POLICY_H

#include <stdbool.h>

#define RESTART_DELAY_FIRST 0.1     /* s, after a crash of a stable engine */
#define RESTART_DELAY_MAX 60.0      /* s, the doubling stops here */
#define RESTART_STABLE_AFTER 60.0   /* s of uptime that reset the delay */
#define RESTART_CONFIG_EXIT_LIMIT 3 /* LVSD_EXIT_CONFIG exits in a row */

struct restart_policy {
	double next_delay;          /* s, for the next restart */
	unsigned config_exits;      /* LVSD_EXIT_CONFIG exits in a row */
};

void restart_policy_init(struct restart_policy *rp);

/*
 * The engine exited with `wait_status` (as from waitpid) after `uptime`
 * seconds. Returns the delay in seconds before starting it again, or a
 * negative value when the parent should give up: the engine failed on its
 * configuration RESTART_CONFIG_EXIT_LIMIT times in a row.
 */
double restart_policy_on_exit(struct restart_policy *rp, int wait_status,
    double uptime);

/* Starting the engine failed (fork, socketpair): the delay to retry. */
double restart_policy_on_start_failure(struct restart_policy *rp);

#endif
