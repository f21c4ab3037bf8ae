// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * FILE_CHECK: the file holds a number, read every delay_loop.  The value
 * times `weight` (1 when not given; negated with `reverse`) is added to
 * the real server's weight; -254 or less takes it down, as keepalived's
 * track files.  A missing file or one without a number is a failure.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "check/probe.h"

static void
file_start(struct probe *p)
{
	const struct cfg_checker *ck = p->ck;
	FILE *f = fopen(ck->track_file, "re");
	char buf[64], *end, err[128];
	long long v, w;

	if (f == NULL) {
		probe_done(p, false, -1, "cannot read %s: %s", ck->track_file,
		    probe_strerror(errno, err, sizeof(err)));
		return;
	}
	if (fgets(buf, sizeof(buf), f) == NULL)
		buf[0] = '\0';
	fclose(f);
	errno = 0;
	v = strtoll(buf, &end, 10);
	if (end == buf || errno != 0 || (*end != '\0' && *end != '\n')) {
		probe_done(p, false, -1, "%s does not hold a number",
		    ck->track_file);
		return;
	}
	/* Saturate: a huge number in the file must not overflow. */
	if (__builtin_mul_overflow(v, ck->file_weight != 0 ?
	    (long long)ck->file_weight : 1LL, &w))
		w = (v < 0) != (ck->file_weight < 0) ? -LLONG_MAX : LLONG_MAX;
	if (ck->file_reverse)
		w = -w;
	if (w <= -254) {
		probe_done(p, false, -1, "%s: value %lld, weight %lld",
		    ck->track_file, v, w);
		return;
	}
	if (w != 0) {
		/* Past the largest IPVS weight already: no overflow below. */
		if (w > 65535)
			w = 65535;
		w += probe_rs(p)->weight;
		w = w < 0 ? 0 : w > 65535 ? 65535 : w;
	} else {
		w = -1;         /* the configured weight */
	}
	probe_done(p, true, w,
	    "%s: value %lld", ck->track_file, v);
}

static void
file_cancel(struct probe *p)
{
	(void)p;
}

const struct probe_ops probe_file_ops = {
	"FILE_CHECK", file_start, file_cancel,
};
