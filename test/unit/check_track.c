// SPDX-License-Identifier: GPL-2.0-or-later
/* Tracking, sync groups and notify formats (lib/vrrp/track.c,
 * sync_group.c, notify.c). */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "ipc/event.h"
#include "vrrp/fsm.h"
#include "vrrp/notify.h"
#include "vrrp/sync_group.h"
#include "vrrp/track.h"
#include "vrrp/track_watch.h"

#define M IPC_VRRP_MASTER
#define B IPC_VRRP_BACKUP
#define F IPC_VRRP_FAULT
#define K SYNC_KEEP

START_TEST(weights_follow_keepalived)
{
	struct track_effect e;

	/* Positive: added while up. */
	e = track_effect(10, false, true);
	ck_assert(!e.fault);
	ck_assert_int_eq(e.delta, 10);
	ck_assert_int_eq(track_effect(10, false, false).delta, 0);
	/* Negative: subtracted while down. */
	ck_assert_int_eq(track_effect(-20, false, true).delta, 0);
	ck_assert_int_eq(track_effect(-20, false, false).delta, -20);
	/* Reverse swaps up and down. */
	ck_assert_int_eq(track_effect(10, true, false).delta, 10);
	ck_assert_int_eq(track_effect(-20, true, true).delta, -20);
	ck_assert_int_eq(track_effect(-20, true, false).delta, 0);
	/* Weight 0: down means FAULT, no delta. */
	e = track_effect(0, false, false);
	ck_assert(e.fault);
	ck_assert_int_eq(e.delta, 0);
	ck_assert(!track_effect(0, false, true).fault);
	ck_assert(track_effect(0, true, true).fault);
}
END_TEST

START_TEST(priority_is_clamped_and_owner_is_kept)
{
	struct track_sum s = { 0, 0 };

	track_sum_add(&s, track_effect(-60, false, false));
	track_sum_add(&s, track_effect(-60, false, false));
	track_sum_add(&s, track_effect(5, false, true));
	ck_assert_int_eq(s.delta, -115);
	ck_assert_uint_eq(s.faults, 0);
	ck_assert_uint_eq(track_priority(100, s.delta), 1);
	ck_assert_uint_eq(track_priority(200, s.delta), 85);
	ck_assert_uint_eq(track_priority(200, 100), 254);
	ck_assert_uint_eq(track_priority(255, -200), 255);
	ck_assert_uint_eq(track_priority(255, 10), 255);
	ck_assert_uint_eq(track_priority(100, 0), 100);
	track_sum_add(&s, track_effect(0, false, false));
	ck_assert_uint_eq(s.faults, 1);
}
END_TEST

START_TEST(script_rise_and_fall)
{
	struct track_script_state st;

	track_script_init(&st, 2, 3, false);
	ck_assert(st.up);
	/* Two failures are not enough with fall 3; a success resets. */
	ck_assert(!track_script_result(&st, false));
	ck_assert(!track_script_result(&st, false));
	ck_assert(!track_script_result(&st, true));
	ck_assert(!track_script_result(&st, false));
	ck_assert(!track_script_result(&st, false));
	ck_assert(st.up);
	ck_assert(track_script_result(&st, false));
	ck_assert(!st.up);
	/* Rise 2. */
	ck_assert(!track_script_result(&st, true));
	ck_assert(!track_script_result(&st, false));
	ck_assert(!track_script_result(&st, true));
	ck_assert(track_script_result(&st, true));
	ck_assert(st.up);

	track_script_init(&st, 1, 1, true);
	ck_assert(!st.up);
	ck_assert(!track_script_result(&st, false));
	ck_assert(track_script_result(&st, true));
	ck_assert(track_script_result(&st, false));
}
END_TEST

