// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ipc/frame.h"
#include "ipc/msg.h"
#include "log.h"
#include "util.h"

_Static_assert(sizeof(struct ipc_hdr) == IPC_HDR_LEN, "ipc_hdr has padding");

/* Room for two largest frames, so one read() can take many small ones and
 * a partial frame always fits after compaction. */
#define READ_BUF_SIZE (2 * IPC_MAX_FRAME)
/* An emptied write queue larger than this is freed. */
#define WRITER_KEEP (64u << 10)

/* -- Reader --------------------------------------------------------------- */

void
ipc_reader_init(struct ipc_reader *r)
{
	memset(r, 0, sizeof(*r));
	r->buf = xmalloc(READ_BUF_SIZE);
}

void
ipc_reader_free(struct ipc_reader *r)
{
	free(r->buf);
	memset(r, 0, sizeof(*r));
}

ssize_t
ipc_reader_fill(struct ipc_reader *r, int fd)
{
	ssize_t n;

	/* Move the unread tail to the front: cheaper than a ring buffer's
	 * wrap-around logic, and frames are small. */
	if (r->start == r->end) {
		r->start = r->end = 0;
	} else if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
	}
	if (r->end == READ_BUF_SIZE) {
		/* Cannot happen while callers drain with ipc_reader_next(). */
		errno = ENOBUFS;
		return -1;
	}
	do
		n = read(fd, r->buf + r->end, READ_BUF_SIZE - r->end);
	while (n < 0 && errno == EINTR);
	if (n > 0)
		r->end += (size_t)n;
	return n;
}

int
ipc_reader_next(struct ipc_reader *r, struct ipc_msg *msg)
{
	struct ipc_hdr h;

	if (r->broken)
		return -1;
	if (r->end - r->start < IPC_HDR_LEN)
		return 0;
	memcpy(&h, r->buf + r->start, sizeof(h));
	if (h.flags != 0) {
		snprintf(r->error, sizeof(r->error),
		    "frame type 0x%04x has reserved flags 0x%04x set",
		    (unsigned)h.type, (unsigned)h.flags);
		r->broken = true;
		return -1;
	}
	if (h.len < IPC_HDR_LEN || h.len > IPC_MAX_FRAME) {
		snprintf(r->error, sizeof(r->error),
		    "frame type 0x%04x has bad length %u", (unsigned)h.type,
		    (unsigned)h.len);
		r->broken = true;
		return -1;
	}
	if (r->end - r->start < h.len)
		return 0;
	msg->type = h.type;
	msg->id = h.id;
	msg->data = r->buf + r->start + IPC_HDR_LEN;
	msg->len = h.len - IPC_HDR_LEN;
	r->start += h.len;
	return 1;
}

size_t
ipc_reader_buffered(const struct ipc_reader *r)
{
	return r->end - r->start;
}

const char *
ipc_reader_error(const struct ipc_reader *r)
{
	return r->broken ? r->error : "no error";
}

/* -- Writer --------------------------------------------------------------- */

void
ipc_writer_init(struct ipc_writer *w)
{
	memset(w, 0, sizeof(*w));
}

void
ipc_writer_free(struct ipc_writer *w)
{
	free(w->buf);
	memset(w, 0, sizeof(*w));
}

int
ipc_writer_queue(struct ipc_writer *w, uint16_t type, uint32_t id,
    const void *data, size_t len)
{
	struct ipc_hdr h;
	size_t need;

	if (len > IPC_MAX_PAYLOAD) {
		errno = EMSGSIZE;
		return -1;
	}
	if (w->end - w->start + IPC_HDR_LEN + len > IPC_MAX_QUEUED) {
		errno = ENOBUFS;
		return -1;
	}
	if (w->start > 0 && w->start == w->end)
		w->start = w->end = 0;
	need = w->end + IPC_HDR_LEN + len;
	if (need > w->cap && w->start > 0) {
		memmove(w->buf, w->buf + w->start, w->end - w->start);
		w->end -= w->start;
		w->start = 0;
		need = w->end + IPC_HDR_LEN + len;
	}
	if (need > w->cap) {
		size_t cap = w->cap ? w->cap : 4096;

		while (cap < need)
			cap *= 2;
		w->buf = xrealloc(w->buf, cap);
		w->cap = cap;
	}
	h.len = (uint32_t)(IPC_HDR_LEN + len);
	h.type = type;
	h.flags = 0;
	h.id = id;
	memcpy(w->buf + w->end, &h, sizeof(h));
	if (len > 0)
		memcpy(w->buf + w->end + IPC_HDR_LEN, data, len);
	w->end += IPC_HDR_LEN + len;
	return 0;
}

int
ipc_writer_flush(struct ipc_writer *w, int fd)
{
	while (w->start < w->end) {
		/* MSG_NOSIGNAL: a dead peer is an error to handle, not a
		 * SIGPIPE that kills the sender. */
		ssize_t n = send(fd, w->buf + w->start, w->end - w->start,
		    MSG_NOSIGNAL | MSG_DONTWAIT);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return 1;
			return -1;
		}
		w->start += (size_t)n;
	}
	w->start = w->end = 0;
	/* A burst (10,000 verdicts at start, a bundle) grew the queue:
	 * give that memory back once it is sent. */
	if (w->cap > WRITER_KEEP) {
		free(w->buf);
		w->buf = NULL;
		w->cap = 0;
	}
	return 0;
}

size_t
ipc_writer_pending(const struct ipc_writer *w)
{
	return w->end - w->start;
}

/* -- Dispatch ------------------------------------------------------------- */

int
ipc_dispatch(const struct ipc_handler *table, size_t n, const char *peer,
    const struct ipc_msg *msg, void *ctx)
{
	const struct ipc_handler *h;

	for (h = table; h < table + n; h++)
		if (h->type == msg->type)
			break;
	if (h == table + n) {
		log_err("%s: unexpected message type 0x%04x (%s), %u bytes",
		    peer, (unsigned)msg->type, ipc_msg_name(msg->type),
		    (unsigned)msg->len);
		return -1;
	}
	if (msg->len < h->min_len || msg->len > h->max_len) {
		log_err("%s: message type 0x%04x (%s) has %u bytes, "
		    "want %u..%u", peer, (unsigned)msg->type,
		    ipc_msg_name(msg->type), (unsigned)msg->len,
		    (unsigned)h->min_len, (unsigned)h->max_len);
		return -1;
	}
	return h->fn(ctx, msg);
}
