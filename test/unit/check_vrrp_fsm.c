// SPDX-License-Identifier: GPL-2.0-or-later
/* The VRRP state machine (lib/vrrp/fsm.c): every transition and timer. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "vrrp/fsm.h"

#define S 1000000ull    /* µs per second */
#define T0 (100 * S)    /* an arbitrary monotonic start */

static struct lvsd_addr
A(const char *s)
{
	struct lvsd_addr a;

	ck_assert(addr_from_string(s, &a));
	return a;
}

static void
mk(struct vrrp_fsm *f, int version, uint8_t prio, uint16_t int_cs)
{
	struct vrrp_fsm_conf c;

	memset(&c, 0, sizeof(c));
	c.version = (uint8_t)version;
	c.priority = prio;
	c.adver_int_cs = int_cs;
	c.preempt = true;
	c.primary = A("192.0.2.1");
	vrrp_fsm_init(f, &c);
}

static struct vrrp_fsm_out
ev(struct vrrp_fsm *f, enum vrrp_event e, uint64_t now)
{
	return vrrp_fsm_event(f, e, now, NULL, 0);
}

static struct vrrp_fsm_out
advert(struct vrrp_fsm *f, uint64_t now, uint8_t prio, uint16_t int_cs,
    const char *src)
{
	struct vrrp_fsm_advert a = { prio, int_cs, A(src) };

	return vrrp_fsm_event(f, VRRP_EV_ADVERT, now, &a, 0);
}

START_TEST(skew_and_down_interval)
{
	struct vrrp_fsm f;

	/* v2, priority 100, 1 s: skew 0.609375 s, down 3.609375 s */
	mk(&f, 2, 100, 100);
	ck_assert_uint_eq(vrrp_fsm_skew_us(&f), 609375);
	ck_assert_uint_eq(vrrp_fsm_down_interval_us(&f), 3609375);
	mk(&f, 2, 254, 100);
	ck_assert_uint_eq(vrrp_fsm_skew_us(&f), 7812);
	mk(&f, 2, 1, 300);
	ck_assert_uint_eq(vrrp_fsm_skew_us(&f), 996093);
	ck_assert_uint_eq(vrrp_fsm_down_interval_us(&f), 9996093);
	/* v3 scales with the master's interval: 1 cs, 100 cs, 4095 cs */
	mk(&f, 3, 100, 1);
	ck_assert_uint_eq(vrrp_fsm_skew_us(&f), 6093);
	ck_assert_uint_eq(vrrp_fsm_down_interval_us(&f), 36093);
	mk(&f, 3, 100, 100);
	ck_assert_uint_eq(vrrp_fsm_down_interval_us(&f), 3609375);
	mk(&f, 3, 254, 4095);
	ck_assert_uint_eq(vrrp_fsm_skew_us(&f), 2 * 4095 * 10000ull / 256);
}
END_TEST

START_TEST(owner_starts_master_at_once)
{
	struct vrrp_fsm f;
	struct vrrp_fsm_out o;

	mk(&f, 2, 255, 100);
	o = ev(&f, VRRP_EV_STARTUP, T0);
	ck_assert_int_eq(o.from, VRRP_STATE_INIT);
	ck_assert_int_eq(o.to, VRRP_STATE_MASTER);
	ck_assert_uint_eq(o.actions, VRRP_ACT_SEND_ADVERT | VRRP_ACT_ADD_VIPS |
	    VRRP_ACT_GARP);
	ck_assert_uint_eq(vrrp_fsm_next_deadline(&f), T0 + S);
	/* the advert timer re-arms */
	o = ev(&f, VRRP_EV_TIMER, T0 + S);
	ck_assert_uint_eq(o.actions, VRRP_ACT_SEND_ADVERT);
	ck_assert_uint_eq(vrrp_fsm_next_deadline(&f), T0 + 2 * S);
	/* an early wake-up does nothing */
	o = ev(&f, VRRP_EV_TIMER, T0 + S + 10);
	ck_assert_uint_eq(o.actions, 0);
	/* tracking cannot lower the owner's priority */
	vrrp_fsm_event(&f, VRRP_EV_PRIORITY, T0 + S, NULL, 50);
	ck_assert_uint_eq(f.priority, 255);
}
END_TEST

