/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The VRRP state machine of one instance (RFC 5798 §6 as updated by RFC
 * 9568; RFC 3768 for v2), plus keepalived's FAULT state.  Pure: events come
 * in with the current monotonic time, and each call returns the actions the
 * engine must carry out (send an advert, take or release the addresses,
 * announce them).  The machine keeps its own timer deadlines; the engine
 * arms one libev timer at vrrp_fsm_next_deadline().
 *
 * Like FRR's vrrpd the transitions are a table indexed by state and event,
 * one small handler per cell.
 */
#ifndef LVSD_VRRP_FSM_H
#define LVSD_VRRP_FSM_H

#include <stdbool.h>
#include <stdint.h>

#include "net/addr.h"

/* Values match enum ipc_vrrp_state (ipc/event.h). */
enum vrrp_state {
	VRRP_STATE_INIT = 0,
	VRRP_STATE_BACKUP = 1,
	VRRP_STATE_MASTER = 2,
	VRRP_STATE_FAULT = 3,
	VRRP_STATE_COUNT
};

enum vrrp_event {
	VRRP_EV_STARTUP,        /* instance configured and started */
	VRRP_EV_SHUTDOWN,       /* stop: a master sends priority 0 */
	VRRP_EV_TIMER,          /* a deadline passed (advert / master down) */
	VRRP_EV_ADVERT,         /* a valid advertisement for our VRID */
	VRRP_EV_FAULT,          /* tracking says we cannot serve */
	VRRP_EV_FAULT_CLEARED,
	VRRP_EV_PRIORITY,       /* effective priority changed (tracking) */
	VRRP_EV_SYNC_MASTER,    /* sync group: a member became MASTER */
	VRRP_EV_SYNC_BACKUP,    /* sync group: a member left MASTER */
	VRRP_EV_COUNT
};

/* Actions, in the order the engine carries them out. */
enum {
	VRRP_ACT_SEND_ADVERT = 1 << 0,  /* at the effective priority */
	VRRP_ACT_SEND_PRIO0 = 1 << 1,   /* releasing: priority 0 */
	VRRP_ACT_ADD_VIPS = 1 << 2,     /* becoming master */
	VRRP_ACT_GARP = 1 << 3,         /* announce: garp_master_* */
	VRRP_ACT_GARP_LOWER = 1 << 4,   /* lower-priority master seen */
	VRRP_ACT_DEL_VIPS = 1 << 5,     /* leaving master */
	VRRP_ACT_WANT_MASTER = 1 << 6,  /* hold_master: `wants_master` changed */
};

struct vrrp_fsm_conf {
	uint8_t version;            /* 2 or 3 */
	uint8_t priority;           /* configured, 1..255 */
	uint16_t adver_int_cs;      /* our Advertisement_Interval */
	bool preempt;
	uint32_t preempt_delay_ms;
	bool higher_prio_send_advert;
	bool lower_prio_no_advert;  /* pre-9568 master: no re-advert */
	bool owner_ignores_adverts; /* vrrp_strict: 255 ignores adverts */
	struct lvsd_addr primary;   /* our source address, for ties */
	/* Start as master: the addresses are already here (an engine
	 * restarted while master), so do not drop them and flap. */
	bool resume_master;
};

/* A received advertisement, as the state machine needs it. */
struct vrrp_fsm_advert {
	uint8_t priority;
	uint16_t interval_cs;
	struct lvsd_addr src;
};

struct vrrp_fsm {
	struct vrrp_fsm_conf conf;
	enum vrrp_state state;
	uint8_t priority;           /* effective (tracking weights applied) */
	uint16_t master_adver_int_cs; /* learned (v3) */
	uint64_t adver_at;          /* µs, 0: not armed */
	uint64_t down_at;
	uint64_t preempt_at;        /* preempt_delay running since ... */
	bool fault;
	/* vrrp_sync_group member: when the master-down timer runs out, set
	 * wants_master and wait for the group (VRRP_EV_SYNC_MASTER) instead
	 * of becoming master alone; an advert from a live master clears it. */
	bool hold_master;
	bool wants_master;
	bool released;              /* the master sent priority 0 */
};

struct vrrp_fsm_out {
	enum vrrp_state from, to;
	unsigned actions;           /* VRRP_ACT_* */
	const char *reason;         /* why, for the state-change log line */
};

void vrrp_fsm_init(struct vrrp_fsm *f, const struct vrrp_fsm_conf *conf);

/* Feed an event at time now (µs, monotonic).  `adv` for VRRP_EV_ADVERT,
 * `priority` for VRRP_EV_PRIORITY (ignored otherwise). */
struct vrrp_fsm_out vrrp_fsm_event(struct vrrp_fsm *f, enum vrrp_event ev,
    uint64_t now, const struct vrrp_fsm_advert *adv, uint8_t priority);

/* The earliest armed deadline, 0 when none. */
uint64_t vrrp_fsm_next_deadline(const struct vrrp_fsm *f);

/* Skew_Time and Master_Down_Interval in µs for the current state. */
uint64_t vrrp_fsm_skew_us(const struct vrrp_fsm *f);
uint64_t vrrp_fsm_down_interval_us(const struct vrrp_fsm *f);

const char *vrrp_state_name(enum vrrp_state s);
const char *vrrp_event_name(enum vrrp_event e);

#endif
