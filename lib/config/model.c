// SPDX-License-Identifier: GPL-2.0-or-later
/* Look-ups and names over a loaded configuration, for the engines. */
#include "config.h"

#include <netinet/in.h>
#include <string.h>

#include "config/config.h"
#include "config/parser.h"

const struct cfg_vrrp_instance *
config_find_instance(const struct lvsd_config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->n_vrrp_instances; i++)
		if (strcmp(cfg->vrrp_instances[i].name, name) == 0)
			return &cfg->vrrp_instances[i];
	return NULL;
}

static const char *
proto_name(uint16_t proto)
{
	switch (proto) {
	case IPPROTO_TCP: return "tcp";
	case IPPROTO_UDP: return "udp";
	case IPPROTO_SCTP: return "sctp";
	default: return "?";
	}
}

void
config_vs_key(const struct cfg_virtual_server *vs, char *buf, size_t len)
{
	char ap[INET6_ADDRSTRLEN + 8];

	if (vs->group_name != NULL) {
		snprintf(buf, len, "group %s/%s", vs->group_name,
		    proto_name(vs->protocol));
		return;
	}
	if (vs->is_fwmark) {
		snprintf(buf, len, "fwmark %u/%s", vs->fwmark,
		    vs->af == AF_INET6 ? "inet6" : "inet");
		return;
	}
	addr_port_to_string(&vs->addr, vs->port, ap, sizeof(ap));
	snprintf(buf, len, "%s/%s", ap, proto_name(vs->protocol));
}
