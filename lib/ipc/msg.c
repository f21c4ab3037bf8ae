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
	case IPC_STATUS_QUERY:
		return "STATUS_QUERY";
	case IPC_CMD_RS_DRAIN_SET:
		return "CMD_RS_DRAIN_SET";
	case IPC_CMD_VRRP_RELEASE:
		return "CMD_VRRP_RELEASE";
	case IPC_CMD_VRRP_RESUME:
		return "CMD_VRRP_RESUME";
	case IPC_STATUS_PART:
		return "STATUS_PART";
	case IPC_STATUS_END:
		return "STATUS_END";
	case IPC_CMD_DONE:
		return "CMD_DONE";
	case IPC_CTL_STATUS:
		return "CTL_STATUS";
	case IPC_CTL_RELOAD:
		return "CTL_RELOAD";
	case IPC_CTL_CHECK:
		return "CTL_CHECK";
	case IPC_CTL_EVENTS:
		return "CTL_EVENTS";
	case IPC_CTL_RS_DRAIN:
		return "CTL_RS_DRAIN";
	case IPC_CTL_RS_ENABLE:
		return "CTL_RS_ENABLE";
	case IPC_CTL_VRRP_RELEASE:
		return "CTL_VRRP_RELEASE";
	case IPC_CTL_VRRP_RESUME:
		return "CTL_VRRP_RESUME";
	case IPC_CTL_REPLY_PART:
		return "CTL_REPLY_PART";
	case IPC_CTL_REPLY:
		return "CTL_REPLY";
	case IPC_CTL_EVENT:
		return "CTL_EVENT";
	}
	return "unknown";
}
