"""Workflows sales_dept seeds once (insert if missing): admins may edit them and keep their edits.

"Visit Plan Approval" (rulebook R23-R25): the salesperson submits the week's plan for approval before the
weekly meeting; their team leader or a sales manager approves it (the plan is then submitted and frozen)
or returns it with a comment. The roles are read from Sales Dept Settings when the workflow is seeded.
"""

import frappe

from sales_dept.services.settings import get_settings
from sales_dept.setup.custom_fields import MODULE


def _(text: str) -> str:
	"""Marks a string for translation extraction; stored in English, translated on display."""
	return text


VISIT_PLAN_WORKFLOW = _("Visit Plan Approval")
VISIT_PLAN_DOCTYPE = "Visit Plan"
STATE_FIELD = "workflow_state"

DRAFT, PENDING, APPROVED, RETURNED = _("Draft"), _("Pending Approval"), _("Approved"), _("Sent Back")
SUBMIT_FOR_APPROVAL, APPROVE, RETURN = _("Submit for Approval"), _("Approve"), _("Send Back")

# Workflow State records (name -> indicator style), created when missing.
STATE_STYLES = {DRAFT: "", PENDING: "Warning", APPROVED: "Success", RETURNED: "Danger"}


def visit_plan_workflow(settings=None) -> dict:
	"""The workflow as a document dict, with the roles of the settings."""
	settings = settings or get_settings()
	salesperson, leader, manager = (
		settings.salesperson_role,
		settings.team_leader_role,
		settings.sales_manager_role,
	)
	approvers = [role for role in dict.fromkeys((leader, manager)) if role]

	def state(name, docstatus, role):
		return {"state": name, "doc_status": str(docstatus), "allow_edit": role}

	states = [state(DRAFT, 0, salesperson)]
	states += [state(PENDING, 0, role) for role in approvers]
	states += [state(APPROVED, 1, role) for role in approvers]
	states += [state(RETURNED, 0, salesperson)]

	def transition(current, action, following, role, self_approval=0):
		return {
			"state": current,
			"action": action,
			"next_state": following,
			"allowed": role,
			"allow_self_approval": self_approval,
		}

	# The salesperson who made the plan hands it in ("self approval" in Frappe's terms); nobody decides
	# on a plan they made.
	transitions = [
		transition(DRAFT, SUBMIT_FOR_APPROVAL, PENDING, salesperson, self_approval=1),
		transition(RETURNED, SUBMIT_FOR_APPROVAL, PENDING, salesperson, self_approval=1),
	]
	transitions += [transition(PENDING, APPROVE, APPROVED, role) for role in approvers]
	transitions += [transition(PENDING, RETURN, RETURNED, role) for role in approvers]
	return {
		"doctype": "Workflow",
		"workflow_name": VISIT_PLAN_WORKFLOW,
		"document_type": VISIT_PLAN_DOCTYPE,
		"is_active": 1,
		"send_email_alert": 0,
		"workflow_state_field": STATE_FIELD,
		"states": states,
		"transitions": transitions,
	}


def make_visit_plan_workflow() -> str:
	"""Insert the "Visit Plan Approval" workflow, with its states and actions, unless it exists; make
	sure its state field is on Visit Plan (tagged with our module, so uninstalling removes it)."""
	if frappe.db.exists("Workflow", VISIT_PLAN_WORKFLOW):
		frappe.get_doc("Workflow", VISIT_PLAN_WORKFLOW).create_custom_field_for_workflow_state()
		_tag_state_field()
		return VISIT_PLAN_WORKFLOW
	for name, style in STATE_STYLES.items():
		if not frappe.db.exists("Workflow State", name):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": name, "style": style}).insert(
				ignore_permissions=True
			)
	for action in (SUBMIT_FOR_APPROVAL, APPROVE, RETURN):
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
				ignore_permissions=True
			)
	frappe.get_doc(visit_plan_workflow()).insert(ignore_permissions=True)
	_tag_state_field()
	return VISIT_PLAN_WORKFLOW


def _tag_state_field():
	"""The Custom Field the Workflow created for its state, tagged with our module if it is untagged."""
	name = frappe.db.get_value(
		"Custom Field", {"dt": VISIT_PLAN_DOCTYPE, "fieldname": STATE_FIELD, "module": ("is", "not set")}
	)
	if name:
		frappe.db.set_value("Custom Field", name, "module", MODULE, update_modified=False)
