// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Routes and policy rules over rtnetlink (libnl-route-3): an instance's
 * virtual_routes / virtual_rules follow its VIPs (present while MASTER),
 * the top-level static_ipaddress / static_routes / static_rules are
 * present while the engine runs.  "Already there" on add and "already
 * gone" on delete are what we wanted, not errors.
 */
#include "config.h"

#include <linux/fib_rules.h>
#include <net/if.h>
#include <netlink/errno.h>
#include <netlink/netlink.h>
#include <netlink/route/route.h>
#include <netlink/route/rule.h>
#include <string.h>

#include "log.h"
#include "vrrp/vrrp.h"

static struct nl_addr *
nl_prefix(const struct lvsd_prefix *p)
{
	struct nl_addr *a = nl_addr_build(p->addr.af, &p->addr.u,
	    p->addr.af == AF_INET6 ? 16 : 4);

	if (a != NULL)
		nl_addr_set_prefixlen(a, p->len);
	return a;
}

static struct nl_addr *
nl_host(const struct lvsd_addr *addr)
{
	struct lvsd_prefix p = { .addr = *addr,
	    .len = addr->af == AF_INET6 ? 128 : 32 };

	return nl_prefix(&p);
}

static bool
ok_or_log(const char *who, const char *what, const char *name, bool add,
    int err)
{
	if (err >= 0 || (add && err == -NLE_EXIST) ||
	    (!add && (err == -NLE_OBJ_NOTFOUND || err == -NLE_NOADDR ||
	    err == -NLE_NODEV)))
		return true;
	log_err("%s: cannot %s %s %s: %s", who, add ? "add" : "remove", what,
	    name, nl_geterror(err));
	return false;
}

/* dflt_dev: the instance's interface for a route with neither via nor
 * dev (NULL for static routes). */
static bool
route_op(struct vrrp_ctx *ctx, const char *who, const struct cfg_route *r,
    const char *dflt_dev, bool add)
{
	const char *dev = r->dev != NULL ? r->dev :
	    (r->via.af == 0 && r->type == RTN_UNICAST ? dflt_dev : NULL);
	struct rtnl_route *rt;
	struct rtnl_nexthop *nh;
	struct nl_addr *a;
	char name[64];
	int err = -NLE_NOMEM, ifindex = 0;

	addr_to_string(&r->dst.addr, name, sizeof(name) - 4);
	snprintf(name + strlen(name), 5, "/%u", r->dst.len);
	if (dev != NULL && (ifindex = (int)if_nametoindex(dev)) == 0) {
		if (add)
			log_err("%s: cannot add route %s: no interface %s",
			    who, name, dev);
		return !add;
	}
	if (ctx->nl == NULL || (rt = rtnl_route_alloc()) == NULL)
		return false;
	rtnl_route_set_family(rt, (uint8_t)r->dst.addr.af);
	rtnl_route_set_table(rt, r->table != 0 ? r->table : RT_TABLE_MAIN);
	rtnl_route_set_type(rt, (uint8_t)r->type);
	rtnl_route_set_protocol(rt, (uint8_t)(r->protocol != 0 ?
	    r->protocol : RTPROT_BOOT));
	/* libnl would guess link for a route without a gateway; ip(8)
	 * leaves blackhole & co. at global */
	if (r->scope >= 0)
		rtnl_route_set_scope(rt, (uint8_t)r->scope);
	else if (r->type != RTN_UNICAST)
		rtnl_route_set_scope(rt, RT_SCOPE_UNIVERSE);
	if (r->metric != 0)
		rtnl_route_set_priority(rt, r->metric);
	if ((a = nl_prefix(&r->dst)) == NULL)
		goto out;
	rtnl_route_set_dst(rt, a);
	nl_addr_put(a);
	if (r->src.af != 0) {
		if ((a = nl_host(&r->src)) == NULL)
			goto out;
		rtnl_route_set_pref_src(rt, a);
		nl_addr_put(a);
	}
	if (r->type == RTN_UNICAST && (ifindex > 0 || r->via.af != 0)) {
		if ((nh = rtnl_route_nh_alloc()) == NULL)
			goto out;
		if (ifindex > 0)
			rtnl_route_nh_set_ifindex(nh, ifindex);
		if (r->via.af != 0 && (a = nl_host(&r->via)) != NULL) {
			rtnl_route_nh_set_gateway(nh, a);
			nl_addr_put(a);
		}
		rtnl_route_add_nexthop(rt, nh);
	}
	err = add ? rtnl_route_add(ctx->nl, rt, NLM_F_REPLACE) :
	    rtnl_route_delete(ctx->nl, rt, 0);
out:
	rtnl_route_put(rt);
	return ok_or_log(who, "route", name, add, err);
}

