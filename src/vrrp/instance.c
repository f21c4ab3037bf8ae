// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * One VRRP instance at run time: feeds lib/vrrp/fsm with timer expiries,
 * received adverts and tracking input, and carries out the actions it
 * returns (send, take or release the addresses, announce them).  Every
 * state change is one log line, one event to the parent and a call of the
 * state hooks (vrrp_hooks.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ipc/event.h"
#include "ipc/msg.h"
#include "log.h"
#include "util.h"
#include "vrrp/vmac.h"
#include "vrrp/vrrp.h"
#include "vrrp/vrrp_ha.h"

#define RETRY_S 1.0
#define UNSET UINT32_MAX        /* config/parser.h CFG_UNSET */

static uint64_t
now_us(void)
{
	struct timespec ts;

	/* Monotonic: a wall-clock jump must not fire a timer. */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000;
}

static void
rearm(struct vrrp_inst *vi)
{
	uint64_t at = vrrp_fsm_next_deadline(&vi->fsm), now = now_us();

	ev_timer_stop(vi->ctx->loop, &vi->timer);
	if (at == 0)
		return;
	ev_timer_set(&vi->timer, at > now ? (double)(at - now) / 1e6 : 0, 0);
	ev_timer_start(vi->ctx->loop, &vi->timer);
}

static void
send_advert(struct vrrp_inst *vi, uint8_t priority)
{
	const struct cfg_vrrp_instance *c = vi->cfg;
	struct lvsd_addr addrs[VRRP_MAX_ADDRS];
	uint8_t buf[VRRP_PKT_MAX];
	struct vrrp_adv adv;
	size_t i, len, n;

	if (vi->sock == NULL || vi->src.af == 0)
		return;
	memset(&adv, 0, sizeof(adv));
	n = c->n_vips < VRRP_MAX_ADDRS ? c->n_vips : VRRP_MAX_ADDRS;
	for (i = 0; i < n; i++)
		addrs[i] = c->vips[i].prefix.addr;
	adv.af = c->family;
	adv.version = c->version;
	adv.vrid = c->vrid;
	adv.priority = priority;
	adv.interval_cs = (uint16_t)(c->advert_int_ms / 10);
	if (c->auth_type == VRRP_AUTH_PASS) {
		adv.auth_type = VRRP_AUTH_TYPE_PASS;
		memcpy(adv.auth_pass, c->auth_pass, VRRP_V2_AUTH_LEN);
	}
	adv.addrs = addrs;
	adv.naddr = n;
	adv.src = vi->src;
	adv.csum_form = vi->ctx->cfg->global.v3_checksum_as_v2 ?
	    VRRP_CSUM_PLAIN : VRRP_CSUM_PSEUDO;
	if (!vi->unicast) {
		adv.dst = vi->group;
		len = vrrp_pkt_encode(&adv, buf, sizeof(buf));
		if (len > 0 && vrrp_sock_send(vi->sock, &vi->src, &adv.dst,
		    VRRP_TTL, buf, len))
			vi->tx_adverts++;
		return;
	}
	for (i = 0; i < c->n_unicast_peers; i++) {
		adv.dst = c->unicast_peers[i];
		len = vrrp_pkt_encode(&adv, buf, sizeof(buf));
		if (len > 0 && vrrp_sock_send(vi->sock, &vi->src, &adv.dst,
		    vi->send_ttl, buf, len))
			vi->tx_adverts++;
	}
}

static int64_t
wall_ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
set_vips(struct vrrp_inst *vi, bool add)
{
	const struct cfg_vrrp_instance *c = vi->cfg;
	size_t i;

	/* routes and rules may use the VIPs: after them up, before down */
	if (!add)
		vrrp_inst_routes(vi->ctx, vi, false);
	for (i = 0; i < c->n_vips; i++)
		(void)(add ? vrrp_vip_add(vi->ctx, vi, &c->vips[i]) :
		    vrrp_vip_del(vi->ctx, vi, &c->vips[i]));
	for (i = 0; i < c->n_vips_excluded; i++)
		(void)(add ? vrrp_vip_add(vi->ctx, vi, &c->vips_excluded[i]) :
		    vrrp_vip_del(vi->ctx, vi, &c->vips_excluded[i]));
	if (add)
		vrrp_inst_routes(vi->ctx, vi, true);
	vi->vips_set = add;
}

static void
apply(struct vrrp_inst *vi, const struct vrrp_fsm_out *out, const char *why)
{
	const struct cfg_vrrp_instance *c = vi->cfg;
	struct vrrp_ctx *ctx = vi->ctx;
	char reason[160];
	size_t i;

	if (out->actions & VRRP_ACT_SEND_PRIO0)
		send_advert(vi, VRRP_PRIO_STOP);
	if (out->actions & VRRP_ACT_DEL_VIPS) {
		vrrp_announce_stop(vi);
		set_vips(vi, false);
	}
	if (out->actions & VRRP_ACT_SEND_ADVERT)
		send_advert(vi, vi->fsm.priority);
	if (out->actions & VRRP_ACT_ADD_VIPS)
		set_vips(vi, true);
	if (out->actions & VRRP_ACT_GARP)
		vrrp_announce_start(vi, c->garp_master_repeat,
		    c->garp_master_delay_ms, c->garp_master_refresh_ms);
	if (out->actions & VRRP_ACT_GARP_LOWER)
		vrrp_announce_start(vi, c->garp_lower_prio_repeat == UNSET ?
		    c->garp_master_repeat : c->garp_lower_prio_repeat,
		    c->garp_lower_prio_delay_ms == UNSET ?
		    c->garp_master_delay_ms : c->garp_lower_prio_delay_ms,
		    c->garp_master_refresh_ms);
	rearm(vi);
	if (out->actions & VRRP_ACT_WANT_MASTER)
		for (i = 0; i < ctx->n_hooks; i++)
			if (ctx->hooks[i].want_master != NULL)
				ctx->hooks[i].want_master(ctx->hooks[i].arg,
				    vi, vi->fsm.wants_master);
	if (out->from == out->to)
		return;
	vi->transitions++;
	vi->state_since_ms = wall_ms_now();
	if (out->to == VRRP_STATE_MASTER)
		vi->master = vi->src;
	else if (out->from == VRRP_STATE_MASTER || out->to != VRRP_STATE_BACKUP)
		memset(&vi->master, 0, sizeof(vi->master));
	snprintf(reason, sizeof(reason), "%s%s%s",
	    out->reason != NULL ? out->reason : "", why != NULL ? " " : "",
	    why != NULL ? why : "");
	log_info("%s: %s -> %s (%s)", vi->name, vrrp_state_name(out->from),
	    vrrp_state_name(out->to), reason);
	engine_send_event(ctx->e, IPC_EVT_VRRP_STATE, (uint32_t)out->to,
	    (uint32_t)out->from, vi->name, reason);
	for (i = 0; i < ctx->n_hooks; i++)
		if (ctx->hooks[i].state_changed != NULL)
			ctx->hooks[i].state_changed(ctx->hooks[i].arg, vi,
			    out->from, out->to, reason);
}

static void
feed(struct vrrp_inst *vi, enum vrrp_event ev,
    const struct vrrp_fsm_advert *adv, uint8_t prio, const char *why)
{
	struct vrrp_fsm_out out;

	out = vrrp_fsm_event(&vi->fsm, ev, now_us(), adv, prio);
	apply(vi, &out, why);
}

static void
on_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct vrrp_inst *vi = w->data;

	(void)loop;
	(void)revents;
	/* A starved process may find the master-down timer and the
	 * master's advert due at once: read the advert first, so a late
	 * wake-up does not make a second master. */
	if (vi->fsm.state == VRRP_STATE_BACKUP && vi->sock != NULL)
		vrrp_sock_drain(vi->sock);
	feed(vi, VRRP_EV_TIMER, NULL, 0, NULL);
}

