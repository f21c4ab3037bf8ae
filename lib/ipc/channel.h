/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A framed-message channel on a libev loop: one per peer (the parent holds
 * one per engine, an engine one to the parent).
 *
 * Reads dispatch every complete frame through the peer's handler table;
 * sends are queued and written when the socket is writable, so nothing ever
 * blocks the loop.  When the peer closes, the stream desynchronises, a
 * handler rejects a message or a write fails, the channel closes its fd and
 * calls on_close once; the owner decides what that means (an engine exits,
 * the parent kills and restarts the engine).
 */
#ifndef LVSD_IPC_CHANNEL_H
#define LVSD_IPC_CHANNEL_H

#include <ev.h>
#include <stdbool.h>

#include "ipc/frame.h"

struct ipc_channel;

/* peer_closed: the peer closed its end (EOF between frames); otherwise
 * the channel was closed on an error (desync, protocol, I/O), logged. */
typedef void (*ipc_close_fn)(struct ipc_channel *ch, void *ctx,
    bool peer_closed);

struct ipc_channel {
	struct ev_loop *loop;
	int fd;                       /* -1 once closed */
	ev_io read_watcher;
	ev_io write_watcher;
	struct ipc_reader reader;
	struct ipc_writer writer;
	const struct ipc_handler *handlers;
	size_t n_handlers;
	const char *peer;             /* for logs: "check engine", "parent" */
	void *ctx;                    /* passed to handlers and on_close */
	ipc_close_fn on_close;
	bool failed;                  /* close at the next write callback */
};

/* A closed channel: what a struct holds before open and after close. */
void ipc_channel_init(struct ipc_channel *ch);
/* Take ownership of the connected socket `fd` (made non-blocking). */
void ipc_channel_open(struct ipc_channel *ch, struct ev_loop *loop, int fd,
    const char *peer, const struct ipc_handler *handlers, size_t n_handlers,
    void *ctx, ipc_close_fn on_close);
/*
 * Queue one message.  Returns -1 if the channel is closed or the message
 * cannot be queued; in the second case the channel is failed and closes
 * (calling on_close) from the loop, never from inside this call.
 */
int ipc_channel_send(struct ipc_channel *ch, uint16_t type, uint32_t id,
    const void *data, size_t len);
/* Close now, without calling on_close.  Safe on a closed channel. */
void ipc_channel_close(struct ipc_channel *ch);
bool ipc_channel_is_open(const struct ipc_channel *ch);

#endif