static bool
rule_op(struct vrrp_ctx *ctx, const char *who, const struct cfg_rule *r,
    bool add)
{
	struct rtnl_rule *ru;
	struct nl_addr *a;
	char name[80];
	int err = -NLE_NOMEM;

	if (r->from.addr.af != 0)
		addr_to_string(&r->from.addr, name, sizeof(name) - 4);
	else
		snprintf(name, sizeof(name) - 4, "all");
	snprintf(name + strlen(name), 5, "/%u", r->from.len);
	if (ctx->nl == NULL || (ru = rtnl_rule_alloc()) == NULL)
		return false;
	rtnl_rule_set_family(ru, r->family);
	rtnl_rule_set_action(ru, FR_ACT_TO_TBL);
	rtnl_rule_set_table(ru, r->table);
	if (r->has_priority)
		rtnl_rule_set_prio(ru, r->priority);
	if (r->has_fwmark) {
		rtnl_rule_set_mark(ru, r->fwmark);
		rtnl_rule_set_mask(ru, r->fwmask);
	}
	if (r->iif != NULL)
		rtnl_rule_set_iif(ru, r->iif);
	if (r->oif != NULL)
		rtnl_rule_set_oif(ru, r->oif);
	if (r->from.addr.af != 0) {
		if ((a = nl_prefix(&r->from)) == NULL)
			goto out;
		rtnl_rule_set_src(ru, a);
		nl_addr_put(a);
	}
	if (r->to.addr.af != 0) {
		if ((a = nl_prefix(&r->to)) == NULL)
			goto out;
		rtnl_rule_set_dst(ru, a);
		nl_addr_put(a);
	}
	/* NLM_F_EXCL: the kernel would otherwise add a duplicate rule at
	 * each reload or restart. */
	err = add ? rtnl_rule_add(ctx->nl, ru, NLM_F_EXCL) :
	    rtnl_rule_delete(ctx->nl, ru, 0);
out:
	rtnl_rule_put(ru);
	return ok_or_log(who, "rule from", name, add, err);
}

static bool
route_equal(const struct cfg_route *a, const struct cfg_route *b)
{
	return addr_equal(&a->dst.addr, &b->dst.addr) &&
	    a->dst.len == b->dst.len && addr_equal(&a->via, &b->via) &&
	    addr_equal(&a->src, &b->src) && a->metric == b->metric &&
	    a->table == b->table && a->scope == b->scope &&
	    a->protocol == b->protocol && a->type == b->type &&
	    (a->dev == b->dev || (a->dev != NULL && b->dev != NULL &&
	    strcmp(a->dev, b->dev) == 0));
}