START_TEST(backup_takes_over_after_down_interval)
{
	struct vrrp_fsm f;
	struct vrrp_fsm_out o;

	mk(&f, 2, 100, 100);
	o = ev(&f, VRRP_EV_STARTUP, T0);
	ck_assert_int_eq(o.to, VRRP_STATE_BACKUP);
	ck_assert_uint_eq(o.actions, 0);
	ck_assert_uint_eq(vrrp_fsm_next_deadline(&f), T0 + 3609375);
	o = ev(&f, VRRP_EV_TIMER, T0 + 3609374);
	ck_assert_int_eq(o.to, VRRP_STATE_BACKUP);
	o = ev(&f, VRRP_EV_TIMER, T0 + 3609375);
	ck_assert_int_eq(o.to, VRRP_STATE_MASTER);
	ck_assert_uint_eq(o.actions, VRRP_ACT_SEND_ADVERT | VRRP_ACT_ADD_VIPS |
	    VRRP_ACT_GARP);
	ck_assert_str_eq(o.reason, "master down timer expired");
}
END_TEST

START_TEST(backup_adverts_reset_timer_and_v3_learns_interval)
{
	struct vrrp_fsm f;

	mk(&f, 3, 100, 100);
	ev(&f, VRRP_EV_STARTUP, T0);
	advert(&f, T0 + S, 200, 10, "192.0.2.2");
	ck_assert_uint_eq(f.master_adver_int_cs, 10);
	/* 3 * 0.1 s + 156/256 * 0.1 s */
	ck_assert_uint_eq(vrrp_fsm_next_deadline(&f), T0 + S + 300000 + 60937);
	/* v2 does not learn */
	mk(&f, 2, 100, 100);
	ev(&f, VRRP_EV_STARTUP, T0);
	advert(&f, T0 + S, 200, 100, "192.0.2.2");
	ck_assert_uint_eq(vrrp_fsm_next_deadline(&f), T0 + S + 3609375);
	/* equal priority keeps us backup */
	advert(&f, T0 + 2 * S, 100, 100, "192.0.2.2");
	ck_assert_uint_eq(vrrp_fsm_next_deadline(&f), T0 + 2 * S + 3609375);
}
END_TEST

START_TEST(priority_zero_means_skew_time)
{
	struct vrrp_fsm f;
	struct vrrp_fsm_out o;

	mk(&f, 2, 200, 100);
	ev(&f, VRRP_EV_STARTUP, T0);
	advert(&f, T0 + S, 0, 100, "192.0.2.2");
	ck_assert_uint_eq(vrrp_fsm_next_deadline(&f), T0 + S + 56 * S / 256);
	o = ev(&f, VRRP_EV_TIMER, T0 + S + 56 * S / 256);
	ck_assert_int_eq(o.to, VRRP_STATE_MASTER);
	ck_assert_str_eq(o.reason, "the master released (priority 0)");
	/* a master seeing priority 0 re-asserts at once */
	o = advert(&f, T0 + 2 * S, 0, 100, "192.0.2.3");
	ck_assert_int_eq(o.to, VRRP_STATE_MASTER);
	ck_assert_uint_eq(o.actions, VRRP_ACT_SEND_ADVERT);
	ck_assert_uint_eq(vrrp_fsm_next_deadline(&f), T0 + 3 * S);
}
END_TEST

