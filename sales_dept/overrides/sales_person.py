"""Sales Person: a team (group node) may name a team leader from among its members."""

import frappe
from frappe import _

from sales_dept.rules.org import (
	LEADER_DISABLED,
	LEADER_IS_GROUP,
	LEADER_NOT_A_GROUP,
	LEADER_OUTSIDE_TEAM,
	LEADER_UNKNOWN,
	OrgChart,
	OrgNode,
)
from sales_dept.services.org import get_org_chart


def _leader_messages() -> dict[str, str]:
	return {
		LEADER_NOT_A_GROUP: _("Only a team (a group Sales Person) can have a team leader."),
		LEADER_UNKNOWN: _("Team leader {0} is not a Sales Person."),
		LEADER_IS_GROUP: _("Team leader {0} is a team; choose a salesperson."),
		LEADER_DISABLED: _("Team leader {0} is disabled."),
		LEADER_OUTSIDE_TEAM: _("Team leader {0} is not a member of team {1}."),
	}


def validate(doc, method=None):
	if not doc.get("sd_team_leader"):
		return
	if not doc.is_group:
		doc.sd_team_leader = None
		return
	nodes = dict(get_org_chart().nodes)
	nodes[doc.name] = OrgNode(
		name=doc.name,
		parent=doc.parent_sales_person or None,
		is_group=True,
		enabled=bool(doc.enabled),
		team_leader=doc.sd_team_leader,
	)
	problem = OrgChart(nodes.values()).leader_problem(doc.name, doc.sd_team_leader)
	if problem:
		frappe.throw(
			_leader_messages()[problem].format(frappe.bold(doc.sd_team_leader), frappe.bold(doc.name)),
			title=_("Invalid Team Leader"),
		)