static bool
str_equal(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static bool
rule_equal(const struct cfg_rule *a, const struct cfg_rule *b)
{
	return a->family == b->family &&
	    addr_equal(&a->from.addr, &b->from.addr) &&
	    a->from.len == b->from.len &&
	    addr_equal(&a->to.addr, &b->to.addr) && a->to.len == b->to.len &&
	    str_equal(a->iif, b->iif) && str_equal(a->oif, b->oif) &&
	    a->table == b->table && a->has_priority == b->has_priority &&
	    a->priority == b->priority && a->has_fwmark == b->has_fwmark &&
	    a->fwmark == b->fwmark && a->fwmask == b->fwmask;
}

static bool
vip_equal(const struct cfg_vip *a, const struct cfg_vip *b)
{
	return addr_equal(&a->prefix.addr, &b->prefix.addr) &&
	    a->prefix.len == b->prefix.len && str_equal(a->dev, b->dev);
}

void
vrrp_inst_routes(struct vrrp_ctx *ctx, const struct vrrp_inst *vi, bool add)
{
	const struct cfg_vrrp_instance *c = vi->cfg;
	size_t i;

	/* rules point at the routes' tables: routes first on the way up */
	if (add)
		for (i = 0; i < c->n_vroutes; i++)
			(void)route_op(ctx, vi->name, &c->vroutes[i],
			    vi->ifc.name, true);
	for (i = 0; i < c->n_vrules; i++)
		(void)rule_op(ctx, vi->name, &c->vrules[i], add);
	if (!add)
		for (i = 0; i < c->n_vroutes; i++)
			(void)route_op(ctx, vi->name, &c->vroutes[i],
			    vi->ifc.name, false);
}

void
vrrp_inst_routes_drop_old(struct vrrp_ctx *ctx, const struct vrrp_inst *vi,
    const struct cfg_vrrp_instance *nc)
{
	const struct cfg_vrrp_instance *oc = vi->cfg;
	size_t i, j;
	bool kept;

	for (i = 0; i < oc->n_vrules; i++) {
		for (kept = false, j = 0; j < nc->n_vrules && !kept; j++)
			kept = rule_equal(&oc->vrules[i], &nc->vrules[j]);
		if (!kept)
			(void)rule_op(ctx, vi->name, &oc->vrules[i], false);
	}
	for (i = 0; i < oc->n_vroutes; i++) {
		for (kept = false, j = 0; j < nc->n_vroutes && !kept; j++)
			kept = route_equal(&oc->vroutes[i], &nc->vroutes[j]);
		if (!kept)
			(void)route_op(ctx, vi->name, &oc->vroutes[i],
			    vi->ifc.name, false);
	}
}

static int
static_ifindex(const struct cfg_vip *vip)
{
	return vip->dev != NULL ? (int)if_nametoindex(vip->dev) : 0;
}

/* Remove what old has and new (may be NULL) has not. */
static void
static_drop(struct vrrp_ctx *ctx, const struct lvsd_config *o,
    const struct lvsd_config *n)
{
	size_t i, j;
	bool kept;

	for (i = 0; i < o->n_static_rules; i++) {
		for (kept = false, j = 0; n && j < n->n_static_rules && !kept;
		    j++)
			kept = rule_equal(&o->static_rules[i],
			    &n->static_rules[j]);
		if (!kept)
			(void)rule_op(ctx, "static_rules", &o->static_rules[i],
			    false);
	}
	for (i = 0; i < o->n_static_routes; i++) {
		for (kept = false, j = 0; n && j < n->n_static_routes && !kept;
		    j++)
			kept = route_equal(&o->static_routes[i],
			    &n->static_routes[j]);
		if (!kept)
			(void)route_op(ctx, "static_routes",
			    &o->static_routes[i], NULL, false);
	}
	for (i = 0; i < o->n_static_ips; i++) {
		for (kept = false, j = 0; n && j < n->n_static_ips && !kept;
		    j++)
			kept = vip_equal(&o->static_ips[i], &n->static_ips[j]);
		if (!kept && static_ifindex(&o->static_ips[i]) > 0)
			(void)vrrp_addr_op(ctx, "static_ipaddress",
			    static_ifindex(&o->static_ips[i]),
			    &o->static_ips[i], false);
	}
}

void
vrrp_static_apply(struct vrrp_ctx *ctx, const struct lvsd_config *prev,
    const struct lvsd_config *cfg)
{
	size_t i, n;

	if (prev != NULL)
		static_drop(ctx, prev, cfg);
	if (cfg == NULL)
		return;
	/* addresses, then the routes that may use them as src, then rules */
	for (i = 0; i < cfg->n_static_ips; i++)
		(void)vrrp_addr_op(ctx, "static_ipaddress",
		    static_ifindex(&cfg->static_ips[i]), &cfg->static_ips[i],
		    true);
	for (i = 0; i < cfg->n_static_routes; i++)
		(void)route_op(ctx, "static_routes", &cfg->static_routes[i],
		    NULL, true);
	for (i = 0; i < cfg->n_static_rules; i++)
		(void)rule_op(ctx, "static_rules", &cfg->static_rules[i],
		    true);
	n = cfg->n_static_ips + cfg->n_static_routes + cfg->n_static_rules;
	if (n > 0 && prev == NULL)
		log_info("static addresses, routes and rules: %zu installed",
		    n);
}