START_TEST(preempt_ignores_lower_priority)
{
	struct vrrp_fsm f;
	struct vrrp_fsm_out o;

	mk(&f, 2, 150, 100);
	ev(&f, VRRP_EV_STARTUP, T0);
	o = advert(&f, T0 + S, 100, 100, "192.0.2.2");
	ck_assert_uint_eq(o.actions, 0);
	/* the timer was not reset: it fires 3.x s after start */
	ck_assert_uint_eq(vrrp_fsm_next_deadline(&f),
	    T0 + 3 * S + 106 * S / 256);
	/* higher_prio_send_advert tells the lower master */
	f.conf.higher_prio_send_advert = true;
	o = advert(&f, T0 + 2 * S, 100, 100, "192.0.2.2");
	ck_assert_uint_eq(o.actions, VRRP_ACT_SEND_ADVERT);
	ck_assert_int_eq(o.to, VRRP_STATE_BACKUP);
}
END_TEST

START_TEST(nopreempt_stays_backup)
{
	struct vrrp_fsm f;

	mk(&f, 2, 150, 100);
	f.conf.preempt = false;
	ev(&f, VRRP_EV_STARTUP, T0);
	advert(&f, T0 + 3 * S, 100, 100, "192.0.2.2");
	ck_assert_uint_eq(vrrp_fsm_next_deadline(&f), T0 + 3 * S +
	    vrrp_fsm_down_interval_us(&f));
	ck_assert_int_eq(ev(&f, VRRP_EV_TIMER, T0 + 5 * S).to,
	    VRRP_STATE_BACKUP);
	/* ... but the address owner always preempts */
	mk(&f, 2, 255, 100);
	f.conf.preempt = false;
	f.state = VRRP_STATE_BACKUP;
	f.down_at = T0 + 3 * S;
	advert(&f, T0 + S, 100, 100, "192.0.2.2");
	ck_assert_uint_eq(f.down_at, T0 + 3 * S);
}
END_TEST

START_TEST(preempt_delay)
{
	struct vrrp_fsm f;
	uint64_t t;

	mk(&f, 2, 150, 100);
	f.conf.preempt_delay_ms = 10000;
	ev(&f, VRRP_EV_STARTUP, T0);
	/* Lower adverts hold us back for 10 s ... */
	for (t = T0 + S; t < T0 + 10 * S; t += S) {
		advert(&f, t, 100, 100, "192.0.2.2");
		ck_assert_uint_eq(vrrp_fsm_next_deadline(&f),
		    t + vrrp_fsm_down_interval_us(&f));
	}
	/* ... then they are ignored and the timer runs out. */
	advert(&f, T0 + 11 * S, 100, 100, "192.0.2.2");
	ck_assert_uint_eq(vrrp_fsm_next_deadline(&f),
	    T0 + 9 * S + vrrp_fsm_down_interval_us(&f));
	ck_assert_int_eq(ev(&f, VRRP_EV_TIMER, vrrp_fsm_next_deadline(&f)).to,
	    VRRP_STATE_MASTER);
}
END_TEST

START_TEST(master_yields_to_higher_priority)
{
	struct vrrp_fsm f;
	struct vrrp_fsm_out o;

	mk(&f, 3, 100, 100);
	ev(&f, VRRP_EV_STARTUP, T0);
	ev(&f, VRRP_EV_TIMER, vrrp_fsm_next_deadline(&f));
	ck_assert_int_eq(f.state, VRRP_STATE_MASTER);
	o = advert(&f, T0 + 10 * S, 101, 50, "192.0.2.0");
	ck_assert_int_eq(o.from, VRRP_STATE_MASTER);
	ck_assert_int_eq(o.to, VRRP_STATE_BACKUP);
	ck_assert_uint_eq(o.actions, VRRP_ACT_DEL_VIPS);
	ck_assert_uint_eq(f.master_adver_int_cs, 50);
	ck_assert_uint_eq(f.adver_at, 0);
	ck_assert_uint_eq(f.down_at, T0 + 10 * S + 1500000 + 156 * 500000 / 256);
	/* back to master: our own interval again */
	ev(&f, VRRP_EV_TIMER, f.down_at);
	ck_assert_uint_eq(f.master_adver_int_cs, 100);
}
END_TEST

