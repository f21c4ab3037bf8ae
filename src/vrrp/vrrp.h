/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The vrrp engine's internals, shared by its files:
 *   vrrp_engine.c  the role: context, reload diff, start-up delay, stop
 *   instance.c     one VRRP instance: drives lib/vrrp/fsm, carries out its
 *                  actions, logs and reports state changes
 *   socket.c       raw IPPROTO_VRRP sockets per interface and family
 *   addresses.c    interfaces and the virtual addresses (rtnetlink)
 *   routes.c       virtual and static routes, rules (rtnetlink)
 *   garp.c         gratuitous ARP / unsolicited NA batches (AF_PACKET)
 *   link.c         link state of the interfaces (rtnetlink)
 *   syncd.c        the IPVS sync daemon following an instance
 */
#ifndef LVSD_VRRP_VRRP_H
#define LVSD_VRRP_VRRP_H

#include <ev.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>

#include "config/config.h"
#include "engine.h"
#include "vrrp/fsm.h"
#include "vrrp/packet.h"
#include "vrrp/vrrp_hooks.h"

struct nl_sock;
struct vrrp_ha;

#define VRRP_MAX_FAULTS 16

struct vrrp_iface {
	char name[IF_NAMESIZE];
	int ifindex;
	uint8_t mac[6];
	bool noarp;
	bool running;                   /* IFF_UP and IFF_RUNNING */
	struct lvsd_addr primary4;      /* first IPv4 address, af 0: none */
	struct lvsd_addr linklocal6;    /* a usable fe80::, af 0: none */
};

struct vrrp_sock {
	struct vrrp_sock *next;
	struct vrrp_ctx *ctx;
	int af, ifindex;
	char ifname[IF_NAMESIZE];
	int fd;
	ev_io io;
	unsigned refs;
};

/* A batch of announcements: `rounds` times every VIP, spaced by gap. */
struct vrrp_announce {
	ev_timer timer;                 /* next message (spacing) */
	ev_timer later;                 /* second batch / refresh */
	unsigned rounds_left;
	uint32_t later_rounds;          /* size of the second batch */
	size_t next_vip;
	bool later_is_refresh;
};

struct vrrp_inst {
	struct vrrp_inst *next;
	struct vrrp_ctx *ctx;
	const struct cfg_vrrp_instance *cfg; /* in the running config */
	char name[64];
	struct vrrp_fsm fsm;
	struct vrrp_iface ifc;
	struct vrrp_sock *sock;
	struct lvsd_addr src;           /* advert source */
	struct lvsd_addr group;         /* multicast destination */
	bool unicast;
	uint8_t send_ttl;
	ev_timer timer;                 /* fsm deadlines */
	ev_timer retry;                 /* interface or source missing */
	struct vrrp_announce ann;
	bool started;
	bool vips_set;
	bool link_up;
	const char *faults[VRRP_MAX_FAULTS];
	size_t n_faults;
	uint64_t rx_drops[VRRP_RX_RESULT_COUNT];
	bool warned[VRRP_RX_RESULT_COUNT];
	bool interval_warned;
	uint64_t tx_adverts;
	/* for lvsctl and metrics */
	uint64_t rx_adverts;            /* accepted */
	uint64_t transitions;           /* state changes */
	int64_t state_since_ms;         /* wall clock of the last change */
	struct lvsd_addr master;        /* who is master, as far as we know */
	bool ctl_released;              /* lvsctl vrrp release holds it */
};

struct vrrp_ctx {
	struct engine *e;
	struct ev_loop *loop;
	struct nl_sock *nl;             /* rtnetlink: addresses */
	struct nl_sock *mon;            /* rtnetlink: link changes */
	ev_io mon_io;
	int arp_fd, na_fd;              /* AF_PACKET, opened on first use */
	struct vrrp_inst *insts;
	struct vrrp_sock *socks;
	struct vrrp_hooks hooks[VRRP_MAX_HOOKS];
	size_t n_hooks;
	const struct lvsd_config *cfg;  /* running configuration */
	ev_timer startup_delay;
	bool started;                   /* vrrp_startup_delay has passed */
	bool dont_release;              /* -V */
	struct vrrp_syncd *syncd;       /* lvs_sync_daemon (syncd.c) */
	struct vrrp_ha *ha;             /* tracking, notify, sync groups */
};