START_TEST(track_files)
{
	struct track_effect e;

	ck_assert_int_eq(track_file_parse("42\n", 3), 42);
	ck_assert_int_eq(track_file_parse("  -7 ", 5), -7);
	ck_assert_int_eq(track_file_parse("+3", 2), 3);
	ck_assert_int_eq(track_file_parse("", 0), 0);
	ck_assert_int_eq(track_file_parse("x1", 2), 0);
	ck_assert_int_eq(track_file_parse("1 2", 3), 0);
	ck_assert_int_eq(track_file_parse("99999999999999999999", 20),
	    999999999LL * 10 + 9);
	/* Weight 0: non-zero means FAULT. */
	ck_assert(track_file_effect(1, 0, false).fault);
	ck_assert(!track_file_effect(0, 0, false).fault);
	/* value * weight, reverse negates. */
	e = track_file_effect(3, 5, false);
	ck_assert_int_eq(e.delta, 15);
	e = track_file_effect(3, 5, true);
	ck_assert_int_eq(e.delta, -15);
	e = track_file_effect(-2, 10, false);
	ck_assert_int_eq(e.delta, -20);
	/* -254 or less: FAULT. */
	ck_assert(track_file_effect(-254, 1, false).fault);
	ck_assert(!track_file_effect(-253, 1, false).fault);
	ck_assert_int_eq(track_file_effect(1000, 1, false).delta, 254);
	ck_assert(track_file_effect(999999999, -253, false).fault);
}
END_TEST

START_TEST(process_quorum)
{
	ck_assert(!track_process_up(0, 1, 0));
	ck_assert(track_process_up(1, 1, 0));
	ck_assert(track_process_up(7, 1, 0));
	ck_assert(!track_process_up(1, 2, 3));
	ck_assert(track_process_up(3, 2, 3));
	ck_assert(!track_process_up(4, 2, 3));
}
END_TEST

static void
orders_eq(const uint32_t *got, const uint32_t *want, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(got[i] == want[i], "member %zu: order %u, "
		    "want %u", i, got[i], want[i]);
}

START_TEST(sync_group_moves_together)
{
	struct sync_member m[3] = { { B, false }, { B, false }, { B, false } };
	uint32_t o[3];

	/* One member's timer expires: all become MASTER. */
	ck_assert_uint_eq(sync_group_follow(m, 3, 1, M, false, o), M);
	orders_eq(o, (uint32_t[]){ M, K, M }, 3);
	m[0].state = m[1].state = m[2].state = M;
	ck_assert_uint_eq(sync_group_state(m, 3), M);
	/* One drops to BACKUP: the others follow. */
	ck_assert_uint_eq(sync_group_follow(m, 3, 2, B, false, o), B);
	orders_eq(o, (uint32_t[]){ B, B, K }, 3);
	/* One member's own fault: all to FAULT. */
	m[0].own_fault = true;
	ck_assert_uint_eq(sync_group_follow(m, 3, 0, F, false, o), F);
	orders_eq(o, (uint32_t[]){ K, F, F }, 3);
	sync_group_faults(m, 3, false, o);
	orders_eq(o, (uint32_t[]){ F, F, F }, 3);
	m[0].state = m[1].state = m[2].state = F;
	ck_assert_uint_eq(sync_group_state(m, 3), F);
	/* A member may not leave FAULT alone while another has a fault. */
	ck_assert_uint_eq(sync_group_follow(m, 3, 1, B, false, o), F);
	/* Fault cleared: every member back to BACKUP. */
	m[0].own_fault = false;
	sync_group_faults(m, 3, false, o);
	orders_eq(o, (uint32_t[]){ B, B, B }, 3);
	/* The group's own trackers. */
	m[0].state = m[1].state = m[2].state = B;
	sync_group_faults(m, 3, true, o);
	orders_eq(o, (uint32_t[]){ F, F, F }, 3);
	ck_assert_uint_eq(sync_group_follow(m, 3, 0, M, true, o), F);
}
END_TEST

START_TEST(sync_group_waits_for_every_member)
{
	struct sync_member m[3] = { { B, false, true }, { B, false, false },
	    { M, false, false } };
	uint32_t o[3];

	/* One is not ready (it still hears a master). */
	ck_assert(!sync_group_ready(m, 3, false, o));
	orders_eq(o, (uint32_t[]){ K, K, K }, 3);
	m[1].wants_master = true;
	ck_assert(sync_group_ready(m, 3, false, o));
	orders_eq(o, (uint32_t[]){ M, M, K }, 3);
	/* Never while there is a fault. */
	ck_assert(!sync_group_ready(m, 3, true, o));
	m[2].own_fault = true;
	ck_assert(!sync_group_ready(m, 3, false, o));
	m[2].own_fault = false;
	m[2].state = IPC_VRRP_STOP;
	ck_assert(sync_group_ready(m, 3, false, o));
	orders_eq(o, (uint32_t[]){ M, M, K }, 3);
}
END_TEST

