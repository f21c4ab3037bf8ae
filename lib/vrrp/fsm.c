// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <string.h>

#include "vrrp/fsm.h"

#define US_PER_CS 10000ull
#define VRRP_FSM_OWNER 255

typedef void (*fsm_handler)(struct vrrp_fsm *f, struct vrrp_fsm_out *out,
    uint64_t now, const struct vrrp_fsm_advert *adv, uint8_t prio);

const char *
vrrp_state_name(enum vrrp_state s)
{
	static const char *const names[VRRP_STATE_COUNT] = {
		"INIT", "BACKUP", "MASTER", "FAULT" };

	return (unsigned)s < VRRP_STATE_COUNT ? names[s] : "?";
}

const char *
vrrp_event_name(enum vrrp_event e)
{
	static const char *const names[VRRP_EV_COUNT] = {
		"startup", "shutdown", "timer", "advert", "fault",
		"fault-cleared", "priority", "sync-master", "sync-backup" };

	return (unsigned)e < VRRP_EV_COUNT ? names[e] : "?";
}

/* -- timing (RFC 3768 §6.1, RFC 5798 §6.1) ------------------------------ */

static uint64_t
adver_int_us(const struct vrrp_fsm *f)
{
	return f->conf.adver_int_cs * US_PER_CS;
}

uint64_t
vrrp_fsm_skew_us(const struct vrrp_fsm *f)
{
	uint64_t p = 256u - f->priority;

	/* v2: (256 - prio) / 256 s; v3 scales with the master's interval. */
	if (f->conf.version == 2)
		return p * 1000000ull / 256u;
	return p * f->master_adver_int_cs * US_PER_CS / 256u;
}

uint64_t
vrrp_fsm_down_interval_us(const struct vrrp_fsm *f)
{
	uint64_t iv = f->conf.version == 2 ? adver_int_us(f) :
	    f->master_adver_int_cs * US_PER_CS;

	return 3 * iv + vrrp_fsm_skew_us(f);
}

uint64_t
vrrp_fsm_next_deadline(const struct vrrp_fsm *f)
{
	if (f->adver_at != 0 && (f->down_at == 0 || f->adver_at < f->down_at))
		return f->adver_at;
	return f->down_at;
}

/* Tie-break: the higher primary address wins (RFC 9568: unsigned, network
 * byte order). */
static int
addr_cmp(const struct lvsd_addr *a, const struct lvsd_addr *b)
{
	size_t n = a->af == AF_INET6 ? 16 : 4;

	if (a->af != b->af)
		return a->af < b->af ? -1 : 1;
	return memcmp(&a->u, &b->u, n);
}

/* -- transitions ---------------------------------------------------------- */

static void
go(struct vrrp_fsm *f, struct vrrp_fsm_out *out, enum vrrp_state to,
    const char *reason)
{
	f->state = to;
	f->wants_master = false;
	out->to = to;
	out->reason = reason;
}

static void
become_master(struct vrrp_fsm *f, struct vrrp_fsm_out *out, uint64_t now,
    const char *reason)
{
	/* The advert goes first, so the old master lets go (keepalived). */
	out->actions |= VRRP_ACT_SEND_ADVERT | VRRP_ACT_ADD_VIPS |
	    VRRP_ACT_GARP;
	f->master_adver_int_cs = f->conf.adver_int_cs;
	f->adver_at = now + adver_int_us(f);
	f->down_at = 0;
	f->preempt_at = 0;
	f->released = false;
	go(f, out, VRRP_STATE_MASTER, reason);
}

static void
become_backup(struct vrrp_fsm *f, struct vrrp_fsm_out *out, uint64_t now,
    const struct vrrp_fsm_advert *adv, const char *reason)
{
	if (f->state == VRRP_STATE_MASTER)
		out->actions |= VRRP_ACT_DEL_VIPS;
	if (adv != NULL && f->conf.version == 3)
		f->master_adver_int_cs = adv->interval_cs;
	else
		f->master_adver_int_cs = f->conf.adver_int_cs;
	f->adver_at = 0;
	f->preempt_at = 0;
	f->down_at = now + vrrp_fsm_down_interval_us(f);
	go(f, out, VRRP_STATE_BACKUP, reason);
}

