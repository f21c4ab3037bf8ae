// SPDX-License-Identifier: GPL-2.0-or-later
/* use_vmac: macvlan interfaces with the VRRP virtual MAC (vmac.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if_link.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/link/inet6.h>
#include <netlink/route/link/macvlan.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"
#include "log.h"
#include "util.h"
#include "vrrp/vmac.h"
#include "vrrp/vrrp.h"

#ifndef IFA_F_NODAD
#define IFA_F_NODAD 0x02
#endif

void
vrrp_vmac_name(const struct cfg_vrrp_instance *c, char *buf, size_t len)
{
	if (c->vmac_name != NULL)
		snprintf(buf, len, "%s", c->vmac_name);
	else
		snprintf(buf, len, "vrrp%s.%u", c->family == AF_INET6 ? "6" :
		    "", (unsigned)c->vrid);
}

static const char *const base_sysctls[2] = { "arp_ignore", "arp_announce" };
static const int base_values[2] = { 1, 2 };

/* -- sysctls ------------------------------------------------------------------------- */

static int
sysctl_read(const char *path)
{
	char buf[16];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return atoi(buf);
}

static bool
sysctl_write(const char *path, int value)
{
	char buf[16];
	int fd = open(path, O_WRONLY | O_CLOEXEC), n;
	bool ok;

	if (fd < 0)
		return false;
	n = snprintf(buf, sizeof(buf), "%d\n", value);
	ok = write(fd, buf, (size_t)n) == n;
	close(fd);
	return ok;
}


/* The base must not speak ARP for the macvlan's addresses. */
static void
base_arp(struct vrrp_vmacs *v, const char *base)
{
	struct vmac_base *b;
	char path[128];
	size_t i;

	for (i = 0; i < v->n_bases; i++)
		if (strcmp(v->bases[i].name, base) == 0)
			return;
	v->bases = xrealloc(v->bases, (v->n_bases + 1) * sizeof(*v->bases));
	b = &v->bases[v->n_bases++];
	snprintf(b->name, IF_NAMESIZE, "%s", base);
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "/proc/sys/net/ipv4/conf/%s/%s",
		    base, base_sysctls[i]);
		b->saved[i] = sysctl_read(path);
		if (!sysctl_write(path, base_values[i]))
			log_warn("use_vmac: cannot set %s on %s: %s",
			    base_sysctls[i], base, strerror(errno));
	}
}

static void
base_restore(const struct vmac_base *b)
{
	char path[128];

	for (size_t i = 0; i < 2; i++) {
		if (b->saved[i] < 0)
			continue;
		snprintf(path, sizeof(path), "/proc/sys/net/ipv4/conf/%s/%s",
		    b->name, base_sysctls[i]);
		(void)sysctl_write(path, b->saved[i]);
	}
}

/* -- the macvlan ------------------------------------------------------------------- */

static bool
made_by_us(const struct vrrp_vmacs *v, const char *name)
{
	for (size_t i = 0; i < v->n_made; i++)
		if (strcmp(v->made[i], name) == 0)
			return true;
	return false;
}

static bool
create(struct vrrp_vmacs *v, struct nl_sock *nl, const char *name,
    int base_ifindex, const uint8_t mac[6])
{
	struct rtnl_link *l = rtnl_link_macvlan_alloc();
	struct nl_addr *a = nl_addr_build(AF_LLC, mac, 6);
	char path[128];
	int err = -NLE_NOMEM;

	if (l != NULL && a != NULL) {
		rtnl_link_set_name(l, name);
		rtnl_link_set_link(l, base_ifindex);
		rtnl_link_set_addr(l, a);
		rtnl_link_macvlan_set_mode(l, MACVLAN_MODE_PRIVATE);
		err = rtnl_link_add(nl, l, NLM_F_CREATE | NLM_F_EXCL);
	}
	rtnl_link_put(l);
	nl_addr_put(a);
	if (err < 0) {
		log_err("use_vmac: cannot create %s: %s", name,
		    nl_geterror(err));
		return false;
	}
	v->made = xrealloc(v->made, (v->n_made + 1) * sizeof(*v->made));
	snprintf(v->made[v->n_made++], IF_NAMESIZE, "%s", name);
	/* The copied link-local address needs no duplicate detection. */
	snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/accept_dad",
	    name);
	(void)sysctl_write(path, 0);
	/* Each macvlan answers ARP only for its own addresses too: several
	 * of them share the base's broadcasts. */
	for (size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "/proc/sys/net/ipv4/conf/%s/%s",
		    name, base_sysctls[i]);
		(void)sysctl_write(path, base_values[i]);
	}
	log_info("use_vmac: created %s on ifindex %d", name, base_ifindex);
	return true;
}

/* Up; for IPv6 without a link-local address of its own (it gets the
 * base's), which must be said before it goes up. */
static bool
set_up(struct nl_sock *nl, const char *name, int ifindex, bool v6)
{
	struct rtnl_link *old = rtnl_link_alloc(), *req = rtnl_link_alloc();
	int err = -NLE_NOMEM;

	if (old != NULL && req != NULL) {
		rtnl_link_set_ifindex(old, ifindex);
		if (v6) {
			rtnl_link_inet6_set_addr_gen_mode(req,
			    rtnl_link_inet6_str2addrgenmode("none"));
			err = rtnl_link_change(nl, old, req, 0);
			if (err < 0)
				log_warn("use_vmac: %s keeps its own link-local "
				    "address: %s", name, nl_geterror(err));
			rtnl_link_put(req);
			req = rtnl_link_alloc();
		}
		if (req != NULL) {
			rtnl_link_set_flags(req, IFF_UP);
			err = rtnl_link_change(nl, old, req, 0);
		}
	}
	rtnl_link_put(old);
	rtnl_link_put(req);
	if (err < 0)
		log_err("use_vmac: cannot bring %s up: %s", name,
		    nl_geterror(err));
	return err >= 0;
}

