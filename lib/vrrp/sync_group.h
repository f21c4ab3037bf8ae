/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vrrp_sync_group as pure logic (keepalived's rules): the members of a
 * group move together.
 *
 * - A member in FAULT (its own trackers) or a failed group tracker puts
 *   every member in FAULT; when no fault is left they all go to BACKUP.
 * - Members whose master-down timer ran out wait until all of them are
 *   ready, then become MASTER together (sync_group_ready); a member that
 *   becomes MASTER anyway (an address owner) takes the others along; one
 *   that drops from MASTER to BACKUP takes the others to BACKUP.
 * - STOP (shutdown) and INIT are nobody else's business.
 *
 * States are enum ipc_vrrp_state (ipc/event.h): the engine's state machine
 * and the events to the parent share those values.  The functions fill
 * `orders[i]` with the state member i must be moved to, or SYNC_KEEP.
 */
#ifndef LVSD_VRRP_SYNC_GROUP_H
#define LVSD_VRRP_SYNC_GROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SYNC_KEEP UINT32_MAX

struct sync_member {
	uint32_t state;                 /* IPC_VRRP_* */
	bool own_fault;                 /* its own trackers say FAULT */
	bool wants_master;              /* BACKUP, its timer ran out */
};

/*
 * Member `who` is about to move to `to` on its own (its state machine
 * decided).  Returns the state it may take: FAULT instead of MASTER or
 * BACKUP while the group has a fault.  Fills orders for the others.
 */
uint32_t sync_group_follow(const struct sync_member *m, size_t n, size_t who,
    uint32_t to, bool group_fault, uint32_t *orders);

/* A fault changed (a member's own_fault, or the group's trackers): fill
 * orders, FAULT for all while any fault is left, else BACKUP for the
 * members still in FAULT. */
void sync_group_faults(const struct sync_member *m, size_t n,
    bool group_fault, uint32_t *orders);

/*
 * Members wait for each other before becoming MASTER (keepalived: "only
 * sync to master if everyone wants to"): true when no member is in FAULT
 * and every member (STOP aside) is MASTER or wants to be, with orders
 * MASTER for the BACKUP ones.
 */
bool sync_group_ready(const struct sync_member *m, size_t n,
    bool group_fault, uint32_t *orders);

/* The group's state for its notify scripts: FAULT if a member is in
 * FAULT, MASTER when every member is MASTER, STOP when every member is
 * STOP, INIT while one is in INIT, BACKUP otherwise. */
uint32_t sync_group_state(const struct sync_member *m, size_t n);

#endif