/* -- set-up: interface, source address, socket ---------------------------- */

static const char *
setup(struct vrrp_inst *vi)
{
	const struct cfg_vrrp_instance *c = vi->cfg;
	const struct cfg_global *g = &vi->ctx->cfg->global;

	if (!vrrp_iface_lookup(c->interface, &vi->ifc))
		return "interface missing";
	if (c->use_vmac && !vrrp_vmac_attach(vrrp_ha_vmacs(vi->ctx->ha),
	    vi->ctx->nl, vi))
		return "its use_vmac interface cannot be set up";
	if (c->unicast_src_ip.af != 0)
		vi->src = c->unicast_src_ip;
	else if (c->mcast_src_ip.af != 0)
		vi->src = c->mcast_src_ip;
	else
		vi->src = c->family == AF_INET6 ? vi->ifc.linklocal6 :
		    vi->ifc.primary4;
	if (vi->src.af == 0)
		return c->family == AF_INET6 ? "no link-local address" :
		    "no IPv4 address";
	vi->unicast = c->n_unicast_peers > 0;
	if (!vi->unicast && c->unicast_src_ip.af != 0 &&
	    c->unicast_fault_no_peer)
		return "unicast without peers";
	vi->group = c->family == AF_INET6 ? g->vrrp_mcast_group6 :
	    g->vrrp_mcast_group4;
	vi->send_ttl = c->unicast_ttl != 0 ? c->unicast_ttl : VRRP_TTL;
	if (vi->sock == NULL)
		vi->sock = vrrp_sock_get(vi->ctx, c->family, &vi->ifc,
		    vi->unicast ? NULL : &vi->group);
	if (vi->sock == NULL)
		return "no VRRP socket";
	if (c->promote_secondaries)
		vrrp_promote_secondaries(c->interface);
	vi->fsm.conf.primary = vi->src;
	return NULL;
}

