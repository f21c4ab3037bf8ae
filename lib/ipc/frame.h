/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Framed messages between lvsd processes.
 *
 * Every message is a 12-byte header followed by at most IPC_MAX_PAYLOAD
 * bytes of payload:
 *
 *   u32 len     whole frame, header included (12 .. 12 + 64 KiB)
 *   u16 type    enum ipc_msg_type (msg.h)
 *   u16 flags   reserved, must be 0
 *   u32 id      peer-defined: the config generation, a request id, ...
 *
 * Integers are in host byte order: both ends always run on the same host.
 *
 * The transport is a SOCK_STREAM unix socket (a socketpair for the engines).
 * We chose a stream over SOCK_SEQPACKET because the framing then does not
 * depend on the socket buffer size (a 64 KiB SEQPACKET message must fit the
 * send buffer whole), the same reader and writer serve a future lvsctl control
 * socket, and partial reads and writes are handled in one place, here, where
 * they are unit-tested.  The price is that a bad header means the byte stream
 * is desynchronised: the reader reports it and the caller closes the peer.
 *
 * The reader and writer do no I/O of their own beyond one read() or send()
 * on a non-blocking fd, so they fit any event loop; channel.h binds them to
 * libev.
 */
#ifndef LVSD_IPC_FRAME_H
#define LVSD_IPC_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define IPC_HDR_LEN 12u
#define IPC_MAX_PAYLOAD (64u * 1024u)
#define IPC_MAX_FRAME (IPC_HDR_LEN + IPC_MAX_PAYLOAD)
/* Bytes a writer may hold unsent before it refuses more: a peer that
 * stopped reading is broken, and we must not buffer without bound. */
#define IPC_MAX_QUEUED (16u * 1024u * 1024u)

struct ipc_hdr {
	uint32_t len;
	uint16_t type;
	uint16_t flags;
	uint32_t id;
};

/* One received message; data points into the reader's buffer and stays
 * valid until the next ipc_reader_fill() on that reader. */
struct ipc_msg {
	uint16_t type;
	uint32_t id;
	const uint8_t *data;
	uint32_t len;          /* payload bytes */
};

/* -- Reader --------------------------------------------------------------- */

struct ipc_reader {
	uint8_t *buf;
	size_t start, end;     /* unread bytes are buf[start..end) */
	bool broken;           /* saw a bad header: the stream is desynchronised */
	char error[96];        /* why, once broken */
};

void ipc_reader_init(struct ipc_reader *r);
void ipc_reader_free(struct ipc_reader *r);
/*
 * One read() from the non-blocking fd into the buffer.  Returns the number
 * of bytes read, 0 at end of file, -1 with errno set (EAGAIN: nothing yet).
 */
ssize_t ipc_reader_fill(struct ipc_reader *r, int fd);
/*
 * The next complete frame, if the buffer holds one: 1 and *msg filled in,
 * 0 when more bytes are needed, -1 when the header is bad (the reader is
 * then broken for good; ipc_reader_error() says why).
 */
int ipc_reader_next(struct ipc_reader *r, struct ipc_msg *msg);
/* Bytes received but not yet returned as a frame (a partial frame at EOF
 * means the peer died mid-message). */
size_t ipc_reader_buffered(const struct ipc_reader *r);
const char *ipc_reader_error(const struct ipc_reader *r);

/* -- Writer --------------------------------------------------------------- */

struct ipc_writer {
	uint8_t *buf;
	size_t start, end, cap; /* unsent bytes are buf[start..end) */
};

void ipc_writer_init(struct ipc_writer *w);
void ipc_writer_free(struct ipc_writer *w);
/*
 * Append one frame to the queue.  -1 with errno EMSGSIZE if the payload is
 * larger than IPC_MAX_PAYLOAD, ENOBUFS if the queue is full; 0 otherwise.
 */
int ipc_writer_queue(struct ipc_writer *w, uint16_t type, uint32_t id,
    const void *data, size_t len);
/*
 * send() as much of the queue as the socket takes without blocking.
 * 0: all sent; 1: bytes remain (wait for POLLOUT); -1: error, errno set.
 */
int ipc_writer_flush(struct ipc_writer *w, int fd);
size_t ipc_writer_pending(const struct ipc_writer *w);

/* -- Dispatch ------------------------------------------------------------- */

/* A handler returns 0, or -1 when the message is a protocol error (for
 * example a chunk for the wrong generation); the caller then closes the
 * peer, as for a bad frame. */
typedef int (*ipc_handler_fn)(void *ctx, const struct ipc_msg *msg);

struct ipc_handler {
	uint16_t type;
	uint32_t min_len, max_len;   /* payload bytes accepted, inclusive */
	ipc_handler_fn fn;
};

/*
 * Run the handler for msg->type from `table` (one table per peer).  An
 * unknown type or a payload length outside the handler's range is a
 * protocol error: it is logged naming `peer` and the type number, and -1 is
 * returned without calling anything.  Otherwise returns what fn returned.
 */
int ipc_dispatch(const struct ipc_handler *table, size_t n, const char *peer,
    const struct ipc_msg *msg, void *ctx);

#endif