/* IPv6: the base's link-local address on the macvlan too, so adverts
 * leave from the address the peers know. */
static void
copy_linklocal(struct nl_sock *nl, const struct lvsd_addr *ll, int ifindex)
{
	struct rtnl_addr *ra = rtnl_addr_alloc();
	struct nl_addr *a = nl_addr_build(AF_INET6, &ll->u.v6, 16);
	int err = -NLE_NOMEM;

	if (ra != NULL && a != NULL) {
		nl_addr_set_prefixlen(a, 64);
		rtnl_addr_set_ifindex(ra, ifindex);
		rtnl_addr_set_family(ra, AF_INET6);
		rtnl_addr_set_local(ra, a);
		rtnl_addr_set_flags(ra, IFA_F_NODAD);
		err = rtnl_addr_add(nl, ra, NLM_F_REPLACE);
	}
	rtnl_addr_put(ra);
	nl_addr_put(a);
	if (err < 0 && err != -NLE_EXIST)
		log_warn("use_vmac: cannot copy the link-local address: %s",
		    nl_geterror(err));
}

bool
vrrp_vmac_attach(struct vrrp_vmacs *v, struct nl_sock *nl,
    struct vrrp_inst *vi)
{
	const struct cfg_vrrp_instance *c = vi->cfg;
	bool v6 = c->family == AF_INET6;
	uint8_t mac[6] = { 0x00, 0x00, 0x5e, 0x00, v6 ? 0x02 : 0x01, c->vrid };
	struct vrrp_iface base = vi->ifc, vm;
	char name[IF_NAMESIZE];

	if (nl == NULL)
		return false;
	vrrp_vmac_name(c, name, sizeof(name));
	if (!vrrp_iface_lookup(name, &vm)) {
		if (!create(v, nl, name, base.ifindex, mac) ||
		    !vrrp_iface_lookup(name, &vm))
			return false;
	} else if (memcmp(vm.mac, mac, 6) != 0) {
		log_err("use_vmac: %s exists with another MAC address; "
		    "not using it", name);
		return false;
	} else if (!made_by_us(v, name)) {
		/* Ours from a previous run (an engine restart, -V). */
		v->made = xrealloc(v->made, (v->n_made + 1) *
		    sizeof(*v->made));
		snprintf(v->made[v->n_made++], IF_NAMESIZE, "%s", name);
	}
	base_arp(v, base.name);
	if (v6 && base.linklocal6.af != 0)
		copy_linklocal(nl, &base.linklocal6, vm.ifindex);
	if (!set_up(nl, name, vm.ifindex, v6))
		return false;
	(void)vrrp_iface_lookup(name, &vm);
	/* Speak through the macvlan, with the base's source addresses. */
	memcpy(vi->ifc.name, vm.name, sizeof(vi->ifc.name));
	vi->ifc.ifindex = vm.ifindex;
	memcpy(vi->ifc.mac, vm.mac, sizeof(vi->ifc.mac));
	vi->ifc.noarp = vm.noarp;
	vi->ifc.running = vm.running;
	return true;
}

/* -- clean-up ---------------------------------------------------------------------- */

static bool
used_by(const struct lvsd_config *cfg, const char *name)
{
	char n[IF_NAMESIZE];
	size_t i;

	for (i = 0; cfg != NULL && i < cfg->n_vrrp_instances; i++) {
		if (!cfg->vrrp_instances[i].use_vmac)
			continue;
		vrrp_vmac_name(&cfg->vrrp_instances[i], n, sizeof(n));
		if (strcmp(n, name) == 0)
			return true;
	}
	return false;
}

static bool
base_used_by(const struct lvsd_config *cfg, const char *base)
{
	size_t i;

	for (i = 0; cfg != NULL && i < cfg->n_vrrp_instances; i++)
		if (cfg->vrrp_instances[i].use_vmac &&
		    strcmp(cfg->vrrp_instances[i].interface, base) == 0)
			return true;
	return false;
}

void
vrrp_vmacs_prune(struct vrrp_vmacs *v, struct nl_sock *nl,
    const struct lvsd_config *cfg)
{
	size_t i = 0;

	while (i < v->n_made) {
		struct rtnl_link *l;
		int err = -NLE_NOMEM;

		if (used_by(cfg, v->made[i])) {
			i++;
			continue;
		}
		l = rtnl_link_alloc();
		if (l != NULL && nl != NULL) {
			rtnl_link_set_name(l, v->made[i]);
			err = rtnl_link_delete(nl, l);
		}
		rtnl_link_put(l);
		if (err < 0 && err != -NLE_NODEV && err != -NLE_OBJ_NOTFOUND)
			log_warn("use_vmac: cannot delete %s: %s", v->made[i],
			    nl_geterror(err));
		else
			log_info("use_vmac: deleted %s", v->made[i]);
		memmove(&v->made[i], &v->made[i + 1],
		    (v->n_made - i - 1) * sizeof(*v->made));
		v->n_made--;
	}
	i = 0;
	while (i < v->n_bases) {
		if (base_used_by(cfg, v->bases[i].name)) {
			i++;
			continue;
		}
		base_restore(&v->bases[i]);
		memmove(&v->bases[i], &v->bases[i + 1],
		    (v->n_bases - i - 1) * sizeof(*v->bases));
		v->n_bases--;
	}
}

void
vrrp_vmacs_free(struct vrrp_vmacs *v)
{
	free(v->made);
	free(v->bases);
	memset(v, 0, sizeof(*v));
}
