// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Announcing the virtual addresses: gratuitous ARP for IPv4, unsolicited
 * NA for IPv6, written to AF_PACKET sockets (frames from
 * lib/vrrp/announce.c).  A batch sends every VIP `repeat` times, one
 * message per vrrp_garp_interval / vrrp_gna_interval when those are set;
 * garp_master_delay schedules a second batch, garp_master_refresh a
 * periodic one while master.
 */
#include "config.h"

#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log.h"
#include "vrrp/announce.h"
#include "vrrp/vrrp.h"

static int
packet_fd(struct vrrp_ctx *ctx, int af)
{
	int *fd = af == AF_INET ? &ctx->arp_fd : &ctx->na_fd;

	if (*fd < 0) {
		/* Protocol 0: send only, nothing is queued for reading. */
		*fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
		    0);
		if (*fd < 0)
			log_err("cannot open an AF_PACKET socket: %s",
			    strerror(errno));
	}
	return *fd;
}

/* IPv6 forwarding on the interface sets the NA's router flag (RFC 5798
 * wants it; keepalived follows the interface). */
static bool
ipv6_forwarding(const char *ifname)
{
	char path[128];
	FILE *f;
	int c = '0';

	snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/forwarding",
	    ifname);
	f = fopen(path, "re");
	if (f != NULL) {
		c = fgetc(f);
		fclose(f);
	}
	return c == '1';
}

static void
send_one(struct vrrp_inst *vi, const struct cfg_vip *vip)
{
	struct vrrp_ctx *ctx = vi->ctx;
	const struct lvsd_addr *a = &vip->prefix.addr;
	struct vrrp_iface other, *ifc = &vi->ifc;
	uint8_t frame[VRRP_NA_FRAME_LEN];
	struct sockaddr_ll sll;
	size_t len;
	int fd;

	if (vip->dev != NULL && strcmp(vip->dev, vi->ifc.name) != 0) {
		if (!vrrp_iface_lookup(vip->dev, &other))
			return;
		ifc = &other;
	}
	if (a->af == AF_INET && ifc->noarp)
		return;
	fd = packet_fd(ctx, a->af);
	if (fd < 0)
		return;
	if (a->af == AF_INET)
		len = vrrp_garp_frame(frame, ifc->mac, &a->u.v4);
	else
		len = vrrp_na_frame(frame, ifc->mac, &a->u.v6,
		    ipv6_forwarding(ifc->name));
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(a->af == AF_INET ? ETH_P_ARP : ETH_P_IPV6);
	sll.sll_ifindex = ifc->ifindex;
	sll.sll_halen = 6;
	memcpy(sll.sll_addr, frame, 6);
	if (sendto(fd, frame, len, 0, (struct sockaddr *)&sll,
	    sizeof(sll)) < 0)
		log_debug("%s: announcement on %s not sent: %s", vi->name,
		    ifc->name, strerror(errno));
}

static size_t
n_all(const struct vrrp_inst *vi)
{
	return vi->cfg->n_vips + vi->cfg->n_vips_excluded;
}

static const struct cfg_vip *
vip_at(const struct vrrp_inst *vi, size_t i)
{
	return i < vi->cfg->n_vips ? &vi->cfg->vips[i] :
	    &vi->cfg->vips_excluded[i - vi->cfg->n_vips];
}

static double
gap_s(const struct vrrp_inst *vi)
{
	const struct cfg_global *g = &vi->ctx->cfg->global;

	return (vi->cfg->family == AF_INET6 ? g->vrrp_gna_interval_ms :
	    g->vrrp_garp_interval_ms) / 1000.0;
}

/* Send what is due: everything at once, or one message when spaced. */
static void
pump(struct vrrp_inst *vi)
{
	struct vrrp_announce *an = &vi->ann;
	double gap = gap_s(vi);

	while (an->rounds_left > 0 && n_all(vi) > 0) {
		send_one(vi, vip_at(vi, an->next_vip));
		if (++an->next_vip == n_all(vi)) {
			an->next_vip = 0;
			an->rounds_left--;
		}
		if (gap > 0 && an->rounds_left > 0) {
			ev_timer_set(&an->timer, gap, 0);
			ev_timer_start(vi->ctx->loop, &an->timer);
			return;
		}
	}
}

static void
on_spacing(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)revents;
	pump(w->data);
}

static void
batch(struct vrrp_inst *vi, uint32_t rounds)
{
	vi->ann.rounds_left += rounds;
	if (!ev_is_active(&vi->ann.timer))
		pump(vi);
}

static void
on_later(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct vrrp_inst *vi = w->data;
	const struct cfg_vrrp_instance *c = vi->cfg;

	(void)loop;
	(void)revents;
	if (vi->fsm.state != VRRP_STATE_MASTER)
		return;
	if (vi->ann.later_is_refresh) {
		batch(vi, c->garp_master_refresh_repeat ?
		    c->garp_master_refresh_repeat : 1);
		return;
	}
	batch(vi, vi->ann.later_rounds);
	if (c->garp_master_refresh_ms > 0) {
		vi->ann.later_is_refresh = true;
		ev_timer_set(w, c->garp_master_refresh_ms / 1000.0,
		    c->garp_master_refresh_ms / 1000.0);
		ev_timer_start(vi->ctx->loop, w);
	}
}

void
vrrp_announce_init(struct vrrp_inst *vi)
{
	ev_init(&vi->ann.timer, on_spacing);
	vi->ann.timer.data = vi;
	ev_init(&vi->ann.later, on_later);
	vi->ann.later.data = vi;
}

void
vrrp_announce_start(struct vrrp_inst *vi, uint32_t repeat, uint32_t delay_ms,
    uint32_t refresh_ms)
{
	struct vrrp_announce *an = &vi->ann;

	ev_timer_stop(vi->ctx->loop, &an->later);
	batch(vi, repeat);
	an->later_rounds = repeat;
	if (delay_ms > 0) {
		an->later_is_refresh = false;
		ev_timer_set(&an->later, delay_ms / 1000.0, 0);
		ev_timer_start(vi->ctx->loop, &an->later);
	} else if (refresh_ms > 0) {
		an->later_is_refresh = true;
		ev_timer_set(&an->later, refresh_ms / 1000.0,
		    refresh_ms / 1000.0);
		ev_timer_start(vi->ctx->loop, &an->later);
	}
}

void
vrrp_announce_stop(struct vrrp_inst *vi)
{
	ev_timer_stop(vi->ctx->loop, &vi->ann.timer);
	ev_timer_stop(vi->ctx->loop, &vi->ann.later);
	vi->ann.rounds_left = 0;
	vi->ann.next_vip = 0;
}

void
vrrp_announce_close(struct vrrp_ctx *ctx)
{
	if (ctx->arp_fd >= 0)
		close(ctx->arp_fd);
	if (ctx->na_fd >= 0)
		close(ctx->na_fd);
	ctx->arp_fd = ctx->na_fd = -1;
}
