// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "ipc/channel.h"
#include "log.h"

static void
channel_shut(struct ipc_channel *ch, bool peer_closed)
{
	ipc_close_fn on_close = ch->on_close;

	ipc_channel_close(ch);
	if (on_close != NULL)
		on_close(ch, ch->ctx, peer_closed);
}

/* Close from the loop rather than now: the caller may be in the middle of
 * a handler that still uses the channel. */
static void
channel_fail(struct ipc_channel *ch)
{
	if (ch->failed)
		return;
	ch->failed = true;
	ev_io_stop(ch->loop, &ch->read_watcher);
	ev_feed_event(ch->loop, &ch->write_watcher, EV_WRITE);
}

static void
channel_read_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	struct ipc_channel *ch = w->data;
	struct ipc_msg msg;
	ssize_t n;
	int r;

	(void)loop;
	(void)revents;
	n = ipc_reader_fill(&ch->reader, ch->fd);
	if (n < 0) {
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			return;
		log_err("%s: read: %s", ch->peer, strerror(errno));
		channel_shut(ch, false);
		return;
	}
	while ((r = ipc_reader_next(&ch->reader, &msg)) == 1) {
		if (ipc_dispatch(ch->handlers, ch->n_handlers, ch->peer, &msg,
		    ch->ctx) < 0) {
			log_err("%s: protocol error; closing the channel",
			    ch->peer);
			channel_shut(ch, false);
			return;
		}
		/* A handler may have closed or failed the channel. */
		if (ch->fd < 0 || ch->failed)
			return;
	}
	if (r < 0) {
		log_err("%s: desynchronised: %s; closing the channel",
		    ch->peer, ipc_reader_error(&ch->reader));
		channel_shut(ch, false);
		return;
	}
	if (n == 0) {
		if (ipc_reader_buffered(&ch->reader) > 0)
			log_err("%s: closed the channel in the middle of a "
			    "message (%zu bytes left)", ch->peer,
			    ipc_reader_buffered(&ch->reader));
		else
			log_debug("%s: closed the channel", ch->peer);
		channel_shut(ch, ipc_reader_buffered(&ch->reader) == 0);
	}
}

static void
channel_write_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	struct ipc_channel *ch = w->data;
	int r;

	(void)revents;
	if (ch->failed) {
		channel_shut(ch, false);
		return;
	}
	r = ipc_writer_flush(&ch->writer, ch->fd);
	if (r == 0) {
		ev_io_stop(loop, w);
	} else if (r < 0) {
		/* EPIPE and friends: the peer is gone; the read side will
		 * usually have seen it first. */
		log_debug("%s: write: %s", ch->peer, strerror(errno));
		channel_shut(ch, false);
	}
}

void
ipc_channel_init(struct ipc_channel *ch)
{
	memset(ch, 0, sizeof(*ch));
	ch->fd = -1;
}

void
ipc_channel_open(struct ipc_channel *ch, struct ev_loop *loop, int fd,
    const char *peer, const struct ipc_handler *handlers, size_t n_handlers,
    void *ctx, ipc_close_fn on_close)
{
	int fl;

	memset(ch, 0, sizeof(*ch));
	ch->loop = loop;
	ch->fd = fd;
	ch->peer = peer;
	ch->handlers = handlers;
	ch->n_handlers = n_handlers;
	ch->ctx = ctx;
	ch->on_close = on_close;
	fl = fcntl(fd, F_GETFL);
	if (fl >= 0 && !(fl & O_NONBLOCK))
		(void)fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	ipc_reader_init(&ch->reader);
	ipc_writer_init(&ch->writer);
	ev_io_init(&ch->read_watcher, channel_read_cb, fd, EV_READ);
	ev_io_init(&ch->write_watcher, channel_write_cb, fd, EV_WRITE);
	ch->read_watcher.data = ch;
	ch->write_watcher.data = ch;
	ev_io_start(loop, &ch->read_watcher);
}

int
ipc_channel_send(struct ipc_channel *ch, uint16_t type, uint32_t id,
    const void *data, size_t len)
{
	if (ch->fd < 0 || ch->failed)
		return -1;
	if (ipc_writer_queue(&ch->writer, type, id, data, len) < 0) {
		log_err("%s: cannot queue message type 0x%04x (%zu bytes): %s",
		    ch->peer, (unsigned)type, len, strerror(errno));
		if (errno == ENOBUFS)
			channel_fail(ch); /* the peer stopped reading */
		return -1;
	}
	ev_io_start(ch->loop, &ch->write_watcher);
	return 0;
}

void
ipc_channel_close(struct ipc_channel *ch)
{
	if (ch->fd < 0)
		return;
	/* Stopping also clears an event fed by channel_fail(). */
	ev_io_stop(ch->loop, &ch->read_watcher);
	ev_io_stop(ch->loop, &ch->write_watcher);
	close(ch->fd);
	ch->fd = -1;
	ch->failed = false;
	ipc_reader_free(&ch->reader);
	ipc_writer_free(&ch->writer);
}

bool
ipc_channel_is_open(const struct ipc_channel *ch)
{
	return ch->fd >= 0;
}
