/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * IPv4/IPv6 addresses as every part of lvsd holds them: the configuration
 * model, the engines' logs, and later the netlink codecs.
 */
#ifndef LVSD_NET_ADDR_H
#define LVSD_NET_ADDR_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An IPv4 or IPv6 address; af is AF_INET, AF_INET6, or 0 when unset. */
struct lvsd_addr {
	int af;
	union {
		struct in_addr v4;
		struct in6_addr v6;
	} u;
};

struct lvsd_prefix {
	struct lvsd_addr addr;
	uint8_t len; /* prefix length; 32 or 128 when none was given */
};

/* Parse a literal IPv4 or IPv6 address (no prefix, no host name). */
bool addr_from_string(const char *s, struct lvsd_addr *a);
/* The usual text form; "(none)" for an unset address. */
void addr_to_string(const struct lvsd_addr *a, char *buf, size_t len);
/* "192.0.2.1:80", or "[2001:db8::1]:80" so the port stays apart. */
void addr_port_to_string(const struct lvsd_addr *a, uint16_t port, char *buf,
    size_t len);
/* Same family and same bytes (two unset addresses are equal). */
bool addr_equal(const struct lvsd_addr *a, const struct lvsd_addr *b);

#endif