START_TEST(tie_break_on_primary_address)
{
	struct vrrp_fsm f;
	struct vrrp_fsm_out o;

	/* we are 192.0.2.1; 192.0.2.2 is higher: we yield */
	mk(&f, 2, 100, 100);
	ev(&f, VRRP_EV_STARTUP, T0);
	ev(&f, VRRP_EV_TIMER, vrrp_fsm_next_deadline(&f));
	o = advert(&f, T0 + 10 * S, 100, 100, "192.0.2.2");
	ck_assert_int_eq(o.to, VRRP_STATE_BACKUP);
	/* 192.0.1.200 is lower (network byte order, not string order) */
	mk(&f, 2, 100, 100);
	ev(&f, VRRP_EV_STARTUP, T0);
	ev(&f, VRRP_EV_TIMER, vrrp_fsm_next_deadline(&f));
	o = advert(&f, T0 + 10 * S, 100, 100, "192.0.1.200");
	ck_assert_int_eq(o.to, VRRP_STATE_MASTER);
	/* RFC 9568: the winner re-advertises at once and re-announces */
	ck_assert_uint_eq(o.actions, VRRP_ACT_SEND_ADVERT |
	    VRRP_ACT_GARP_LOWER);
	ck_assert_uint_eq(vrrp_fsm_next_deadline(&f), T0 + 11 * S);
	/* lower_prio_no_advert: the pre-9568 behaviour */
	f.conf.lower_prio_no_advert = true;
	o = advert(&f, T0 + 10 * S, 50, 100, "192.0.2.9");
	ck_assert_uint_eq(o.actions, 0);
}
END_TEST

START_TEST(ipv6_tie_break)
{
	struct vrrp_fsm f;
	struct vrrp_fsm_conf c;

	memset(&c, 0, sizeof(c));
	c.version = 3;
	c.priority = 100;
	c.adver_int_cs = 100;
	c.preempt = true;
	c.primary = A("fe80::10");
	vrrp_fsm_init(&f, &c);
	ev(&f, VRRP_EV_STARTUP, T0);
	ev(&f, VRRP_EV_TIMER, vrrp_fsm_next_deadline(&f));
	ck_assert_int_eq(advert(&f, T0 + 9 * S, 100, 100, "fe80::9").to,
	    VRRP_STATE_MASTER);
	ck_assert_int_eq(advert(&f, T0 + 9 * S, 100, 100, "fe80::1:1").to,
	    VRRP_STATE_BACKUP);
}
END_TEST

START_TEST(two_owners_elect_by_address)
{
	struct vrrp_fsm f;

	mk(&f, 2, 255, 100);
	ev(&f, VRRP_EV_STARTUP, T0);
	ck_assert_int_eq(advert(&f, T0 + S, 255, 100, "192.0.2.0").to,
	    VRRP_STATE_MASTER);
	ck_assert_int_eq(advert(&f, T0 + S, 255, 100, "192.0.2.7").to,
	    VRRP_STATE_BACKUP);
	/* vrrp_strict: the owner ignores adverts */
	mk(&f, 2, 255, 100);
	f.conf.owner_ignores_adverts = true;
	ev(&f, VRRP_EV_STARTUP, T0);
	ck_assert_int_eq(advert(&f, T0 + S, 255, 100, "192.0.2.7").to,
	    VRRP_STATE_MASTER);
}
END_TEST

