// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "net/addr.h"

bool
addr_from_string(const char *s, struct lvsd_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, s, &a->u.v4) == 1) {
		a->af = AF_INET;
		return true;
	}
	if (inet_pton(AF_INET6, s, &a->u.v6) == 1) {
		a->af = AF_INET6;
		return true;
	}
	return false;
}

void
addr_to_string(const struct lvsd_addr *a, char *buf, size_t len)
{
	if (a->af == 0 || inet_ntop(a->af, &a->u, buf, (socklen_t)len) == NULL)
		snprintf(buf, len, "(none)");
}

void
addr_port_to_string(const struct lvsd_addr *a, uint16_t port, char *buf,
    size_t len)
{
	char s[INET6_ADDRSTRLEN];

	addr_to_string(a, s, sizeof(s));
	snprintf(buf, len, a->af == AF_INET6 ? "[%s]:%u" : "%s:%u", s,
	    (unsigned)port);
}

bool
addr_equal(const struct lvsd_addr *a, const struct lvsd_addr *b)
{
	if (a->af != b->af)
		return false;
	if (a->af == AF_INET)
		return a->u.v4.s_addr == b->u.v4.s_addr;
	if (a->af == AF_INET6)
		return memcmp(&a->u.v6, &b->u.v6, sizeof(a->u.v6)) == 0;
	return true;
}