static void
start(struct vrrp_fsm *f, struct vrrp_fsm_out *out, uint64_t now,
    const char *why)
{
	if (f->priority == VRRP_FSM_OWNER)
		become_master(f, out, now, "address owner (priority 255)");
	else if (f->conf.resume_master)
		become_master(f, out, now, "addresses already present");
	else
		become_backup(f, out, now, NULL, why);
}

static void
leave(struct vrrp_fsm *f, struct vrrp_fsm_out *out, enum vrrp_state to,
    const char *reason)
{
	if (f->state == VRRP_STATE_MASTER)
		out->actions |= VRRP_ACT_SEND_PRIO0 | VRRP_ACT_DEL_VIPS;
	f->adver_at = f->down_at = f->preempt_at = 0;
	go(f, out, to, reason);
}

static void
on_startup(struct vrrp_fsm *f, struct vrrp_fsm_out *out, uint64_t now,
    const struct vrrp_fsm_advert *adv, uint8_t prio)
{
	(void)adv;
	(void)prio;
	if (f->fault)
		go(f, out, VRRP_STATE_FAULT, "started in fault");
	else
		start(f, out, now, "started");
}

static void
on_shutdown(struct vrrp_fsm *f, struct vrrp_fsm_out *out, uint64_t now,
    const struct vrrp_fsm_advert *adv, uint8_t prio)
{
	(void)now;
	(void)adv;
	(void)prio;
	leave(f, out, VRRP_STATE_INIT, "shutdown");
}

static void
backup_timer(struct vrrp_fsm *f, struct vrrp_fsm_out *out, uint64_t now,
    const struct vrrp_fsm_advert *adv, uint8_t prio)
{
	(void)adv;
	(void)prio;
	if (f->down_at != 0 && now >= f->down_at && f->hold_master) {
		/* A sync group member waits for the others (keepalived). */
		f->down_at = 0;
		if (!f->wants_master) {
			f->wants_master = true;
			out->actions |= VRRP_ACT_WANT_MASTER;
		}
		return;
	}
	if (f->down_at != 0 && now >= f->down_at)
		become_master(f, out, now, f->released ?
		    "the master released (priority 0)" :
		    "master down timer expired");
}

static void
master_timer(struct vrrp_fsm *f, struct vrrp_fsm_out *out, uint64_t now,
    const struct vrrp_fsm_advert *adv, uint8_t prio)
{
	(void)adv;
	(void)prio;
	if (f->adver_at != 0 && now >= f->adver_at) {
		out->actions |= VRRP_ACT_SEND_ADVERT;
		f->adver_at = now + adver_int_us(f);
	}
}

static void
backup_advert(struct vrrp_fsm *f, struct vrrp_fsm_out *out, uint64_t now,
    const struct vrrp_fsm_advert *adv, uint8_t prio)
{
	bool preempt = f->conf.preempt || f->priority == VRRP_FSM_OWNER;

	(void)prio;
	if (adv->priority == 0) {
		/* The master let go: the highest backup fires first. */
		f->down_at = now + vrrp_fsm_skew_us(f);
		f->released = true;
		return;
	}
	if (!preempt || adv->priority >= f->priority) {
		if (f->wants_master) {
			/* A live master: no longer ready to take over. */
			f->wants_master = false;
			out->actions |= VRRP_ACT_WANT_MASTER;
		}
		if (f->conf.version == 3)
			f->master_adver_int_cs = adv->interval_cs;
		f->down_at = now + vrrp_fsm_down_interval_us(f);
		f->preempt_at = 0;
		f->released = false;
		return;
	}
	/* A lower-priority master and we preempt. */
	if (f->conf.preempt_delay_ms != 0) {
		if (f->preempt_at == 0)
			f->preempt_at = now +
			    f->conf.preempt_delay_ms * 1000ull;
		if (now < f->preempt_at) {
			f->down_at = now + vrrp_fsm_down_interval_us(f);
			return;
		}
	}
	/* Ignore it: the down timer runs out and we take over. */
	if (f->conf.higher_prio_send_advert)
		out->actions |= VRRP_ACT_SEND_ADVERT;
}