START_TEST(shutdown_sends_priority_zero_only_as_master)
{
	struct vrrp_fsm f;
	struct vrrp_fsm_out o;

	mk(&f, 2, 255, 100);
	ev(&f, VRRP_EV_STARTUP, T0);
	o = ev(&f, VRRP_EV_SHUTDOWN, T0 + S);
	ck_assert_int_eq(o.to, VRRP_STATE_INIT);
	ck_assert_uint_eq(o.actions, VRRP_ACT_SEND_PRIO0 | VRRP_ACT_DEL_VIPS);
	ck_assert_uint_eq(vrrp_fsm_next_deadline(&f), 0);
	mk(&f, 2, 100, 100);
	ev(&f, VRRP_EV_STARTUP, T0);
	o = ev(&f, VRRP_EV_SHUTDOWN, T0 + S);
	ck_assert_int_eq(o.to, VRRP_STATE_INIT);
	ck_assert_uint_eq(o.actions, 0);
	ck_assert_uint_eq(vrrp_fsm_next_deadline(&f), 0);
	/* INIT ignores the rest */
	ck_assert_uint_eq(advert(&f, T0, 200, 100, "192.0.2.2").actions, 0);
	ck_assert_uint_eq(ev(&f, VRRP_EV_TIMER, T0 + 99 * S).actions, 0);
}
END_TEST

START_TEST(fault_and_recovery)
{
	struct vrrp_fsm f;
	struct vrrp_fsm_out o;

	mk(&f, 2, 255, 100);
	ev(&f, VRRP_EV_STARTUP, T0);
	o = ev(&f, VRRP_EV_FAULT, T0 + S);
	ck_assert_int_eq(o.to, VRRP_STATE_FAULT);
	ck_assert_uint_eq(o.actions, VRRP_ACT_SEND_PRIO0 | VRRP_ACT_DEL_VIPS);
	ck_assert_uint_eq(advert(&f, T0, 200, 100, "192.0.2.2").actions, 0);
	ck_assert_uint_eq(ev(&f, VRRP_EV_TIMER, T0 + 9 * S).actions, 0);
	o = ev(&f, VRRP_EV_FAULT_CLEARED, T0 + 2 * S);
	ck_assert_int_eq(o.to, VRRP_STATE_MASTER);  /* owner */
	/* a backup goes FAULT and comes back BACKUP */
	mk(&f, 2, 100, 100);
	ev(&f, VRRP_EV_STARTUP, T0);
	ck_assert_int_eq(ev(&f, VRRP_EV_FAULT, T0).to, VRRP_STATE_FAULT);
	ck_assert_uint_eq(ev(&f, VRRP_EV_FAULT, T0).actions, 0);
	o = ev(&f, VRRP_EV_FAULT_CLEARED, T0 + S);
	ck_assert_int_eq(o.to, VRRP_STATE_BACKUP);
	ck_assert_uint_eq(vrrp_fsm_next_deadline(&f), T0 + S + 3609375);
	/* a fault before start-up starts in FAULT */
	mk(&f, 2, 100, 100);
	ev(&f, VRRP_EV_FAULT, T0);
	ck_assert_int_eq(f.state, VRRP_STATE_INIT);
	ck_assert_int_eq(ev(&f, VRRP_EV_STARTUP, T0).to, VRRP_STATE_FAULT);
	ck_assert_int_eq(ev(&f, VRRP_EV_SHUTDOWN, T0).to, VRRP_STATE_INIT);
	/* cleared while still INIT: nothing but the flag */
	mk(&f, 2, 100, 100);
	ev(&f, VRRP_EV_FAULT, T0);
	o = ev(&f, VRRP_EV_FAULT_CLEARED, T0);
	ck_assert_int_eq(o.to, VRRP_STATE_INIT);
	ck_assert_int_eq(ev(&f, VRRP_EV_STARTUP, T0).to, VRRP_STATE_BACKUP);
}
END_TEST

