// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Interfaces and virtual addresses.  Interfaces are read with getifaddrs
 * (index, MAC, first IPv4, link-local IPv6); VIPs are added and removed
 * over rtnetlink with libnl-route-3, with their prefix, broadcast, scope
 * and label.  IPv6 VIPs skip duplicate address detection (IFA_F_NODAD, as
 * keepalived): a new master must answer for them at once.
 */
#include "config.h"

#include <errno.h>
#include <ifaddrs.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netlink/errno.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "vrrp/vrrp.h"

#ifndef IFA_F_NODAD
#define IFA_F_NODAD 0x02
#endif

bool
vrrp_addr_open(struct vrrp_ctx *ctx)
{
	int err;

	ctx->nl = nl_socket_alloc();
	if (ctx->nl == NULL) {
		log_err("cannot allocate a netlink socket");
		return false;
	}
	err = nl_connect(ctx->nl, NETLINK_ROUTE);
	if (err < 0) {
		log_err("cannot open rtnetlink: %s", nl_geterror(err));
		nl_socket_free(ctx->nl);
		ctx->nl = NULL;
		return false;
	}
	return true;
}

void
vrrp_addr_close(struct vrrp_ctx *ctx)
{
	if (ctx->nl != NULL)
		nl_socket_free(ctx->nl);
	ctx->nl = NULL;
}

bool
vrrp_iface_lookup(const char *name, struct vrrp_iface *ifc)
{
	struct ifaddrs *ifa, *i;
	const struct sockaddr_ll *ll;
	const struct sockaddr_in6 *s6;
	bool found = false;

	memset(ifc, 0, sizeof(*ifc));
	snprintf(ifc->name, sizeof(ifc->name), "%s", name);
	if (getifaddrs(&ifa) < 0)
		return false;
	for (i = ifa; i != NULL; i = i->ifa_next) {
		if (strcmp(i->ifa_name, name) != 0 || i->ifa_addr == NULL)
			continue;
		switch (i->ifa_addr->sa_family) {
		case AF_PACKET:
			ll = (const struct sockaddr_ll *)i->ifa_addr;
			ifc->ifindex = ll->sll_ifindex;
			if (ll->sll_halen == 6)
				memcpy(ifc->mac, ll->sll_addr, 6);
			ifc->noarp = (i->ifa_flags & IFF_NOARP) != 0;
			ifc->running = (i->ifa_flags & IFF_UP) &&
			    (i->ifa_flags & IFF_RUNNING);
			found = true;
			break;
		case AF_INET:
			if (ifc->primary4.af == 0) {
				ifc->primary4.af = AF_INET;
				ifc->primary4.u.v4 = ((const struct sockaddr_in *)
				    i->ifa_addr)->sin_addr;
			}
			break;
		case AF_INET6:
			s6 = (const struct sockaddr_in6 *)i->ifa_addr;
			if (ifc->linklocal6.af == 0 &&
			    IN6_IS_ADDR_LINKLOCAL(&s6->sin6_addr)) {
				ifc->linklocal6.af = AF_INET6;
				ifc->linklocal6.u.v6 = s6->sin6_addr;
			}
			break;
		}
	}
	freeifaddrs(ifa);
	if (!found)
		ifc->ifindex = (int)if_nametoindex(name);
	return ifc->ifindex > 0;
}

static int
vip_ifindex(const struct vrrp_inst *vi, const struct cfg_vip *vip)
{
	return vip->dev != NULL ? (int)if_nametoindex(vip->dev) :
	    vi->ifc.ifindex;
}

static struct rtnl_addr *
build(const struct cfg_vip *vip, int ifindex)
{
	const struct lvsd_addr *a = &vip->prefix.addr;
	size_t alen = a->af == AF_INET6 ? 16 : 4;
	struct rtnl_addr *ra = rtnl_addr_alloc();
	struct nl_addr *local, *brd;

	if (ra == NULL)
		return NULL;
	local = nl_addr_build(a->af, &a->u, alen);
	if (local == NULL) {
		rtnl_addr_put(ra);
		return NULL;
	}
	nl_addr_set_prefixlen(local, vip->prefix.len);
	rtnl_addr_set_ifindex(ra, ifindex);
	rtnl_addr_set_family(ra, a->af);
	rtnl_addr_set_local(ra, local);
	rtnl_addr_set_prefixlen(ra, vip->prefix.len);
	nl_addr_put(local);
	rtnl_addr_set_scope(ra, vip->scope);
	if (vip->brd.af == AF_INET) {
		brd = nl_addr_build(AF_INET, &vip->brd.u.v4, 4);
		if (brd != NULL) {
			rtnl_addr_set_broadcast(ra, brd);
			nl_addr_put(brd);
		}
	}
	if (vip->label != NULL)
		rtnl_addr_set_label(ra, vip->label);
	if (a->af == AF_INET6)
		rtnl_addr_set_flags(ra, IFA_F_NODAD);
	return ra;
}

