/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * DNS_CHECK's wire format (RFC 1035): one query out, one reply judged.
 * The reply passes when it answers our query (id, question), has RCODE 0
 * and at least one answer record of the asked type.  Every length and
 * compression pointer is bounds-checked: a reply is untrusted input.
 */
#ifndef LVSD_CHECK_DNS_CODEC_H
#define LVSD_CHECK_DNS_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DNS_MAX_MSG 512u                /* UDP without EDNS */

/* Encode a recursive query for name/type (class IN) into buf.  Returns
 * its length, or 0 when the name is not a valid domain name. */
size_t dns_query_encode(uint8_t *buf, size_t cap, uint16_t id,
    const char *name, uint16_t type);

/* Judge a reply; false with a reason ("rcode 3 (NXDOMAIN)", "no A
 * record in the answer", "malformed reply: ...") when it does not pass. */
bool dns_reply_check(const uint8_t *msg, size_t len, uint16_t id,
    const char *name, uint16_t type, char *reason, size_t reason_len);

const char *dns_type_name(uint16_t type);

#endif