START_TEST(sync_group_state_and_stop)
{
	struct sync_member m[2] = { { M, false }, { B, false } };
	uint32_t o[2];

	ck_assert_uint_eq(sync_group_state(m, 2), B);
	m[1].state = IPC_VRRP_INIT;
	ck_assert_uint_eq(sync_group_state(m, 2), IPC_VRRP_INIT);
	m[0].state = m[1].state = IPC_VRRP_STOP;
	ck_assert_uint_eq(sync_group_state(m, 2), IPC_VRRP_STOP);
	/* Stopped members are left alone. */
	m[0].state = B;
	sync_group_faults(m, 2, true, o);
	orders_eq(o, (uint32_t[]){ F, K }, 2);
	ck_assert_uint_eq(sync_group_follow(m, 2, 0, IPC_VRRP_STOP, false,
	    o), IPC_VRRP_STOP);
	orders_eq(o, (uint32_t[]){ K, K }, 2);
}
END_TEST

START_TEST(notify_formats)
{
	struct cfg_notify n = { .master = "m", .backup = "b", .fault = NULL,
	    .stop = "s", .any = "a" };
	struct vrrp_notify_args a;
	char line[64];

	ck_assert_str_eq(vrrp_notify_script(&n, M), "m");
	ck_assert_str_eq(vrrp_notify_script(&n, B), "b");
	ck_assert_ptr_null(vrrp_notify_script(&n, F));
	ck_assert_str_eq(vrrp_notify_script(&n, IPC_VRRP_STOP), "s");
	ck_assert_ptr_null(vrrp_notify_script(&n, IPC_VRRP_INIT));
	vrrp_notify_args(&a, false, "VI_1", M, 100);
	ck_assert_str_eq(a.argv[0], "INSTANCE");
	ck_assert_str_eq(a.argv[1], "VI_1");
	ck_assert_str_eq(a.argv[2], "MASTER");
	ck_assert_str_eq(a.argv[3], "100");
	vrrp_notify_args(&a, true, "G", F, 0);
	ck_assert_str_eq(a.argv[0], "GROUP");
	ck_assert_str_eq(a.argv[2], "FAULT");
	ck_assert_str_eq(a.argv[3], "0");
	ck_assert_uint_eq(vrrp_notify_fifo_line(line, sizeof(line), false,
	    "VI_1", M, 100), strlen("INSTANCE \"VI_1\" MASTER 100\n"));
	ck_assert_str_eq(line, "INSTANCE \"VI_1\" MASTER 100\n");
	vrrp_notify_fifo_line(line, sizeof(line), true, "G1", B, 0);
	ck_assert_str_eq(line, "GROUP \"G1\" BACKUP 0\n");
	ck_assert_uint_eq(vrrp_notify_fifo_line(line, 8, true, "G1", B, 0),
	    7);
}
END_TEST

static const char good_trackers[] =
    "vrrp_track_file tf1 {\n file /run/tf1\n weight -10 reverse\n"
    " init_file 5 overwrite\n}\n"
    "track_file tf2 {\n file \"/run/tf2\"\n}\n"
    "vrrp_track_process ngx {\n process nginx -g \"daemon off;\"\n"
    " param_match initial\n weight -20\n quorum 2\n quorum_max 4\n"
    " delay 1.5\n full_command\n}\n"
    "vrrp_instance VI_1 {\n interface lo\n virtual_router_id 1\n"
    " priority 100\n virtual_ipaddress { 192.0.2.1 }\n"
    " track_file {\n  tf1 weight 3\n  tf2\n }\n"
    " track_process { ngx }\n}\n"
    "vrrp_instance VI_2 {\n interface lo\n virtual_router_id 2\n"
    " priority 100\n virtual_ipaddress { 192.0.2.2 }\n}\n"
    "vrrp_sync_group G {\n group { VI_1 VI_2 }\n track_file { tf2 }\n"
    " track_process { ngx weight 0 }\n}\n";