bool
vrrp_addr_op(struct vrrp_ctx *ctx, const char *who, int ifindex,
    const struct cfg_vip *vip, bool add)
{
	struct rtnl_addr *ra;
	char buf[64];
	int err;

	addr_to_string(&vip->prefix.addr, buf, sizeof(buf));
	if (ifindex <= 0) {
		log_err("%s: cannot %s %s: no interface %s", who,
		    add ? "add" : "remove", buf,
		    vip->dev != NULL ? vip->dev : "(none)");
		return false;
	}
	if (ctx->nl == NULL || (ra = build(vip, ifindex)) == NULL)
		return false;
	err = add ? rtnl_addr_add(ctx->nl, ra, NLM_F_REPLACE) :
	    rtnl_addr_delete(ctx->nl, ra, 0);
	rtnl_addr_put(ra);
	/* Already there / already gone is what we wanted. */
	if (err < 0 && !(add && err == -NLE_EXIST) &&
	    !(!add && (err == -NLE_NOADDR || err == -NLE_OBJ_NOTFOUND ||
	    err == -NLE_NODEV))) {
		log_err("%s: cannot %s %s/%u: %s", who,
		    add ? "add" : "remove", buf, vip->prefix.len,
		    nl_geterror(err));
		return false;
	}
	return true;
}

static bool
vip_op(struct vrrp_ctx *ctx, const struct vrrp_inst *vi,
    const struct cfg_vip *vip, bool add)
{
	int ifindex = vip_ifindex(vi, vip);

	if (ifindex <= 0) {
		log_err("%s: cannot %s a virtual address: no interface %s",
		    vi->name, add ? "add" : "remove",
		    vip->dev != NULL ? vip->dev : vi->ifc.name);
		return false;
	}
	return vrrp_addr_op(ctx, vi->name, ifindex, vip, add);
}

bool
vrrp_vip_add(struct vrrp_ctx *ctx, const struct vrrp_inst *vi,
    const struct cfg_vip *vip)
{
	return vip_op(ctx, vi, vip, true);
}

bool
vrrp_vip_del(struct vrrp_ctx *ctx, const struct vrrp_inst *vi,
    const struct cfg_vip *vip)
{
	return vip_op(ctx, vi, vip, false);
}

bool
vrrp_vip_present(const struct vrrp_inst *vi, const struct cfg_vip *vip)
{
	const char *dev = vip->dev != NULL ? vip->dev : vi->ifc.name;
	const struct lvsd_addr *a = &vip->prefix.addr;
	struct ifaddrs *ifa, *i;
	bool found = false;
	const void *p;

	if (getifaddrs(&ifa) < 0)
		return false;
	for (i = ifa; i != NULL && !found; i = i->ifa_next) {
		if (i->ifa_addr == NULL || i->ifa_addr->sa_family != a->af)
			continue;
		/* labelled addresses show as "eth0:1" */
		if (strncmp(i->ifa_name, dev, strlen(dev)) != 0 ||
		    (i->ifa_name[strlen(dev)] != '\0' &&
		    i->ifa_name[strlen(dev)] != ':'))
			continue;
		p = a->af == AF_INET ?
		    (const void *)&((const struct sockaddr_in *)
		    i->ifa_addr)->sin_addr :
		    (const void *)&((const struct sockaddr_in6 *)
		    i->ifa_addr)->sin6_addr;
		found = memcmp(p, &a->u, a->af == AF_INET ? 4 : 16) == 0;
	}
	freeifaddrs(ifa);
	return found;
}

/* When the primary address goes, keep the secondaries (our VIPs in its
 * subnet) instead of flushing them with it. */
void
vrrp_promote_secondaries(const char *ifname)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path),
	    "/proc/sys/net/ipv4/conf/%s/promote_secondaries", ifname);
	f = fopen(path, "we");
	if (f == NULL) {
		log_warn("cannot set promote_secondaries on %s: %s", ifname,
		    strerror(errno));
		return;
	}
	fputs("1\n", f);
	fclose(f);
}
