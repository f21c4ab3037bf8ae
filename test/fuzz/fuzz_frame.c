// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: any byte stream from a peer, as the frame reader sees
 * it.  Frames must come out within bounds, a bad header must break the
 * reader for good, and nothing may crash or leak.  The first input byte
 * sets the size of the writes, so partial frames are exercised too.
 */
#include "config.h"

#include <assert.h>
#include <stdint.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ipc/frame.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ipc_reader r;
	struct ipc_msg msg;
	size_t step, off = 0;
	int sv[2], rc = 0;

	if (size < 1 || socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0,
	    sv) < 0)
		return 0;
	step = (size_t)data[0] + 1;
	data++;
	size--;
	ipc_reader_init(&r);
	while (rc >= 0) {
		if (off < size) {
			size_t n = size - off < step ? size - off : step;
			ssize_t w = write(sv[0], data + off, n);

			if (w > 0)
				off += (size_t)w;
		} else if (sv[0] >= 0) {
			close(sv[0]);
			sv[0] = -1;
		}
		if (ipc_reader_fill(&r, sv[1]) == 0 && sv[0] < 0)
			break;
		while ((rc = ipc_reader_next(&r, &msg)) == 1)
			assert(msg.len <= IPC_MAX_PAYLOAD);
	}
	if (rc < 0)
		assert(ipc_reader_next(&r, &msg) == -1);
	ipc_reader_free(&r);
	if (sv[0] >= 0)
		close(sv[0]);
	close(sv[1]);
	return 0;
}