static void
on_retry(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct vrrp_inst *vi = w->data;
	const char *why;

	(void)revents;
	why = setup(vi);
	if (why != NULL)
		return;
	ev_timer_stop(loop, w);
	log_info("%s: %s is usable now", vi->name, vi->cfg->interface);
	vrrp_link_initial(vi);
	vrrp_inst_set_fault(vi, "interface", false);
}

void
vrrp_inst_iface_gone(struct vrrp_inst *vi)
{
	log_err("%s: %s was deleted; FAULT until it is back", vi->name,
	    vi->cfg->interface);
	vrrp_inst_set_fault(vi, "interface", true);
	vrrp_sock_put(vi->sock);
	vi->sock = NULL;
	vi->ifc.ifindex = 0;
	ev_timer_set(&vi->retry, RETRY_S, RETRY_S);
	ev_timer_start(vi->ctx->loop, &vi->retry);
}

/* Were we master before this engine started?  All the addresses on the
 * interface say so (an engine restart, or lvsd -V): resume without a
 * flap.  Some of them alone are strays a backup must not hold. */
static bool
addresses_present(struct vrrp_inst *vi)
{
	const struct cfg_vrrp_instance *c = vi->cfg;
	size_t i, n = 0;

	for (i = 0; i < c->n_vips; i++)
		n += vrrp_vip_present(vi, &c->vips[i]);
	if (n > 0 && n == c->n_vips)
		return true;
	if (n > 0) {
		log_info("%s: removing %zu of its addresses left on the "
		    "interface", vi->name, n);
		set_vips(vi, false);
	}
	return false;
}

void
vrrp_inst_start(struct vrrp_inst *vi)
{
	const char *why;

	if (vi->started)
		return;
	vi->started = true;
	if (vi->cfg->version == 2 && vi->cfg->auth_type == VRRP_AUTH_AH) {
		/* Never run unauthenticated beside AH peers. */
		log_err("%s: auth_type AH is not supported; the instance stays "
		    "in FAULT (use PASS or no authentication)", vi->name);
		vrrp_inst_set_fault(vi, "auth_type AH", true);
		feed(vi, VRRP_EV_STARTUP, NULL, 0, NULL);
		return;
	}
	why = setup(vi);
	if (why != NULL) {
		log_err("%s: %s: %s; FAULT until it is", vi->name,
		    vi->cfg->interface, why);
		vrrp_inst_set_fault(vi, "interface", true);
		ev_timer_set(&vi->retry, RETRY_S, RETRY_S);
		ev_timer_start(vi->ctx->loop, &vi->retry);
	} else {
		vrrp_link_initial(vi);
		if (!vi->fsm.conf.resume_master && addresses_present(vi))
			vi->fsm.conf.resume_master = true;
	}
	feed(vi, VRRP_EV_STARTUP, NULL, 0, NULL);
}

