// SPDX-License-Identifier: GPL-2.0-or-later
/* DNS query encoder and reply checker (see dns_codec.h). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "check/dns_codec.h"

#define DNS_HDR 12u
#define MAX_NAME 255u

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static uint16_t
get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

const char *
dns_type_name(uint16_t type)
{
	switch (type) {
	case 1: return "A";
	case 2: return "NS";
	case 5: return "CNAME";
	case 6: return "SOA";
	case 15: return "MX";
	case 16: return "TXT";
	case 28: return "AAAA";
	default: return "?";
	}
}

size_t
dns_query_encode(uint8_t *buf, size_t cap, uint16_t id, const char *name,
    uint16_t type)
{
	size_t o = DNS_HDR, nlen = strlen(name);
	const char *s = name;

	if (cap < DNS_HDR + nlen + 2 + 4 || nlen > 253)
		return 0;
	memset(buf, 0, DNS_HDR);
	put16(buf, id);
	buf[2] = 0x01;                  /* RD */
	put16(buf + 4, 1);              /* QDCOUNT */
	if (strcmp(name, ".") != 0 && nlen > 0) {
		while (*s != '\0') {
			const char *dot = strchr(s, '.');
			size_t l = dot != NULL ? (size_t)(dot - s) : strlen(s);

			if (l == 0 || l > 63)
				return 0;
			buf[o++] = (uint8_t)l;
			memcpy(buf + o, s, l);
			o += l;
			s += l;
			if (*s == '.')
				s++;
		}
	}
	buf[o++] = 0;
	put16(buf + o, type);
	put16(buf + o + 2, 1);          /* IN */
	return o + 4;
}

/*
 * Read the name at *off into out (dotted, "." for the root), following
 * compression pointers backwards only; *off moves past it in the record.
 */
static bool
read_name(const uint8_t *m, size_t len, size_t *off, char *out)
{
	size_t p = *off, o = 0, jumps = 0;
	bool jumped = false;

	for (;;) {
		uint8_t l;

		if (p >= len)
			return false;
		l = m[p];
		if ((l & 0xc0) == 0xc0) {
			size_t to;

			if (p + 1 >= len || ++jumps > 32)
				return false;
			to = (size_t)(l & 0x3f) << 8 | m[p + 1];
			if (to >= p)
				return false;   /* forward or self: a loop */
			if (!jumped)
				*off = p + 2;
			jumped = true;
			p = to;
			continue;
		}
		if ((l & 0xc0) != 0)
			return false;
		if (l == 0) {
			if (!jumped)
				*off = p + 1;
			break;
		}
		if (p + 1 + l > len || o + l + 1 > MAX_NAME)
			return false;
		if (o > 0)
			out[o++] = '.';
		memcpy(out + o, m + p + 1, l);
		o += l;
		p += 1 + (size_t)l;
	}
	if (o == 0)
		out[o++] = '.';
	out[o] = '\0';
	return true;
}

static bool
same_name(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	/* "example.com." and "example.com" are the same name. */
	if (la > 1 && a[la - 1] == '.')
		la--;
	if (lb > 1 && b[lb - 1] == '.')
		lb--;
	return la == lb && strncasecmp(a, b, la) == 0;
}

static bool
bad(char *reason, size_t len, const char *why)
{
	snprintf(reason, len, "%s", why);
	return false;
}

bool
dns_reply_check(const uint8_t *m, size_t len, uint16_t id, const char *name,
    uint16_t type, char *reason, size_t reason_len)
{
	static const char *const rcodes[] = { "NOERROR", "FORMERR",
		"SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED" };
	char qname[MAX_NAME + 1];
	size_t off = DNS_HDR;
	unsigned rcode, ancount;

	if (len < DNS_HDR)
		return bad(reason, reason_len, "malformed reply: too short");
	if (get16(m) != id)
		return bad(reason, reason_len, "reply to another query id");
	if (!(m[2] & 0x80))
		return bad(reason, reason_len, "malformed reply: not a "
		    "response");
	if (m[2] & 0x02)
		return bad(reason, reason_len, "truncated reply");
	rcode = m[3] & 0x0f;
	if (rcode != 0) {
		snprintf(reason, reason_len, "rcode %u (%s)", rcode,
		    rcode < 6 ? rcodes[rcode] : "error");
		return false;
	}
	if (get16(m + 4) != 1)
		return bad(reason, reason_len, "malformed reply: not one "
		    "question");
	if (!read_name(m, len, &off, qname) || off + 4 > len)
		return bad(reason, reason_len, "malformed reply: question");
	if (!same_name(qname, name) || get16(m + off) != type)
		return bad(reason, reason_len, "reply to another question");
	off += 4;
	ancount = get16(m + 6);
	for (unsigned i = 0; i < ancount; i++) {
		char rname[MAX_NAME + 1];
		uint16_t rtype, rdlen;

		if (!read_name(m, len, &off, rname) || off + 10 > len)
			return bad(reason, reason_len, "malformed reply: "
			    "answer record");
		rtype = get16(m + off);
		rdlen = get16(m + off + 8);
		off += 10;
		if (off + rdlen > len)
			return bad(reason, reason_len, "malformed reply: "
			    "answer data");
		off += rdlen;
		if (rtype == type)
			return true;
	}
	snprintf(reason, reason_len, "no %s record in the answer",
	    dns_type_name(type));
	return false;
}