/* instance.c */
struct vrrp_inst *vrrp_inst_create(struct vrrp_ctx *ctx,
    const struct cfg_vrrp_instance *cfg, bool resume);
void vrrp_inst_start(struct vrrp_inst *vi);
/* release: a master sends priority 0 and removes its addresses; without
 * it the addresses stay (-V, or a changed instance being replaced). */
void vrrp_inst_destroy(struct vrrp_inst *vi, bool release);
void vrrp_inst_receive(struct vrrp_inst *vi, const struct vrrp_rx *rx,
    const struct vrrp_pkt *pkt);
/* The interface was deleted: FAULT until one of that name is back. */
void vrrp_inst_iface_gone(struct vrrp_inst *vi);

/* socket.c */
struct vrrp_sock *vrrp_sock_get(struct vrrp_ctx *ctx, int af,
    const struct vrrp_iface *ifc, const struct lvsd_addr *group);
void vrrp_sock_put(struct vrrp_sock *s);
/* Read and dispatch what is queued now (before a master-down decision). */
void vrrp_sock_drain(struct vrrp_sock *s);
bool vrrp_sock_send(struct vrrp_sock *s, const struct lvsd_addr *src,
    const struct lvsd_addr *dst, uint8_t ttl, const uint8_t *msg,
    size_t len);

/* addresses.c */
bool vrrp_addr_open(struct vrrp_ctx *ctx);
void vrrp_addr_close(struct vrrp_ctx *ctx);
/* Fill ifc for interface `name`; false when it does not exist. */
bool vrrp_iface_lookup(const char *name, struct vrrp_iface *ifc);
/* Add or remove one VIP (dev: the VIP's own or the instance's). */
bool vrrp_vip_add(struct vrrp_ctx *ctx, const struct vrrp_inst *vi,
    const struct cfg_vip *vip);
bool vrrp_vip_del(struct vrrp_ctx *ctx, const struct vrrp_inst *vi,
    const struct cfg_vip *vip);
bool vrrp_vip_present(const struct vrrp_inst *vi, const struct cfg_vip *vip);
void vrrp_promote_secondaries(const char *ifname);
/* One address on interface ifindex; `who` names it in the log. */
bool vrrp_addr_op(struct vrrp_ctx *ctx, const char *who, int ifindex,
    const struct cfg_vip *vip, bool add);

/* routes.c: virtual_routes/rules and static_ipaddress/routes/rules */
void vrrp_inst_routes(struct vrrp_ctx *ctx, const struct vrrp_inst *vi,
    bool add);
/* A changed instance that stays MASTER drops what nc no longer has. */
void vrrp_inst_routes_drop_old(struct vrrp_ctx *ctx,
    const struct vrrp_inst *vi, const struct cfg_vrrp_instance *nc);
/* Install cfg's static ones, removing those only prev had (prev NULL:
 * start); cfg NULL removes prev's (stop). */
void vrrp_static_apply(struct vrrp_ctx *ctx, const struct lvsd_config *prev,
    const struct lvsd_config *cfg);

/* link.c */
bool vrrp_link_open(struct vrrp_ctx *ctx);
void vrrp_link_close(struct vrrp_ctx *ctx);
void vrrp_link_initial(struct vrrp_inst *vi);

/* garp.c */
void vrrp_announce_init(struct vrrp_inst *vi);
/* A batch of `repeat` rounds now, then (if delay_ms) another later;
 * refresh_ms re-announces periodically while master. */
void vrrp_announce_start(struct vrrp_inst *vi, uint32_t repeat,
    uint32_t delay_ms, uint32_t refresh_ms);
void vrrp_announce_stop(struct vrrp_inst *vi);
void vrrp_announce_close(struct vrrp_ctx *ctx);

#endif