struct vrrp_inst *
vrrp_inst_create(struct vrrp_ctx *ctx, const struct cfg_vrrp_instance *cfg,
    bool resume)
{
	struct vrrp_inst *vi = xcalloc(1, sizeof(*vi)), **pp;
	struct vrrp_fsm_conf fc;
	size_t i;

	vi->ctx = ctx;
	vi->cfg = cfg;
	vi->link_up = true;
	snprintf(vi->name, sizeof(vi->name), "%s", cfg->name);
	memset(&fc, 0, sizeof(fc));
	fc.version = cfg->version;
	fc.priority = cfg->priority;
	fc.adver_int_cs = (uint16_t)(cfg->advert_int_ms / 10);
	fc.preempt = !cfg->nopreempt;
	fc.preempt_delay_ms = cfg->preempt_delay_ms;
	fc.higher_prio_send_advert = cfg->higher_prio_send_advert;
	fc.lower_prio_no_advert = cfg->lower_prio_no_advert;
	fc.owner_ignores_adverts = ctx->cfg->global.vrrp_strict;
	fc.resume_master = resume;
	vrrp_fsm_init(&vi->fsm, &fc);
	ev_init(&vi->timer, on_timer);
	vi->timer.data = vi;
	ev_init(&vi->retry, on_retry);
	vi->retry.data = vi;
	vrrp_announce_init(vi);
	for (pp = &ctx->insts; *pp != NULL; pp = &(*pp)->next)
		;
	*pp = vi;
	for (i = 0; i < ctx->n_hooks; i++)
		if (ctx->hooks[i].instance_added != NULL)
			ctx->hooks[i].instance_added(ctx->hooks[i].arg, vi);
	return vi;
}

void
vrrp_inst_destroy(struct vrrp_inst *vi, bool release)
{
	struct vrrp_ctx *ctx = vi->ctx;
	struct vrrp_inst **pp;
	size_t i;

	/* The last state change first (a notify_stop sees it), then the
	 * instance goes away for the hooks. */
	if (release) {
		feed(vi, VRRP_EV_SHUTDOWN, NULL, 0, NULL);
	} else if (vi->fsm.state == VRRP_STATE_MASTER) {
		log_info("%s: stopping as MASTER, addresses kept", vi->name);
	}
	for (i = 0; i < ctx->n_hooks; i++)
		if (ctx->hooks[i].instance_removed != NULL)
			ctx->hooks[i].instance_removed(ctx->hooks[i].arg, vi);
	ev_timer_stop(ctx->loop, &vi->timer);
	ev_timer_stop(ctx->loop, &vi->retry);
	vrrp_announce_stop(vi);
	vrrp_sock_put(vi->sock);
	for (pp = &ctx->insts; *pp != NULL; pp = &(*pp)->next)
		if (*pp == vi) {
			*pp = vi->next;
			break;
		}
	for (i = 0; i < vi->n_faults; i++)
		free((void *)vi->faults[i]);
	free(vi);
}

/* -- receive -------------------------------------------------------------- */

void
vrrp_inst_receive(struct vrrp_inst *vi, const struct vrrp_rx *rx,
    const struct vrrp_pkt *pkt)
{
	const struct cfg_vrrp_instance *c = vi->cfg;
	struct vrrp_fsm_advert adv;
	struct vrrp_expect exp;
	enum vrrp_rx_result r;
	char src[64], why[96];

	memset(&exp, 0, sizeof(exp));
	exp.version = c->version;
	exp.auth_type = c->auth_type == VRRP_AUTH_PASS ?
	    VRRP_AUTH_TYPE_PASS : VRRP_AUTH_TYPE_NONE;
	memcpy(exp.auth_pass, c->auth_pass, VRRP_V2_AUTH_LEN);
	exp.interval_cs = (uint16_t)(c->advert_int_ms / 10);
	exp.unicast = vi->unicast;
	exp.peers = c->unicast_peers;
	exp.n_peers = c->n_unicast_peers;
	exp.check_peers = c->check_unicast_src;
	exp.own = &vi->src;
	exp.strict = vi->ctx->cfg->global.vrrp_strict;
	addr_to_string(&rx->src, src, sizeof(src));
	r = vrrp_pkt_accept(pkt, rx, &exp);
	if (r != VRRP_RX_OK) {
		vi->rx_drops[r]++;
		if (!vi->warned[r] && r != VRRP_RX_OWN) {
			vi->warned[r] = true;
			log_warn("%s: advert from %s dropped: %s (logged once)",
			    vi->name, src, vrrp_rx_result_name(r));
		}
		return;
	}
	if (c->version == 3 && pkt->interval_cs != exp.interval_cs &&
	    !vi->interval_warned) {
		vi->interval_warned = true;
		log_info("%s: %s advertises every %u0 ms, we every %u ms; "
		    "following it while backup", vi->name, src,
		    pkt->interval_cs, c->advert_int_ms);
	}
	adv.priority = pkt->priority;
	adv.interval_cs = pkt->interval_cs;
	adv.src = rx->src;
	snprintf(why, sizeof(why), "from %s priority %u", src, pkt->priority);
	vi->rx_adverts++;
	feed(vi, VRRP_EV_ADVERT, &adv, 0, why);
	if (vi->fsm.state != VRRP_STATE_MASTER)
		vi->master = pkt->priority > 0 ? rx->src :
		    (struct lvsd_addr){ 0 };
}

