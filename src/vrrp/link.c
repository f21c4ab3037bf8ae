// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Link state of the instances' interfaces, from rtnetlink (RTNLGRP_LINK)
 * through libnl.  As keepalived does by default, an instance whose own
 * interface loses its carrier goes to FAULT (a master lets go), and back
 * to BACKUP when it returns; `dont_track_primary` turns that off, and a
 * master then only re-announces its addresses when the link comes back.
 * Every change is also passed to the link_changed hooks (track_interface).
 */
#include "config.h"

#include <linux/rtnetlink.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <string.h>

#include "log.h"
#include "vrrp/vrrp.h"

#define LINK_FAULT "link down"

static void
instance_link(struct vrrp_inst *vi, bool up)
{
	const struct cfg_vrrp_instance *c = vi->cfg;

	if (up == vi->link_up)
		return;
	vi->link_up = up;
	log_info("%s: %s is %s", vi->name, c->interface,
	    up ? "up" : "down");
	if (!c->dont_track_primary) {
		vrrp_inst_set_fault(vi, LINK_FAULT, !up);
		return;
	}
	if (up && vi->fsm.state == VRRP_STATE_MASTER)
		vrrp_announce_start(vi, c->garp_master_repeat,
		    c->garp_master_delay_ms, c->garp_master_refresh_ms);
}

static int
on_msg(struct nl_msg *msg, void *arg)
{
	struct vrrp_ctx *ctx = arg;
	struct nlmsghdr *h = nlmsg_hdr(msg);
	struct nlattr *tb[IFLA_MAX + 1];
	struct ifinfomsg *ifi;
	struct vrrp_inst *vi;
	const char *name = "?";
	bool up;
	size_t i;

	if (h->nlmsg_type != RTM_NEWLINK && h->nlmsg_type != RTM_DELLINK)
		return NL_OK;
	if (nlmsg_parse(h, sizeof(*ifi), tb, IFLA_MAX, NULL) < 0)
		return NL_OK;
	ifi = nlmsg_data(h);
	if (tb[IFLA_IFNAME] != NULL)
		name = nla_get_string(tb[IFLA_IFNAME]);
	up = h->nlmsg_type == RTM_NEWLINK && (ifi->ifi_flags & IFF_UP) &&
	    (ifi->ifi_flags & IFF_RUNNING);
	for (vi = ctx->insts; vi != NULL; vi = vi->next) {
		if (!vi->started || vi->ifc.ifindex != ifi->ifi_index)
			continue;
		instance_link(vi, up);
		/* Deleted: wait for an interface of that name to come back
		 * (a new index, so a new socket). */
		if (h->nlmsg_type == RTM_DELLINK)
			vrrp_inst_iface_gone(vi);
	}
	for (i = 0; i < ctx->n_hooks; i++)
		if (ctx->hooks[i].link_changed != NULL)
			ctx->hooks[i].link_changed(ctx->hooks[i].arg, name,
			    ifi->ifi_index, up);
	return NL_OK;
}

static void
on_readable(struct ev_loop *loop, ev_io *w, int revents)
{
	struct vrrp_ctx *ctx = w->data;

	(void)loop;
	(void)revents;
	/* Errors (ENOBUFS after a burst) only mean missed events; the
	 * next change brings the state again. */
	(void)nl_recvmsgs_default(ctx->mon);
}

bool
vrrp_link_open(struct vrrp_ctx *ctx)
{
	int err;

	ctx->mon = nl_socket_alloc();
	if (ctx->mon == NULL)
		return false;
	nl_socket_disable_seq_check(ctx->mon);
	nl_socket_modify_cb(ctx->mon, NL_CB_VALID, NL_CB_CUSTOM, on_msg, ctx);
	err = nl_connect(ctx->mon, NETLINK_ROUTE);
	if (err == 0)
		err = nl_socket_add_membership(ctx->mon, RTNLGRP_LINK);
	if (err == 0)
		err = nl_socket_set_nonblocking(ctx->mon);
	if (err < 0) {
		log_err("cannot watch link state over rtnetlink: %s",
		    nl_geterror(err));
		nl_socket_free(ctx->mon);
		ctx->mon = NULL;
		return false;
	}
	ev_io_init(&ctx->mon_io, on_readable, nl_socket_get_fd(ctx->mon),
	    EV_READ);
	ctx->mon_io.data = ctx;
	ev_io_start(ctx->loop, &ctx->mon_io);
	return true;
}

void
vrrp_link_close(struct vrrp_ctx *ctx)
{
	if (ctx->mon == NULL)
		return;
	ev_io_stop(ctx->loop, &ctx->mon_io);
	nl_socket_free(ctx->mon);
	ctx->mon = NULL;
}

/* After a (re)lookup: the state getifaddrs saw (vrrp_iface.running);
 * link_up starts true, so only a down link changes anything at start. */
void
vrrp_link_initial(struct vrrp_inst *vi)
{
	instance_link(vi, vi->ifc.running);
}
