/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The health verdicts as pure state machines, with keepalived's semantics:
 *
 * A checker starts up, or down with `alpha`.  A failure of a checker that
 * is up is retried `retry` times, `delay_before_retry` apart, before it
 * goes down; a success brings a down checker up at once.  A down checker
 * is tried every `delay_loop`, or every `delay_before_retry` with
 * `fast_recovery` (lvsd's reading of that keyword: recover sooner).
 *
 * A real server is alive when all its checkers are up (always, with
 * none).  At engine start, a real server that is down only because its
 * alpha checkers have not judged yet is undecided: the reconciler keeps
 * its destination as the kernel has it (and does not add it), so a
 * restarted engine removes no healthy server before checking it.  A virtual server has quorum while the weight of its alive real
 * servers stays at or above quorum - hysteresis, and regains it at
 * quorum + hysteresis; without quorum its sorry server serves (an
 * inhibited real server is down, so it does not count).
 */
#ifndef LVSD_CHECK_TRANSITION_H
#define LVSD_CHECK_TRANSITION_H

#include <stdbool.h>
#include <stdint.h>

struct checker_timing {
	uint32_t retry;
	uint32_t delay_loop_ms;
	uint32_t delay_before_retry_ms;
	bool fast_recovery;
};

struct checker_fsm {
	bool up;
	bool has_run;                   /* one result seen */
	bool adopting;                  /* started down at engine start */
	uint32_t retry_it;              /* failures retried so far */
};

struct checker_step {
	bool changed;                   /* fsm.up flipped */
	bool retrying;                  /* failed, but a retry comes first */
	uint32_t next_ms;               /* run the next check after this */
};

void checker_fsm_init(struct checker_fsm *f, bool alpha);
/*
 * The same at engine start, when the reconciler adopts the kernel's
 * table: an `alpha` checker starts down but undecided until its first
 * result, so it does not hold its real server down (see
 * checker_fsm_holds_down); a first failure then counts as alpha's (down,
 * no retry), a first success brings it up.
 */
void checker_fsm_init_adopting(struct checker_fsm *f, bool alpha);
/* Down, and decided so: a result said so, or alpha outside engine start. */
bool checker_fsm_holds_down(const struct checker_fsm *f);
struct checker_step checker_fsm_result(struct checker_fsm *f,
    const struct checker_timing *t, bool ok);
/* The first run: spread over [0, warmup] by a random number. */
uint32_t checker_first_delay_ms(uint32_t warmup_ms, uint32_t random);

/* misc_dynamic: exit 0 up, 1 down, 2..255 up with weight code - 2.
 * Returns up; *weight is -1 (keep the configured weight) or the new one. */
bool misc_exit_verdict(int exit_code, bool dynamic, int64_t *weight);

/* A real server's state from its checkers': start with RS_UP and fold
 * in each checker (down wins over undecided, undecided over up). */
enum rs_state { RS_UP, RS_UNDECIDED, RS_DOWN };
enum rs_state rs_state_fold(enum rs_state s, const struct checker_fsm *f);

enum quorum_change { QUORUM_SAME, QUORUM_GAINED, QUORUM_LOST };

struct vs_quorum {
	bool up;                        /* starts true, as keepalived's */
};

void vs_quorum_init(struct vs_quorum *q);
enum quorum_change vs_quorum_update(struct vs_quorum *q, uint32_t quorum,
    uint32_t hysteresis, uint64_t alive_weight);

#endif
