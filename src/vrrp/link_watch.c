// SPDX-License-Identifier: GPL-2.0-or-later
/* Link state from rtnetlink (link_watch.h). */
#include "config.h"

#include <net/if.h>
#include <netlink/cache.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <string.h>

#include "log.h"
#include "vrrp/link_watch.h"

static void
on_link_change(struct nl_cache *cache, struct nl_object *obj, int action,
    void *arg)
{
	struct link_watch *w = arg;

	(void)cache;
	(void)obj;
	(void)action;
	if (w->changed != NULL)
		w->changed(w->arg);
}

static void
on_readable(struct ev_loop *loop, ev_io *io, int revents)
{
	struct link_watch *w = io->data;
	int err;

	(void)loop;
	(void)revents;
	err = nl_cache_mngr_data_ready(w->mngr);
	if (err >= 0)
		return;
	/* Events may have been lost (socket overrun): read the table again
	 * on a socket of our own. */
	log_warn("link events: %s; reading the interfaces again",
	    nl_geterror(err));
	if (w->sync != NULL && nl_cache_refill(w->sync, w->links) == 0 &&
	    w->changed != NULL)
		w->changed(w->arg);
}

bool
link_watch_start(struct link_watch *w, struct ev_loop *loop,
    void (*changed)(void *arg), void *arg)
{
	int err;

	memset(w, 0, sizeof(*w));
	w->loop = loop;
	w->changed = changed;
	w->arg = arg;
	err = nl_cache_mngr_alloc(NULL, NETLINK_ROUTE, 0,
	    &w->mngr);
	if (err == 0)
		err = nl_cache_mngr_add(w->mngr, "route/link", on_link_change,
		    w, &w->links);
	if (err == 0 && (w->sync = nl_socket_alloc()) == NULL)
		err = -NLE_NOMEM;
	if (err == 0)
		err = nl_connect(w->sync, NETLINK_ROUTE);
	if (err < 0) {
		log_err("cannot watch interfaces over rtnetlink: %s",
		    nl_geterror(err));
		link_watch_stop(w);
		return false;
	}
	ev_io_init(&w->io, on_readable, nl_cache_mngr_get_fd(w->mngr),
	    EV_READ);
	w->io.data = w;
	ev_io_start(loop, &w->io);
	return true;
}

void
link_watch_stop(struct link_watch *w)
{
	if (w->loop != NULL)
		ev_io_stop(w->loop, &w->io);
	if (w->mngr != NULL)
		nl_cache_mngr_free(w->mngr);
	if (w->sync != NULL)
		nl_socket_free(w->sync);
	w->sync = NULL;
	w->mngr = NULL;
	w->links = NULL;
}

bool
link_watch_is_up(struct link_watch *w, const char *ifname)
{
	struct rtnl_link *link;
	unsigned flags;

	if (w->links == NULL)
		return false;
	link = rtnl_link_get_by_name(w->links, ifname);
	if (link == NULL)
		return false;
	flags = rtnl_link_get_flags(link);
	rtnl_link_put(link);
	return (flags & IFF_UP) && (flags & IFF_RUNNING);
}
