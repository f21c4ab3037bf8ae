/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Tracking, as pure computation: what tracked objects (interfaces,
 * vrrp_scripts, track files, processes) do to a VRRP instance, following
 * keepalived's rules.
 *
 * - A tracker with weight 0 puts the instance in FAULT while it is down.
 * - A positive weight is added to the priority while the tracker is up; a
 *   negative weight is added (subtracted) while it is down.  `reverse`
 *   swaps up and down for that purpose.
 * - The effective priority is the configured one plus every weight, kept
 *   within 1..254; an address owner (255) stays 255 whatever the weights.
 *
 * The engine recomputes an instance's effective priority and fault from
 * all its trackers whenever one of them changes (track_sum below), so no
 * incremental bookkeeping can drift.
 */
#ifndef LVSD_VRRP_TRACK_H
#define LVSD_VRRP_TRACK_H

#include <stdbool.h>
#include <stdint.h>

#define TRACK_PRIO_OWNER 255
#define TRACK_PRIO_MAX 254
#define TRACK_PRIO_MIN 1

/* What one tracker does to its instance right now. */
struct track_effect {
	bool fault;
	int32_t delta;
};

struct track_effect track_effect(int32_t weight, bool reverse, bool up);

/*
 * A track_file's value (keepalived): with weight 0 a non-zero value means
 * FAULT; otherwise the delta is value * weight (negated by reverse), and a
 * delta of -254 or less means FAULT.
 */
struct track_effect track_file_effect(int64_t value, int32_t weight,
    bool reverse);

/* Parse a track file's content: an optional sign and decimal digits,
 * blanks around; anything else (or nothing) reads as 0, as keepalived. */
int64_t track_file_parse(const char *text, size_t len);

/* A tracked process is up while its count is within quorum..quorum_max. */
bool track_process_up(uint32_t count, uint32_t quorum, uint32_t quorum_max);

/* The sum over an instance's trackers. */
struct track_sum {
	int64_t delta;
	unsigned faults;
};

static inline void
track_sum_add(struct track_sum *s, struct track_effect e)
{
	s->delta += e.delta;
	if (e.fault)
		s->faults++;
}

/* The effective priority for a configured `base` and the summed delta. */
uint8_t track_priority(uint8_t base, int64_t delta);

/*
 * A vrrp_script's result history: `rise` successes in a row make a failed
 * script good, `fall` failures in a row make a good one fail (a timeout is
 * a failure).  It starts good, or failed with `init_fail`.
 */
struct track_script_state {
	bool up;
	uint32_t streak;                /* results against `up` in a row */
	uint32_t rise, fall;
};

void track_script_init(struct track_script_state *st, uint32_t rise,
    uint32_t fall, bool init_fail);
/* Feed one result; true when `up` changed. */
bool track_script_result(struct track_script_state *st, bool success);

#endif
