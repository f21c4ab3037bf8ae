/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `no_accept` (RFC 5798 Accept_Mode false, keepalived's default with
 * vrrp_strict): a master that is not the address owner must not accept
 * packets for the virtual addresses.  lvsd keeps the addresses of such
 * masters in one ipset per family (lvsd-noaccept, lvsd-noaccept6, through
 * libipset) and drops what is addressed to them with one rule per family
 * at the head of INPUT:
 *
 *   iptables -I INPUT -m set --match-set lvsd-noaccept dst -j DROP
 *
 * The sets and rules are created when a configuration first needs them
 * and removed when none does or lvsd stops.  iptables (and ip6tables) are
 * run as commands: they drive whichever backend the host uses (nf_tables
 * or legacy), and nftables has no way to refer to an ipset.
 */
#ifndef LVSD_VRRP_NO_ACCEPT_H
#define LVSD_VRRP_NO_ACCEPT_H

#include <stdbool.h>

#include "net/addr.h"

#define NO_ACCEPT_SET4 "lvsd-noaccept"
#define NO_ACCEPT_SET6 "lvsd-noaccept6"

struct ipset;

struct no_accept {
	struct ipset *ipset;
	bool on;                        /* sets and rules in place */
	bool rule4, rule6;
};

/* Create both sets (emptied) and rules; false after logging. */
bool no_accept_enable(struct no_accept *na);
/* Remove the rules, then the sets. */
void no_accept_disable(struct no_accept *na);
/* Empty both sets. */
void no_accept_flush(struct no_accept *na);
/* Put an address in (or take it out of) its family's set. */
void no_accept_set(struct no_accept *na, const struct lvsd_addr *a,
    bool drop);

#endif