START_TEST(config_track_file_and_process)
{
	struct config_options opts = { .check_interfaces = false };
	struct diag_list diags;
	struct lvsd_config *cfg;
	const struct cfg_vrrp_instance *vi;
	const struct cfg_track_process *tp;

	diag_init(&diags);
	cfg = config_load_string("t.conf", good_trackers, &opts, &diags);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_uint_eq(cfg->n_track_files, 2);
	ck_assert_str_eq(cfg->track_files[0].path, "/run/tf1");
	ck_assert_int_eq(cfg->track_files[0].weight, -10);
	ck_assert(cfg->track_files[0].reverse);
	ck_assert(cfg->track_files[0].init_file);
	ck_assert_int_eq(cfg->track_files[0].init_value, 5);
	ck_assert(cfg->track_files[0].init_overwrite);
	ck_assert_int_eq(cfg->track_files[1].weight, 1);
	tp = &cfg->track_processes[0];
	ck_assert_str_eq(tp->process, "nginx");
	ck_assert_uint_eq(tp->n_params, 2);
	ck_assert_str_eq(tp->params[1], "daemon off;");
	ck_assert_int_eq(tp->param_match, TRACK_PARAM_INITIAL);
	ck_assert_uint_eq(tp->quorum, 2);
	ck_assert_uint_eq(tp->quorum_max, 4);
	ck_assert_uint_eq(tp->fork_delay_ms, 1500);
	ck_assert_uint_eq(tp->terminate_delay_ms, 1500);
	ck_assert(tp->full_command);
	vi = &cfg->vrrp_instances[0];
	ck_assert_uint_eq(vi->n_track_files, 2);
	ck_assert_int_eq(vi->track_files[0].weight, 3);
	ck_assert(!vi->track_files[0].reverse);
	ck_assert_ptr_eq(vi->track_files[1].file, &cfg->track_files[1]);
	ck_assert_int_eq(vi->track_files[1].weight, 1);
	ck_assert_int_eq(vi->track_processes[0].weight, -20);
	ck_assert_ptr_eq(cfg->sync_groups[0].track_processes[0].process, tp);
	ck_assert_int_eq(cfg->sync_groups[0].track_processes[0].weight, 0);
	config_free(cfg);
	diag_free(&diags);
}
END_TEST

START_TEST(config_tracker_errors)
{
	struct config_options opts = { .check_interfaces = false };
	struct diag_list diags;
	struct lvsd_config *cfg;

	diag_init(&diags);
	cfg = config_load_string("t.conf",
	    "track_file a {\n weight 2\n}\n"
	    "vrrp_track_process p {\n quorum 3\n quorum_max 2\n}\n"
	    "vrrp_instance VI_1 {\n interface lo\n virtual_router_id 1\n"
	    " priority 100\n virtual_ipaddress { 192.0.2.1 }\n"
	    " track_file { nope }\n track_process { p\n q }\n}\n",
	    &opts, &diags);
	ck_assert_ptr_null(cfg);
	ck_assert_uint_eq(diags.n_errors, 5);
	diag_free(&diags);
}
END_TEST

START_TEST(config_use_vmac)
{
	struct config_options opts = { .check_interfaces = false };
	struct diag_list diags;
	struct lvsd_config *cfg;

	diag_init(&diags);
	cfg = config_load_string("t.conf",
	    "vrrp_instance A {\n interface lo\n virtual_router_id 1\n"
	    " priority 100\n use_vmac\n virtual_ipaddress { 192.0.2.1 }\n}\n"
	    "vrrp_instance B {\n interface lo\n virtual_router_id 2\n"
	    " priority 100\n use_vmac vm2\n"
	    " virtual_ipaddress { 192.0.2.2 }\n}\n", &opts, &diags);
	ck_assert_ptr_nonnull(cfg);
	ck_assert(cfg->vrrp_instances[0].use_vmac);
	ck_assert_ptr_null(cfg->vrrp_instances[0].vmac_name);
	ck_assert_str_eq(cfg->vrrp_instances[1].vmac_name, "vm2");
	ck_assert_uint_eq(diags.n_warnings, 0);
	config_free(cfg);
	diag_free(&diags);
	diag_init(&diags);
	cfg = config_load_string("t.conf",
	    "vrrp_instance A {\n interface lo\n virtual_router_id 1\n"
	    " priority 100\n use_vmac a-name-far-too-long\n"
	    " virtual_ipaddress { 192.0.2.1 }\n}\n", &opts, &diags);
	ck_assert_ptr_null(cfg);
	ck_assert_uint_eq(diags.n_errors, 1);
	diag_free(&diags);
}
END_TEST