static void
master_advert(struct vrrp_fsm *f, struct vrrp_fsm_out *out, uint64_t now,
    const struct vrrp_fsm_advert *adv, uint8_t prio)
{
	(void)prio;
	if (adv->priority == 0) {
		out->actions |= VRRP_ACT_SEND_ADVERT;
		f->adver_at = now + adver_int_us(f);
		return;
	}
	if (f->priority == VRRP_FSM_OWNER && f->conf.owner_ignores_adverts)
		return;
	if (adv->priority > f->priority ||
	    (adv->priority == f->priority &&
	    addr_cmp(&adv->src, &f->conf.primary) > 0)) {
		become_backup(f, out, now, adv, adv->priority > f->priority ?
		    "higher priority advert" :
		    "equal priority advert from a higher address");
		return;
	}
	/* RFC 9568: assert mastership at once (split brain heals fast). */
	if (!f->conf.lower_prio_no_advert) {
		out->actions |= VRRP_ACT_SEND_ADVERT | VRRP_ACT_GARP_LOWER;
		f->adver_at = now + adver_int_us(f);
	}
}

static void
on_fault(struct vrrp_fsm *f, struct vrrp_fsm_out *out, uint64_t now,
    const struct vrrp_fsm_advert *adv, uint8_t prio)
{
	(void)now;
	(void)adv;
	(void)prio;
	f->fault = true;
	leave(f, out, VRRP_STATE_FAULT, "fault");
}

static void
init_fault(struct vrrp_fsm *f, struct vrrp_fsm_out *out, uint64_t now,
    const struct vrrp_fsm_advert *adv, uint8_t prio)
{
	(void)out;
	(void)now;
	(void)adv;
	(void)prio;
	f->fault = true;
}

static void
on_fault_cleared(struct vrrp_fsm *f, struct vrrp_fsm_out *out, uint64_t now,
    const struct vrrp_fsm_advert *adv, uint8_t prio)
{
	(void)adv;
	(void)prio;
	f->fault = false;
	f->conf.resume_master = false;
	if (f->state == VRRP_STATE_FAULT)
		start(f, out, now, "fault cleared");
}

static void
set_priority(struct vrrp_fsm *f, uint8_t prio)
{
	/* The owner's 255 is immutable; others never reach it nor 0. */
	if (f->conf.priority == VRRP_FSM_OWNER)
		return;
	f->priority = prio == 0 ? 1 : prio == VRRP_FSM_OWNER ? 254 : prio;
}

static void
on_priority(struct vrrp_fsm *f, struct vrrp_fsm_out *out, uint64_t now,
    const struct vrrp_fsm_advert *adv, uint8_t prio)
{
	(void)adv;
	set_priority(f, prio);
	if (f->state == VRRP_STATE_MASTER) {
		/* Tell the backups now, not at the next interval. */
		out->actions |= VRRP_ACT_SEND_ADVERT;
		f->adver_at = now + adver_int_us(f);
	}
}

/* vrrp_sync_group: members move together (lib/vrrp/sync_group.h). */
static void
sync_master(struct vrrp_fsm *f, struct vrrp_fsm_out *out, uint64_t now,
    const struct vrrp_fsm_advert *adv, uint8_t prio)
{
	(void)adv;
	(void)prio;
	become_master(f, out, now, "sync group member became MASTER");
}

static void
sync_backup(struct vrrp_fsm *f, struct vrrp_fsm_out *out, uint64_t now,
    const struct vrrp_fsm_advert *adv, uint8_t prio)
{
	(void)adv;
	(void)prio;
	/* Like a stop: the peer takes over without waiting. */
	out->actions |= VRRP_ACT_SEND_PRIO0;
	become_backup(f, out, now, NULL, "sync group member left MASTER");
}