START_TEST(priority_change)
{
	struct vrrp_fsm f;
	struct vrrp_fsm_out o;

	mk(&f, 3, 100, 100);
	ev(&f, VRRP_EV_STARTUP, T0);
	vrrp_fsm_event(&f, VRRP_EV_PRIORITY, T0, NULL, 200);
	ck_assert_uint_eq(f.priority, 200);
	ck_assert_uint_eq(vrrp_fsm_skew_us(&f), 56 * S / 256);
	/* never 255 nor 0 by tracking */
	vrrp_fsm_event(&f, VRRP_EV_PRIORITY, T0, NULL, 255);
	ck_assert_uint_eq(f.priority, 254);
	vrrp_fsm_event(&f, VRRP_EV_PRIORITY, T0, NULL, 0);
	ck_assert_uint_eq(f.priority, 1);
	/* a master advertises the new priority at once */
	ev(&f, VRRP_EV_TIMER, vrrp_fsm_next_deadline(&f));
	ck_assert_int_eq(f.state, VRRP_STATE_MASTER);
	o = vrrp_fsm_event(&f, VRRP_EV_PRIORITY, T0 + 20 * S, NULL, 90);
	ck_assert_uint_eq(o.actions, VRRP_ACT_SEND_ADVERT);
	ck_assert_int_eq(o.to, VRRP_STATE_MASTER);
	/* and yields to a higher one */
	ck_assert_int_eq(advert(&f, T0 + 20 * S, 95, 100, "192.0.2.0").to,
	    VRRP_STATE_BACKUP);
}
END_TEST

START_TEST(resume_as_master_after_restart)
{
	struct vrrp_fsm f;
	struct vrrp_fsm_out o;

	mk(&f, 2, 100, 100);
	f.conf.resume_master = true;
	o = ev(&f, VRRP_EV_STARTUP, T0);
	ck_assert_int_eq(o.to, VRRP_STATE_MASTER);
	ck_assert_str_eq(o.reason, "addresses already present");
	/* a higher master still wins at its next advert */
	ck_assert_int_eq(advert(&f, T0 + S, 150, 100, "192.0.2.2").to,
	    VRRP_STATE_BACKUP);
}
END_TEST

START_TEST(names_and_bad_events)
{
	struct vrrp_fsm f;
	struct vrrp_fsm_out o;

	ck_assert_str_eq(vrrp_state_name(VRRP_STATE_MASTER), "MASTER");
	ck_assert_str_eq(vrrp_state_name(VRRP_STATE_COUNT), "?");
	ck_assert_str_eq(vrrp_event_name(VRRP_EV_ADVERT), "advert");
	mk(&f, 2, 100, 100);
	ev(&f, VRRP_EV_STARTUP, T0);
	o = vrrp_fsm_event(&f, VRRP_EV_ADVERT, T0, NULL, 0);
	ck_assert_uint_eq(o.actions, 0);
	o = vrrp_fsm_event(&f, VRRP_EV_COUNT, T0, NULL, 0);
	ck_assert_int_eq(o.to, VRRP_STATE_BACKUP);
	ck_assert_int_eq(ev(&f, VRRP_EV_STARTUP, T0).to, VRRP_STATE_BACKUP);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("vrrp_fsm");
	TCase *tc = tcase_create("fsm");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, skew_and_down_interval);
	tcase_add_test(tc, owner_starts_master_at_once);
	tcase_add_test(tc, backup_takes_over_after_down_interval);
	tcase_add_test(tc, backup_adverts_reset_timer_and_v3_learns_interval);
	tcase_add_test(tc, priority_zero_means_skew_time);
	tcase_add_test(tc, preempt_ignores_lower_priority);
	tcase_add_test(tc, nopreempt_stays_backup);
	tcase_add_test(tc, preempt_delay);
	tcase_add_test(tc, master_yields_to_higher_priority);
	tcase_add_test(tc, tie_break_on_primary_address);
	tcase_add_test(tc, ipv6_tie_break);
	tcase_add_test(tc, two_owners_elect_by_address);
	tcase_add_test(tc, shutdown_sends_priority_zero_only_as_master);
	tcase_add_test(tc, fault_and_recovery);
	tcase_add_test(tc, priority_change);
	tcase_add_test(tc, resume_as_master_after_restart);
	tcase_add_test(tc, names_and_bad_events);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
