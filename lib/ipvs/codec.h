/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Encode requests to and decode replies from the kernel's generic-netlink
 * family "IPVS" (include/uapi/linux/ip_vs.h).  Pure: libnl messages and
 * attributes only, no sockets; the client (ipvs/client.h) and the raw
 * benchmark tool send what this builds.
 *
 * Wire conventions handled here, so callers never see them:
 *   - ports are host order in the ipvs.h types; on the wire the service,
 *     dest and tunnel ports are network order, but the sync daemon's
 *     MCAST_PORT is host order (the kernel reads it with nla_get_u16 and
 *     applies htons itself; seen on 6.1: default 8848 dumps as 0x2290);
 *   - addresses go out as 16 bytes (union nf_inet_addr), IPv4 in the first 4;
 *   - service flags go out as {flags, mask = ~0}: the kernel's flags become
 *     exactly ours; HASHED (kernel-internal) is stripped on decode;
 *   - a persistence timeout > 0 adds IP_VS_SVC_F_PERSISTENT on encode;
 *   - netmask 0 is sent as the kernel's default (IPv4 0xffffffff, IPv6
 *     prefix 128; the kernel rejects an IPv6 prefix 0); decode returns what
 *     the kernel holds, ipvs_service_equal() treats 0 as that default;
 *   - sched "" is sent as "none" and "none" decodes as "".
 *
 * Requests are built with seq 0 and port 0; the sender numbers them
 * (nlmsg_hdr(msg)->nlmsg_seq).  Doit requests carry NLM_F_REQUEST|NLM_F_ACK,
 * dumps NLM_F_REQUEST|NLM_F_DUMP.  Each request function returns a new
 * message (free with nlmsg_free) or NULL when out of memory or when the
 * object cannot be expressed (e.g. an address whose family is not
 * AF_INET/AF_INET6).
 *
 * Decoders take one netlink message that the caller has checked lies
 * entirely inside its buffer (nlmsg_ok()); they accept both the kernel's
 * replies and our own requests (same attribute trees), so round trips can
 * be tested.  They return 0, or -EINVAL for anything malformed (never read
 * out of bounds: they are fuzzed).
 */
#ifndef LVSD_IPVS_CODEC_H
#define LVSD_IPVS_CODEC_H

#include <linux/ip_vs.h>
#include <netlink/msg.h>
#include <stdint.h>

#include "ipvs/ipvs.h"

/* GET_INFO reply. */
struct ipvs_info {
	uint32_t version;               /* IP_VS_VERSION_CODE, 0x010201 */
	uint32_t conn_tab_size;
};

/* -- requests (family: the resolved generic-netlink id of "IPVS") -- */

/* IPVS_CMD_NEW_SERVICE / IPVS_CMD_SET_SERVICE: the full service. */
struct nl_msg *ipvs_req_new_service(int family, const struct ipvs_service *s);
struct nl_msg *ipvs_req_set_service(int family, const struct ipvs_service *s);
struct nl_msg *ipvs_req_del_service(int family,
    const struct ipvs_service_key *k);
/* IPVS_CMD_NEW_DEST / SET_DEST: identifying service nest + full dest. */
struct nl_msg *ipvs_req_new_dest(int family,
    const struct ipvs_service_key *svc, const struct ipvs_dest *d);
struct nl_msg *ipvs_req_set_dest(int family,
    const struct ipvs_service_key *svc, const struct ipvs_dest *d);
struct nl_msg *ipvs_req_del_dest(int family,
    const struct ipvs_service_key *svc, const struct ipvs_dest_key *d);
/*
 * The same six requests built into a message the caller keeps and reuses
 * (the client encodes thousands per reload; one allocation, not one per
 * request).  m comes from ipvs_req_alloc(); it is emptied first, so what
 * it held before does not matter.  cmd: IPVS_CMD_{NEW,SET,DEL}_SERVICE
 * (full NULL for DEL) or IPVS_CMD_{NEW,SET,DEL}_DEST (likewise).  Returns
 * 0, or -EINVAL when the object cannot be expressed (m then holds junk).
 * The result is byte for byte what ipvs_req_* returns.
 */
struct nl_msg *ipvs_req_alloc(void);
int ipvs_enc_service(struct nl_msg *m, int family, uint8_t cmd,
    const struct ipvs_service_key *k, const struct ipvs_service *full);
int ipvs_enc_dest(struct nl_msg *m, int family, uint8_t cmd,
    const struct ipvs_service_key *svc, const struct ipvs_dest_key *k,
    const struct ipvs_dest *full);
/*
 * A dest request in two steps, for the many dests of one service (a
 * reload edits thousands): ipvs_enc_dest_svc() starts m with the header
 * and the service nest and returns m's length after them (0 when the key
 * cannot be expressed); ipvs_enc_dest_tail() cuts m back to that length
 * and adds the dest nest, as often as wanted.  The result is byte for
 * byte ipvs_enc_dest()'s, with the service encoded once.
 */
size_t ipvs_enc_dest_svc(struct nl_msg *m, int family, uint8_t cmd,
    const struct ipvs_service_key *svc);
int ipvs_enc_dest_tail(struct nl_msg *m, size_t svc_len,
    const struct ipvs_dest_key *k, const struct ipvs_dest *full);
/* Optional daemon fields left 0 are omitted (kernel defaults). */
struct nl_msg *ipvs_req_new_daemon(int family, const struct ipvs_daemon *d);
/* state: IP_VS_STATE_MASTER or IP_VS_STATE_BACKUP */
struct nl_msg *ipvs_req_del_daemon(int family, uint32_t state);
struct nl_msg *ipvs_req_set_timeouts(int family,
    const struct ipvs_timeouts *t);
struct nl_msg *ipvs_req_flush(int family);
struct nl_msg *ipvs_req_get_info(int family);
struct nl_msg *ipvs_req_get_config(int family);
/* Dumps. */
struct nl_msg *ipvs_req_dump_services(int family);
struct nl_msg *ipvs_req_dump_dests(int family,
    const struct ipvs_service_key *svc);
struct nl_msg *ipvs_req_dump_daemons(int family);

/* -- replies -- */

/* The generic-netlink command of a message, or -EINVAL. */
int ipvs_msg_cmd(const struct nlmsghdr *nlh);
/* A message with an IPVS_CMD_ATTR_SERVICE nest (dump reply, NEW/SET/DEL
 * request, dest request).  Fields absent from the nest are left 0/"". */
int ipvs_decode_service(const struct nlmsghdr *nlh, struct ipvs_service *s);
/* A message with an IPVS_CMD_ATTR_DEST nest.  svc_af is the family the
 * dest has when the kernel does not say (no ADDR_FAMILY: old kernels). */
int ipvs_decode_dest(const struct nlmsghdr *nlh, int svc_af,
    struct ipvs_dest *d);
int ipvs_decode_daemon(const struct nlmsghdr *nlh, struct ipvs_daemon *d);
int ipvs_decode_info(const struct nlmsghdr *nlh, struct ipvs_info *info);
/* GET_CONFIG reply or SET_CONFIG request. */
int ipvs_decode_timeouts(const struct nlmsghdr *nlh, struct ipvs_timeouts *t);

/* The netmask the kernel uses for netmask 0 (see above). */
uint32_t ipvs_default_netmask(int af);

#endif
