// SPDX-License-Identifier: GPL-2.0-or-later
/* Checker, real server and quorum transitions (see transition.h). */
#include "config.h"

#include "check/transition.h"

void
checker_fsm_init(struct checker_fsm *f, bool alpha)
{
	f->up = !alpha;
	f->has_run = false;
	f->adopting = false;
	f->retry_it = 0;
}

void
checker_fsm_init_adopting(struct checker_fsm *f, bool alpha)
{
	checker_fsm_init(f, alpha);
	f->adopting = alpha;
}

bool
checker_fsm_holds_down(const struct checker_fsm *f)
{
	return !f->up && !(f->adopting && !f->has_run);
}

enum rs_state
rs_state_fold(enum rs_state s, const struct checker_fsm *f)
{
	if (s == RS_DOWN || checker_fsm_holds_down(f))
		return RS_DOWN;
	return f->up ? s : RS_UNDECIDED;
}

struct checker_step
checker_fsm_result(struct checker_fsm *f, const struct checker_timing *t,
    bool ok)
{
	struct checker_step s = { false, false, t->delay_loop_ms };

	f->has_run = true;
	if (ok) {
		f->retry_it = 0;
		s.changed = !f->up;
		f->up = true;
		return s;
	}
	if (f->up) {
		if (f->retry_it < t->retry) {
			f->retry_it++;
			s.retrying = true;
			s.next_ms = t->delay_before_retry_ms;
			return s;
		}
		f->up = false;
		f->retry_it = 0;
		s.changed = true;
	}
	if (t->fast_recovery)
		s.next_ms = t->delay_before_retry_ms;
	return s;
}

uint32_t
checker_first_delay_ms(uint32_t warmup_ms, uint32_t random)
{
	return warmup_ms == 0 ? 0 : random % (warmup_ms + 1);
}

bool
misc_exit_verdict(int exit_code, bool dynamic, int64_t *weight)
{
	*weight = -1;
	if (exit_code == 0)
		return true;
	if (!dynamic || exit_code == 1 || exit_code < 0 || exit_code > 255)
		return false;
	*weight = exit_code - 2;
	return true;
}

void
vs_quorum_init(struct vs_quorum *q)
{
	q->up = true;
}

enum quorum_change
vs_quorum_update(struct vs_quorum *q, uint32_t quorum, uint32_t hysteresis,
    uint64_t alive_weight)
{
	int64_t w = (int64_t)alive_weight;

	if (q->up && w < (int64_t)quorum - (int64_t)hysteresis) {
		q->up = false;
		return QUORUM_LOST;
	}
	if (!q->up && w >= (int64_t)quorum + (int64_t)hysteresis) {
		q->up = true;
		return QUORUM_GAINED;
	}
	return QUORUM_SAME;
}