/* -- hooks ---------------------------------------------------------------- */

bool
vrrp_hook_add(struct vrrp_ctx *ctx, const struct vrrp_hooks *hooks)
{
	if (ctx->n_hooks == VRRP_MAX_HOOKS)
		return false;
	ctx->hooks[ctx->n_hooks++] = *hooks;
	return true;
}

struct vrrp_inst *
vrrp_inst_find(struct vrrp_ctx *ctx, const char *name)
{
	struct vrrp_inst *vi;

	for (vi = ctx->insts; vi != NULL; vi = vi->next)
		if (strcmp(vi->name, name) == 0)
			return vi;
	return NULL;
}

struct vrrp_inst *
vrrp_inst_first(struct vrrp_ctx *ctx)
{
	return ctx->insts;
}

struct vrrp_inst *
vrrp_inst_next(struct vrrp_inst *vi)
{
	return vi->next;
}

const struct cfg_vrrp_instance *
vrrp_inst_cfg(const struct vrrp_inst *vi)
{
	return vi->cfg;
}

enum vrrp_state
vrrp_inst_state(const struct vrrp_inst *vi)
{
	return vi->fsm.state;
}

uint8_t
vrrp_inst_priority(const struct vrrp_inst *vi)
{
	return vi->fsm.priority;
}

void
vrrp_inst_set_priority(struct vrrp_inst *vi, uint8_t priority)
{
	if (priority == vi->fsm.priority)
		return;
	log_info("%s: priority %u -> %u", vi->name, vi->fsm.priority,
	    priority);
	feed(vi, VRRP_EV_PRIORITY, NULL, priority, NULL);
}

void
vrrp_inst_set_fault(struct vrrp_inst *vi, const char *source, bool fault)
{
	size_t i;
	char why[96];

	for (i = 0; i < vi->n_faults; i++)
		if (strcmp(vi->faults[i], source) == 0)
			break;
	snprintf(why, sizeof(why), "(%s)", source);
	if (fault && i == vi->n_faults && i < VRRP_MAX_FAULTS) {
		vi->faults[vi->n_faults++] = xstrdup(source);
		if (vi->n_faults == 1)
			feed(vi, VRRP_EV_FAULT, NULL, 0, why);
	} else if (!fault && i < vi->n_faults) {
		free((void *)vi->faults[i]);
		vi->faults[i] = vi->faults[--vi->n_faults];
		if (vi->n_faults == 0)
			feed(vi, VRRP_EV_FAULT_CLEARED, NULL, 0, why);
	}
}

void
vrrp_inst_sync_goto(struct vrrp_inst *vi, enum vrrp_state to)
{
	if (to == VRRP_STATE_MASTER)
		feed(vi, VRRP_EV_SYNC_MASTER, NULL, 0, NULL);
	else if (to == VRRP_STATE_BACKUP)
		feed(vi, VRRP_EV_SYNC_BACKUP, NULL, 0, NULL);
}

bool
vrrp_inst_has_fault_besides(const struct vrrp_inst *vi, const char *except)
{
	size_t i;

	for (i = 0; i < vi->n_faults; i++)
		if (strcmp(vi->faults[i], except) != 0)
			return true;
	return false;
}

void
vrrp_inst_set_sync_hold(struct vrrp_inst *vi, bool hold)
{
	vi->fsm.hold_master = hold;
	/* Released while waiting: go now, as it would have. */
	if (!hold && vi->fsm.wants_master)
		feed(vi, VRRP_EV_SYNC_MASTER, NULL, 0, NULL);
}

bool
vrrp_inst_wants_master(const struct vrrp_inst *vi)
{
	return vi->fsm.wants_master;
}
