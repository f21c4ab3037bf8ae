// SPDX-License-Identifier: GPL-2.0-or-later
/* metrics_render: the exposition text of a status document (src/). */
#include "config.h"

#include <check.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl_json.h"
#include "metrics.h"

static const char *doc_text =
    "{\"schema_version\":1,\"ok\":true,"
    "\"lvsd\":{\"version\":\"0.1.0\",\"pid\":1,\"config\":\"/x\","
    "\"generation\":3,\"ipvs_repairs\":4,"
    "\"reloads\":{\"ok\":2,\"failed\":1,\"last_ms\":1500,\"last_ok\":true},"
    "\"engines\":[{\"name\":\"vrrp\",\"wanted\":true,\"running\":true,"
    "\"pid\":2,\"restarts\":5}]},"
    "\"vrrp\":{\"generation\":3,\"sync_groups\":[],\"instances\":[{"
    "\"name\":\"V\\\"1\\\\\\n\",\"state\":\"MASTER\",\"priority\":100,"
    "\"effective_priority\":90,\"transitions\":2,\"adverts_sent\":7,"
    "\"adverts_received\":0,\"released\":false,"
    "\"receive_errors\":{\"auth failed\":3},"
    "\"tracked\":[{\"kind\":\"script\",\"name\":\"chk\",\"weight\":-10,"
    "\"state\":\"down\",\"delta\":-10},{\"kind\":\"interface\","
    "\"name\":\"eth1\",\"weight\":0,\"state\":\"up\",\"delta\":0},"
    "{\"kind\":\"script\",\"name\":\"new\",\"weight\":1,"
    "\"state\":\"init\",\"delta\":1}]}]},"
    "\"check\":{\"generation\":3,\"kernel_table_known\":false,"
    "\"virtual_servers\":[{\"name\":\"192.0.2.1:80/tcp\",\"scheduler\":\"rr\","
    "\"real_servers\":[{\"name\":\"198.51.100.2:80\",\"health\":\"down\","
    "\"weight\":0,\"configured_weight\":1,\"drained\":true,"
    "\"active_connections\":null,\"kernel_stats\":{\"connections\":5,"
    "\"in_packets\":6,\"out_packets\":7,\"in_bytes\":8,\"out_bytes\":9}}],"
    "\"kernel_stats\":null}]}}";

static char *
render(void)
{
	struct json_object *doc = json_tokener_parse(doc_text);
	size_t len;
	char *text;

	ck_assert_ptr_nonnull(doc);
	text = metrics_render(doc, &len);
	ck_assert_uint_eq(strlen(text), len);
	json_object_put(doc);
	return text;
}

#define HAS(t, line) \
	ck_assert_msg(strstr((t), line "\n") != NULL, "missing: %s", line)

START_TEST(lvsd_families)
{
	char *t = render();

	HAS(t, "# TYPE lvsd_reloads_total counter");
	HAS(t, "lvsd_config_generation 3");
	HAS(t, "lvsd_reloads_total{result=\"ok\"} 2");
	HAS(t, "lvsd_reloads_total{result=\"failed\"} 1");
	HAS(t, "lvsd_last_reload_timestamp_seconds 1.500");
	HAS(t, "lvsd_last_reload_success 1");
	HAS(t, "lvsd_ipvs_drift_repairs_total 4");
	HAS(t, "lvsd_engine_restarts_total{engine=\"vrrp\"} 5");
	free(t);
}
END_TEST

START_TEST(label_values_escaped)
{
	char *t = render();

	/* name V"1\<newline> */
	HAS(t, "lvsd_vrrp_state{instance=\"V\\\"1\\\\\\n\",state=\"MASTER\"} 1");
	HAS(t, "lvsd_vrrp_effective_priority{instance=\"V\\\"1\\\\\\n\"} 90");
	HAS(t, "lvsd_vrrp_receive_errors_total{instance=\"V\\\"1\\\\\\n\","
	    "reason=\"auth failed\"} 3");
	free(t);
}
END_TEST