START_TEST(config_group_weights_warn)
{
	struct config_options opts = { .check_interfaces = false };
	struct diag_list diags;
	struct lvsd_config *cfg;
	char line[256];

	diag_init(&diags);
	cfg = config_load_string("t.conf",
	    "vrrp_script s {\n script /bin/true\n weight -20\n}\n"
	    "vrrp_instance A {\n interface lo\n virtual_router_id 1\n"
	    " priority 100\n virtual_ipaddress { 192.0.2.1 }\n"
	    " track_script {\n  s\n }\n}\n"
	    "vrrp_instance B {\n interface lo\n virtual_router_id 2\n"
	    " priority 100\n virtual_ipaddress { 192.0.2.2 }\n}\n"
	    "vrrp_sync_group G {\n group { A B }\n}\n", &opts, &diags);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_uint_eq(diags.n_warnings, 1);
	diag_format(&diags.items[0], line, sizeof(line));
	ck_assert_msg(strstr(line, "t.conf:11:3: warning: weight -20 of "
	    "track_script 's' is ignored: 'A' is in vrrp_sync_group 'G'") !=
	    NULL, "got: %s", line);
	config_free(cfg);
	diag_free(&diags);
}
END_TEST

START_TEST(process_matching)
{
	char *params[] = { "-g", "daemon off;" };
	struct cfg_track_process p = { .process = "nginx" };
	char *argv[] = { "/usr/sbin/nginx", "-c", "x", "-g", "daemon off;" };

	ck_assert(track_process_matches(&p, "nginx", argv, 5));
	ck_assert(!track_process_matches(&p, "nginx2", argv, 5));
	/* comm is at most 15 characters. */
	p.process = "a-very-long-process-name";
	ck_assert(track_process_matches(&p, "a-very-long-pro", argv, 5));
	p.process = "/usr/sbin/nginx";
	p.full_command = true;
	ck_assert(track_process_matches(&p, "whatever", argv, 5));
	ck_assert(!track_process_matches(&p, "nginx", argv, 0));
	p.params = params;
	p.n_params = 2;
	p.param_match = TRACK_PARAM_EXACT;
	ck_assert(!track_process_matches(&p, "nginx", argv, 5));
	ck_assert(track_process_matches(&p, "nginx", (char *[]){
	    "/usr/sbin/nginx", "-g", "daemon off;" }, 3));
	p.param_match = TRACK_PARAM_INITIAL;
	ck_assert(!track_process_matches(&p, "nginx", argv, 5));
	ck_assert(track_process_matches(&p, "nginx", (char *[]){
	    "/usr/sbin/nginx", "-g", "daemon off;", "-q" }, 4));
	p.param_match = TRACK_PARAM_PARTIAL;
	ck_assert(track_process_matches(&p, "nginx", argv, 5));
	ck_assert(!track_process_matches(&p, "nginx", (char *[]){
	    "/usr/sbin/nginx", "daemon off;", "-g" }, 3));
}
END_TEST

