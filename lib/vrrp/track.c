// SPDX-License-Identifier: GPL-2.0-or-later
/* Tracking computations (track.h). */
#include "config.h"

#include <ctype.h>
#include <stddef.h>

#include "vrrp/track.h"

struct track_effect
track_effect(int32_t weight, bool reverse, bool up)
{
	struct track_effect e = { false, 0 };
	bool good = reverse ? !up : up;

	if (weight == 0)
		e.fault = !good;
	else if (weight > 0 && good)
		e.delta = weight;
	else if (weight < 0 && !good)
		e.delta = weight;
	return e;
}

struct track_effect
track_file_effect(int64_t value, int32_t weight, bool reverse)
{
	struct track_effect e = { false, 0 };
	int64_t d;

	if (weight == 0) {
		e.fault = value != 0;
		return e;
	}
	/* Keep the product in range before multiplying. */
	if (value > 1000000)
		value = 1000000;
	if (value < -1000000)
		value = -1000000;
	d = value * weight * (reverse ? -1 : 1);
	if (d <= -TRACK_PRIO_MAX)
		e.fault = true;
	else
		e.delta = d > TRACK_PRIO_MAX ? TRACK_PRIO_MAX : (int32_t)d;
	return e;
}

int64_t
track_file_parse(const char *text, size_t len)
{
	size_t i = 0;
	bool neg = false, digits = false;
	int64_t v = 0;

	while (i < len && isspace((unsigned char)text[i]))
		i++;
	if (i < len && (text[i] == '-' || text[i] == '+'))
		neg = text[i++] == '-';
	for (; i < len && isdigit((unsigned char)text[i]); i++) {
		digits = true;
		if (v < 1000000000)
			v = v * 10 + (text[i] - '0');
	}
	while (i < len && isspace((unsigned char)text[i]))
		i++;
	if (!digits || i != len)
		return 0;
	return neg ? -v : v;
}

bool
track_process_up(uint32_t count, uint32_t quorum, uint32_t quorum_max)
{
	return count >= quorum && (quorum_max == 0 || count <= quorum_max);
}

uint8_t
track_priority(uint8_t base, int64_t delta)
{
	int64_t p;

	if (base == TRACK_PRIO_OWNER)
		return TRACK_PRIO_OWNER;
	p = (int64_t)base + delta;
	if (p < TRACK_PRIO_MIN)
		return TRACK_PRIO_MIN;
	if (p > TRACK_PRIO_MAX)
		return TRACK_PRIO_MAX;
	return (uint8_t)p;
}

void
track_script_init(struct track_script_state *st, uint32_t rise,
    uint32_t fall, bool init_fail)
{
	st->up = !init_fail;
	st->streak = 0;
	st->rise = rise > 0 ? rise : 1;
	st->fall = fall > 0 ? fall : 1;
}

bool
track_script_result(struct track_script_state *st, bool success)
{
	if (success == st->up) {
		st->streak = 0;
		return false;
	}
	if (++st->streak < (st->up ? st->fall : st->rise))
		return false;
	st->up = success;
	st->streak = 0;
	return true;
}
