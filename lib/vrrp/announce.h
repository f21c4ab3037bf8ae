/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The frames a new master sends so that neighbours move the virtual
 * addresses to its MAC: a gratuitous ARP request (sender = target = VIP,
 * RFC 5227 "ARP announcement", as keepalived and FRR) and an unsolicited
 * IPv6 Neighbour Advertisement (override flag, target link-layer address).
 * Pure: the engine writes the frames to an AF_PACKET socket.
 */
#ifndef LVSD_VRRP_ANNOUNCE_H
#define LVSD_VRRP_ANNOUNCE_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VRRP_GARP_FRAME_LEN 42   /* Ethernet 14 + ARP 28 */
#define VRRP_NA_FRAME_LEN 86     /* Ethernet 14 + IPv6 40 + NA 24 + opt 8 */

/* Ethernet broadcast, ARP request, SHA = mac, SPA = TPA = vip,
 * THA = broadcast. */
size_t vrrp_garp_frame(uint8_t *buf, const uint8_t mac[6],
    const struct in_addr *vip);

/* Ethernet to 33:33:00:00:00:01, IPv6 vip -> ff02::1 hop limit 255,
 * ICMPv6 NA with O=1, S=0, R=router, target vip, TLLA option = mac. */
size_t vrrp_na_frame(uint8_t *buf, const uint8_t mac[6],
    const struct in6_addr *vip, bool router);

#endif
