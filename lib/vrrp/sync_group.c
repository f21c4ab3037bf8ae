// SPDX-License-Identifier: GPL-2.0-or-later
/* Sync groups (sync_group.h). */
#include "config.h"

#include "ipc/event.h"
#include "vrrp/sync_group.h"

static bool
any_fault(const struct sync_member *m, size_t n, bool group_fault)
{
	size_t i;

	if (group_fault)
		return true;
	for (i = 0; i < n; i++)
		if (m[i].own_fault)
			return true;
	return false;
}

uint32_t
sync_group_follow(const struct sync_member *m, size_t n, size_t who,
    uint32_t to, bool group_fault, uint32_t *orders)
{
	size_t i;
	bool fault = any_fault(m, n, group_fault);

	for (i = 0; i < n; i++)
		orders[i] = SYNC_KEEP;
	if ((to == IPC_VRRP_MASTER || to == IPC_VRRP_BACKUP) && fault)
		to = IPC_VRRP_FAULT;
	for (i = 0; i < n; i++) {
		if (i == who || m[i].state == IPC_VRRP_STOP)
			continue;
		switch (to) {
		case IPC_VRRP_FAULT:
			if (m[i].state != IPC_VRRP_FAULT)
				orders[i] = IPC_VRRP_FAULT;
			break;
		case IPC_VRRP_MASTER:
			if (m[i].state == IPC_VRRP_BACKUP)
				orders[i] = IPC_VRRP_MASTER;
			break;
		case IPC_VRRP_BACKUP:
			if (m[who].state == IPC_VRRP_MASTER &&
			    m[i].state == IPC_VRRP_MASTER)
				orders[i] = IPC_VRRP_BACKUP;
			break;
		default:
			break;
		}
	}
	return to;
}

bool
sync_group_ready(const struct sync_member *m, size_t n, bool group_fault,
    uint32_t *orders)
{
	size_t i, active = 0;

	for (i = 0; i < n; i++)
		orders[i] = SYNC_KEEP;
	if (any_fault(m, n, group_fault))
		return false;
	for (i = 0; i < n; i++) {
		if (m[i].state == IPC_VRRP_STOP)
			continue;
		active++;
		if (m[i].state == IPC_VRRP_MASTER)
			continue;
		if (m[i].state != IPC_VRRP_BACKUP || !m[i].wants_master)
			return false;
	}
	if (active == 0)
		return false;
	for (i = 0; i < n; i++)
		if (m[i].state == IPC_VRRP_BACKUP)
			orders[i] = IPC_VRRP_MASTER;
	return true;
}

void
sync_group_faults(const struct sync_member *m, size_t n, bool group_fault,
    uint32_t *orders)
{
	bool fault = any_fault(m, n, group_fault);
	size_t i;

	for (i = 0; i < n; i++) {
		orders[i] = SYNC_KEEP;
		if (m[i].state == IPC_VRRP_STOP)
			continue;
		if (fault && m[i].state != IPC_VRRP_FAULT)
			orders[i] = IPC_VRRP_FAULT;
		else if (!fault && m[i].state == IPC_VRRP_FAULT)
			orders[i] = IPC_VRRP_BACKUP;
	}
}

uint32_t
sync_group_state(const struct sync_member *m, size_t n)
{
	size_t i, masters = 0, stopped = 0;
	bool init = false;

	for (i = 0; i < n; i++) {
		if (m[i].state == IPC_VRRP_FAULT)
			return IPC_VRRP_FAULT;
		if (m[i].state == IPC_VRRP_MASTER)
			masters++;
		else if (m[i].state == IPC_VRRP_STOP)
			stopped++;
		else if (m[i].state == IPC_VRRP_INIT)
			init = true;
	}
	if (n > 0 && stopped == n)
		return IPC_VRRP_STOP;
	if (init)
		return IPC_VRRP_INIT;
	if (n > 0 && masters == n)
		return IPC_VRRP_MASTER;
	return IPC_VRRP_BACKUP;
}
