/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * use_vmac: an instance speaks through a macvlan interface (mode private)
 * on top of its interface, whose MAC is the VRRP virtual MAC
 * 00:00:5e:00:01:VRID (IPv6: 00:00:5e:00:02:VRID), so that a failover does
 * not change the MAC the neighbours hold for the virtual addresses.
 *
 * The macvlan (default name vrrp.VRID, IPv6 vrrp6.VRID) holds the virtual
 * addresses and sends the adverts and gratuitous ARP / NA; the adverts
 * keep the source address of the base interface (for IPv6 its link-local
 * address is copied onto the macvlan, whose own is not generated).  The
 * base interface answers ARP only for its own addresses (arp_ignore 1)
 * and asks with its own address (arp_announce 2), so that neighbours never
 * learn its MAC for a virtual address; the old values come back when lvsd
 * stops.
 *
 * lvsd removes the macvlans it created when a reload no longer needs
 * them and when it stops, unless -V keeps the addresses.
 */
#ifndef LVSD_VRRP_VMAC_H
#define LVSD_VRRP_VMAC_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>

struct lvsd_config;
struct cfg_vrrp_instance;
struct vrrp_inst;
struct nl_sock;

struct vmac_base {
	char name[IF_NAMESIZE];
	int saved[2];                   /* arp_ignore, arp_announce; -1:
					 * unknown, not restored */
};

struct vrrp_vmacs {
	char (*made)[IF_NAMESIZE];      /* macvlans lvsd created */
	size_t n_made;
	struct vmac_base *bases;        /* interfaces whose sysctl we set */
	size_t n_bases;
};

/* The macvlan's name for an instance. */
void vrrp_vmac_name(const struct cfg_vrrp_instance *c, char *buf,
    size_t len);

/* Called by the instance's set-up with vi->ifc describing its base
 * interface: make the macvlan exist and turn vi->ifc into it (keeping the
 * base's source addresses).  false (after logging) when it cannot. */
bool vrrp_vmac_attach(struct vrrp_vmacs *v, struct nl_sock *nl,
    struct vrrp_inst *vi);

/* Delete the macvlans we made that `cfg` (NULL: nothing) does not use,
 * and restore the sysctls of bases no macvlan of ours uses any more. */
void vrrp_vmacs_prune(struct vrrp_vmacs *v, struct nl_sock *nl,
    const struct lvsd_config *cfg);
void vrrp_vmacs_free(struct vrrp_vmacs *v);

#endif