START_TEST(trackers)
{
	char *t = render();

	HAS(t, "# TYPE lvsd_vrrp_tracker_up gauge");
	HAS(t, "lvsd_vrrp_tracker_up{instance=\"V\\\"1\\\\\\n\","
	    "tracker=\"chk\",kind=\"script\"} 0");
	HAS(t, "tracker=\"eth1\",kind=\"interface\"} 1");
	HAS(t, "lvsd_vrrp_tracker_priority_delta{instance=\"V\\\"1\\\\\\n\","
	    "tracker=\"chk\",kind=\"script\"} -10");
	/* no result yet: no up/down to report */
	ck_assert_ptr_null(strstr(t, "tracker=\"new\""));
	free(t);
}
END_TEST

START_TEST(real_servers)
{
	char *t = render();
	const char *rs = "{virtual_server=\"192.0.2.1:80/tcp\","
	    "real_server=\"198.51.100.2:80\"}";
	char line[256];

	snprintf(line, sizeof(line), "lvsd_real_server_up%s 0\n", rs);
	ck_assert_ptr_nonnull(strstr(t, line));
	snprintf(line, sizeof(line), "lvsd_real_server_drained%s 1\n", rs);
	ck_assert_ptr_nonnull(strstr(t, line));
	snprintf(line, sizeof(line), "lvsd_real_server_connections_total%s 5\n",
	    rs);
	ck_assert_ptr_nonnull(strstr(t, line));
	ck_assert_ptr_nonnull(strstr(t, "lvsd_real_server_bytes_total{"
	    "virtual_server=\"192.0.2.1:80/tcp\",real_server=\"198.51.100.2:80\","
	    "direction=\"out\"} 9\n"));
	ck_assert_ptr_nonnull(strstr(t, "# TYPE lvsd_virtual_server_packets_total "
	    "counter\n"));
	ck_assert_ptr_null(strstr(t, "lvsd_virtual_server_packets_total{"));
	/* Not known from the kernel: no sample rather than a made-up 0. */
	ck_assert_ptr_null(strstr(t, "lvsd_real_server_active_connections{"));
	free(t);
}
END_TEST

START_TEST(empty_document)
{
	struct json_object *doc = json_object_new_object();
	size_t len;
	char *t = metrics_render(doc, &len);

	ck_assert_ptr_nonnull(strstr(t, "lvsd_config_generation 0\n"));
	free(t);
	json_object_put(doc);
}
END_TEST

START_TEST(json_pieces_join)
{
	struct ctl_json_buf b = { NULL, 0, 0 };
	struct json_object *o;

	ck_assert_int_eq(ctl_json_buf_add(&b, "{\"a\":", 5), 0);
	ck_assert_int_eq(ctl_json_buf_add(&b, "[1,2]}", 6), 0);
	o = ctl_json_buf_take(&b);
	ck_assert_ptr_nonnull(o);
	ck_assert_int_eq((int)json_object_array_length(
	    json_object_object_get(o, "a")), 2);
	json_object_put(o);
	ck_assert_int_eq(ctl_json_buf_add(&b, "{\"a\":", 5), 0);
	ck_assert_ptr_null(ctl_json_buf_take(&b));   /* truncated */
	ck_assert_ptr_null(ctl_json_buf_take(&b));   /* nothing */
	ctl_json_buf_free(&b);
}
END_TEST

static Suite *
metrics_suite(void)
{
	Suite *s = suite_create("metrics_text");
	TCase *tc = tcase_create("render");

	tcase_add_test(tc, lvsd_families);
	tcase_add_test(tc, label_values_escaped);
	tcase_add_test(tc, trackers);
	tcase_add_test(tc, real_servers);
	tcase_add_test(tc, empty_document);
	tcase_add_test(tc, json_pieces_join);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(metrics_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
