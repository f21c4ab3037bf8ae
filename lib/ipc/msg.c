// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include "ipc/msg.h"

const char *
ipc_msg_name(uint16_t type)
{
	switch ((enum ipc_msg_type)type) {
	case IPC_MSG_NONE:
		return "NONE";
	case IPC_CFG_BEGIN:
		return "CFG_BEGIN";
	case IPC_CFG_CHUNK:
		return "CFG_CHUNK";
	case IPC_CFG_END:
		return "CFG_END";
	case IPC_STOP:
		return "STOP";
	case IPC_PING:
		return "PING";
	case IPC_CFG_APPLIED:
		return "CFG_APPLIED";
	case IPC_CFG_FAILED:
		return "CFG_FAILED";
	case IPC_PONG:
		return "PONG";
	case IPC_EVT_VRRP_STATE:
		return "EVT_VRRP_STATE";
	case IPC_EVT_RS_STATE:
		return "EVT_RS_STATE";
	case IPC_EVT_VS_STATE:
		return "EVT_VS_STATE";
	case IPC_EVT_IPVS_REPAIR:
		return "EVT_IPVS_REPAIR";
	}
	return "unknown";
}
