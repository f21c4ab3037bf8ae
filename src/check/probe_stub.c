// SPDX-License-Identifier: GPL-2.0-or-later
/* Checkers whose probes are not written yet: they report so, and fail. */
#include "config.h"

#include "check/probe.h"

static void
stub_start(struct probe *p)
{
	probe_done(p, false, -1, "%s is not implemented yet", p->ops->name);
}

static void
stub_cancel(struct probe *p)
{
	(void)p;
}

const struct probe_ops probe_udp_ops = { "UDP_CHECK", stub_start,
	stub_cancel };
const struct probe_ops probe_dns_ops = { "DNS_CHECK", stub_start,
	stub_cancel };
const struct probe_ops probe_ping_ops = { "PING_CHECK", stub_start,
	stub_cancel };
const struct probe_ops probe_file_ops = { "FILE_CHECK", stub_start,
	stub_cancel };
