// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: any datagram a DNS_CHECK could receive.  The judge
 * must answer yes or no with a reason and never read out of bounds
 * (ASan) or loop on compression pointers.  The first two bytes are the
 * query id, the rest the reply.
 */
#include "config.h"

#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "check/dns_codec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint16_t types[] = { 1, 2, 5, 6, 15, 16, 28 };
	char reason[200];
	uint8_t q[DNS_MAX_MSG];
	uint16_t id;

	if (size < 3)
		return 0;
	id = (uint16_t)(data[0] << 8 | data[1]);
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		reason[0] = '\0';
		if (!dns_reply_check(data + 2, size - 2, id, "www.example.org",
		    types[i], reason, sizeof(reason)))
			assert(reason[0] != '\0');
	}
	/* The encoder takes any name without overrunning its buffer. */
	{
		char name[300];
		size_t n = size - 2 < sizeof(name) - 1 ? size - 2 :
		    sizeof(name) - 1;

		memcpy(name, data + 2, n);
		name[n] = '\0';
		assert(dns_query_encode(q, sizeof(q), id, name, 1) <=
		    sizeof(q));
	}
	return 0;
}