START_TEST(fsm_sync_events)
{
	struct vrrp_fsm f;
	struct vrrp_fsm_conf c = { .version = 3, .priority = 100,
	    .adver_int_cs = 100, .preempt = true };
	struct vrrp_fsm_out o;

	vrrp_fsm_init(&f, &c);
	o = vrrp_fsm_event(&f, VRRP_EV_STARTUP, 1000, NULL, 0);
	ck_assert_int_eq(o.to, VRRP_STATE_BACKUP);
	/* Leaving MASTER is ignored in BACKUP. */
	o = vrrp_fsm_event(&f, VRRP_EV_SYNC_BACKUP, 2000, NULL, 0);
	ck_assert_int_eq(o.to, VRRP_STATE_BACKUP);
	ck_assert_uint_eq(o.actions, 0);
	o = vrrp_fsm_event(&f, VRRP_EV_SYNC_MASTER, 3000, NULL, 0);
	ck_assert_int_eq(o.to, VRRP_STATE_MASTER);
	ck_assert(o.actions & VRRP_ACT_ADD_VIPS);
	ck_assert(o.actions & VRRP_ACT_SEND_ADVERT);
	o = vrrp_fsm_event(&f, VRRP_EV_SYNC_MASTER, 4000, NULL, 0);
	ck_assert_int_eq(o.from, o.to);
	o = vrrp_fsm_event(&f, VRRP_EV_SYNC_BACKUP, 5000, NULL, 0);
	ck_assert_int_eq(o.to, VRRP_STATE_BACKUP);
	ck_assert(o.actions & VRRP_ACT_DEL_VIPS);
	ck_assert(o.actions & VRRP_ACT_SEND_PRIO0);
	/* FAULT holds against both. */
	o = vrrp_fsm_event(&f, VRRP_EV_FAULT, 6000, NULL, 0);
	ck_assert_int_eq(o.to, VRRP_STATE_FAULT);
	o = vrrp_fsm_event(&f, VRRP_EV_SYNC_MASTER, 7000, NULL, 0);
	ck_assert_int_eq(o.to, VRRP_STATE_FAULT);
	ck_assert_uint_eq(o.actions, 0);
}
END_TEST

START_TEST(fsm_hold_master)
{
	struct vrrp_fsm f;
	struct vrrp_fsm_conf c = { .version = 3, .priority = 100,
	    .adver_int_cs = 100, .preempt = true };
	struct vrrp_fsm_advert adv = { .priority = 200, .interval_cs = 100 };
	struct vrrp_fsm_out o;
	uint64_t t;

	vrrp_fsm_init(&f, &c);
	f.hold_master = true;
	o = vrrp_fsm_event(&f, VRRP_EV_STARTUP, 1000, NULL, 0);
	ck_assert_int_eq(o.to, VRRP_STATE_BACKUP);
	t = vrrp_fsm_next_deadline(&f);
	ck_assert_uint_gt(t, 1000);
	/* The timer runs out: ready, but still BACKUP, timer stopped. */
	o = vrrp_fsm_event(&f, VRRP_EV_TIMER, t, NULL, 0);
	ck_assert_int_eq(o.to, VRRP_STATE_BACKUP);
	ck_assert(o.actions & VRRP_ACT_WANT_MASTER);
	ck_assert(f.wants_master);
	ck_assert_uint_eq(vrrp_fsm_next_deadline(&f), 0);
	/* A live master: not ready any more, timer running again. */
	o = vrrp_fsm_event(&f, VRRP_EV_ADVERT, t + 10, &adv, 0);
	ck_assert(o.actions & VRRP_ACT_WANT_MASTER);
	ck_assert(!f.wants_master);
	ck_assert_uint_gt(vrrp_fsm_next_deadline(&f), t + 10);
	/* Ready again, and the group says go. */
	o = vrrp_fsm_event(&f, VRRP_EV_TIMER, vrrp_fsm_next_deadline(&f),
	    NULL, 0);
	ck_assert(f.wants_master);
	o = vrrp_fsm_event(&f, VRRP_EV_SYNC_MASTER, t + 5000000, NULL, 0);
	ck_assert_int_eq(o.to, VRRP_STATE_MASTER);
	ck_assert(!f.wants_master);
}
END_TEST

static Suite *
track_suite(void)
{
	Suite *s = suite_create("track");
	TCase *tc = tcase_create("track");

	tcase_add_test(tc, weights_follow_keepalived);
	tcase_add_test(tc, priority_is_clamped_and_owner_is_kept);
	tcase_add_test(tc, script_rise_and_fall);
	tcase_add_test(tc, track_files);
	tcase_add_test(tc, process_quorum);
	tcase_add_test(tc, sync_group_moves_together);
	tcase_add_test(tc, sync_group_state_and_stop);
	tcase_add_test(tc, sync_group_waits_for_every_member);
	tcase_add_test(tc, fsm_hold_master);
	tcase_add_test(tc, notify_formats);
	tcase_add_test(tc, config_track_file_and_process);
	tcase_add_test(tc, config_tracker_errors);
	tcase_add_test(tc, process_matching);
	tcase_add_test(tc, config_use_vmac);
	tcase_add_test(tc, config_group_weights_warn);
	tcase_add_test(tc, fsm_sync_events);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(track_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
