/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Interface state for track_interface: a libnl-route link cache kept up
 * to date by rtnetlink link events on the engine's loop.  An interface is
 * up when it exists, is administratively up and has carrier (IFF_UP and
 * IFF_RUNNING, as keepalived).
 */
#ifndef LVSD_VRRP_LINK_WATCH_H
#define LVSD_VRRP_LINK_WATCH_H

#include <ev.h>
#include <stdbool.h>

struct nl_cache_mngr;
struct nl_cache;
struct nl_sock;

struct link_watch {
	struct ev_loop *loop;
	struct nl_cache_mngr *mngr;
	struct nl_cache *links;
	struct nl_sock *sync;           /* to read the table again */
	ev_io io;
	void (*changed)(void *arg);     /* some link changed */
	void *arg;
};

/* false (after logging) when rtnetlink cannot be opened. */
bool link_watch_start(struct link_watch *w, struct ev_loop *loop,
    void (*changed)(void *arg), void *arg);
void link_watch_stop(struct link_watch *w);
bool link_watch_is_up(struct link_watch *w, const char *ifname);

#endif
