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

/* Decimal digits of v at p; returns the end. */
static char *
put_uint(char *p, unsigned v)
{
	char tmp[10];
	size_t n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (n > 0)
		*p++ = tmp[--n];
	return p;
}

/* An IPv4 address by hand, "a.b.c.d", not terminated; returns the end.
 * inet_ntop and snprintf cost ~20 times as much, and the engines name
 * thousands of services and servers in their logs and keys. */
static char *
put_v4(char *p, const struct in_addr *in)
{
	const unsigned char *b = (const unsigned char *)&in->s_addr;

	for (int i = 0; i < 4; i++) {
		if (i > 0)
			*p++ = '.';
		p = put_uint(p, b[i]);
	}
	return p;
}

void
addr_to_string(const struct lvsd_addr *a, char *buf, size_t len)
{
	if (a->af == AF_INET && len >= INET_ADDRSTRLEN) {
		*put_v4(buf, &a->u.v4) = '\0';
		return;
	}
	if (a->af == 0 || inet_ntop(a->af, &a->u, buf, (socklen_t)len) == NULL)
		snprintf(buf, len, "(none)");
}

void
addr_port_to_string(const struct lvsd_addr *a, uint16_t port, char *buf,
    size_t len)
{
	char s[INET6_ADDRSTRLEN];

	/* "255.255.255.255:65535" and its NUL. */
	if (a->af == AF_INET && len >= INET_ADDRSTRLEN + 6) {
		char *p = put_v4(buf, &a->u.v4);

		*p++ = ':';
		*put_uint(p, port) = '\0';
		return;
	}
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