static void
nothing(struct vrrp_fsm *f, struct vrrp_fsm_out *out, uint64_t now,
    const struct vrrp_fsm_advert *adv, uint8_t prio)
{
	(void)f;
	(void)out;
	(void)now;
	(void)adv;
	(void)prio;
}

static const fsm_handler table[VRRP_STATE_COUNT][VRRP_EV_COUNT] = {
	[VRRP_STATE_INIT] = {
		[VRRP_EV_STARTUP] = on_startup,
		[VRRP_EV_SHUTDOWN] = nothing,
		[VRRP_EV_TIMER] = nothing,
		[VRRP_EV_ADVERT] = nothing,
		[VRRP_EV_FAULT] = init_fault,
		[VRRP_EV_FAULT_CLEARED] = on_fault_cleared,
		[VRRP_EV_PRIORITY] = on_priority,
		[VRRP_EV_SYNC_MASTER] = nothing,
		[VRRP_EV_SYNC_BACKUP] = nothing,
	},
	[VRRP_STATE_BACKUP] = {
		[VRRP_EV_STARTUP] = nothing,
		[VRRP_EV_SHUTDOWN] = on_shutdown,
		[VRRP_EV_TIMER] = backup_timer,
		[VRRP_EV_ADVERT] = backup_advert,
		[VRRP_EV_FAULT] = on_fault,
		[VRRP_EV_FAULT_CLEARED] = nothing,
		[VRRP_EV_PRIORITY] = on_priority,
		[VRRP_EV_SYNC_MASTER] = sync_master,
		[VRRP_EV_SYNC_BACKUP] = nothing,
	},
	[VRRP_STATE_MASTER] = {
		[VRRP_EV_STARTUP] = nothing,
		[VRRP_EV_SHUTDOWN] = on_shutdown,
		[VRRP_EV_TIMER] = master_timer,
		[VRRP_EV_ADVERT] = master_advert,
		[VRRP_EV_FAULT] = on_fault,
		[VRRP_EV_FAULT_CLEARED] = nothing,
		[VRRP_EV_PRIORITY] = on_priority,
		[VRRP_EV_SYNC_MASTER] = nothing,
		[VRRP_EV_SYNC_BACKUP] = sync_backup,
	},
	[VRRP_STATE_FAULT] = {
		[VRRP_EV_STARTUP] = nothing,
		[VRRP_EV_SHUTDOWN] = on_shutdown,
		[VRRP_EV_TIMER] = nothing,
		[VRRP_EV_ADVERT] = nothing,
		[VRRP_EV_FAULT] = nothing,
		[VRRP_EV_FAULT_CLEARED] = on_fault_cleared,
		[VRRP_EV_PRIORITY] = on_priority,
		[VRRP_EV_SYNC_MASTER] = nothing,
		[VRRP_EV_SYNC_BACKUP] = nothing,
	},
};

void
vrrp_fsm_init(struct vrrp_fsm *f, const struct vrrp_fsm_conf *conf)
{
	memset(f, 0, sizeof(*f));
	f->conf = *conf;
	if (f->conf.adver_int_cs == 0)
		f->conf.adver_int_cs = 100;
	f->state = VRRP_STATE_INIT;
	f->priority = conf->priority;
	f->master_adver_int_cs = f->conf.adver_int_cs;
}

struct vrrp_fsm_out
vrrp_fsm_event(struct vrrp_fsm *f, enum vrrp_event ev, uint64_t now,
    const struct vrrp_fsm_advert *adv, uint8_t priority)
{
	struct vrrp_fsm_out out = { f->state, f->state, 0, NULL };

	if ((unsigned)ev >= VRRP_EV_COUNT ||
	    (ev == VRRP_EV_ADVERT && adv == NULL))
		return out;
	table[f->state][ev](f, &out, now, adv, priority);
	return out;
}
