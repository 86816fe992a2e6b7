"""Workflows sales_dept seeds once (insert if missing): admins may edit them and keep their edits.

"Visit Plan Approval" (rulebook R23-R25): the salesperson submits the week's plan for approval before the
weekly meeting; their team leader or a sales manager approves it (the plan is then submitted and frozen)
or returns it with a comment.

"Price Exception Approval" (rulebook R9): a request is submitted Pending; a holder of the request's approver
role or a more senior one approves or rejects it (one transition per role, its condition naming the approver
roles it covers). Entering Approved or Rejected sets the request's status, which is what the controller
and the rest of the app read, so an admin may add steps (finance, say) or rename actions.

The roles are read from Sales Dept Settings when a workflow is seeded. The controllers enforce what no
edit of a workflow may skip (who decides, never one's own document)."""

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


def transition(current, action, following, role, condition=None, self_approval=0) -> dict:
	"""A Workflow Transition row (`condition`: a Python expression on `doc`, or None)."""
	row = {
		"state": current,
		"action": action,
		"next_state": following,
		"allowed": role,
		"allow_self_approval": self_approval,
	}
	if condition:
		row["condition"] = condition
	return row


def status_states(name: str, docstatus: int, roles, status: str, **properties) -> list[dict]:
	"""Workflow Document State rows of one state, one per role that may edit in it; entering the state sets
	the document's `status` (what the controllers read, whatever the state is renamed to). `properties`:
	more of the row's fields (avoid_status_override...)."""
	return [
		{
			"state": name,
			"doc_status": str(docstatus),
			"allow_edit": role,
			"update_field": "status",
			"update_value": status,
			**properties,
		}
		for role in roles
	]


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


def make_workflow(definition: dict, state_styles: dict[str, str], actions: tuple[str, ...]) -> bool:
	"""Insert a workflow with its states and actions unless one of that name exists; True if inserted."""
	if frappe.db.exists("Workflow", definition["workflow_name"]):
		return False
	for name, style in state_styles.items():
		if not frappe.db.exists("Workflow State", name):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": name, "style": style}).insert(
				ignore_permissions=True
			)
	for action in actions:
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
				ignore_permissions=True
			)
	frappe.get_doc(definition).insert(ignore_permissions=True)
	return True


def make_visit_plan_workflow() -> str:
	"""Insert the "Visit Plan Approval" workflow, with its states and actions, unless it exists; make
	sure its state field is on Visit Plan (tagged with our module, so uninstalling removes it)."""
	if not make_workflow(visit_plan_workflow(), STATE_STYLES, (SUBMIT_FOR_APPROVAL, APPROVE, RETURN)):
		frappe.get_doc("Workflow", VISIT_PLAN_WORKFLOW).create_custom_field_for_workflow_state()
	_tag_state_field()
	return VISIT_PLAN_WORKFLOW


# Price Exception Approval
# ------------------------

PRICE_EXCEPTION_WORKFLOW = _("Price Exception Approval")
PRICE_EXCEPTION_DOCTYPE = "Price Exception Request"
# The states are named as the request's statuses they set.
PE_DRAFT, PE_PENDING, PE_APPROVED, PE_REJECTED, PE_CANCELLED = (
	_("Draft"),
	_("Pending"),
	_("Approved"),
	_("Rejected"),
	_("Cancelled"),
)
REJECT = _("Reject")
PE_STATE_STYLES = {
	PE_DRAFT: "",
	PE_PENDING: "Warning",
	PE_APPROVED: "Success",
	PE_REJECTED: "Danger",
	PE_CANCELLED: "Inverse",
}


def price_exception_workflow(settings=None) -> dict:
	"""The workflow as a document dict, with the roles of the settings, least senior first."""
	settings = settings or get_settings()
	seniority = [
		role
		for role in dict.fromkeys(
			(
				settings.salesperson_role,
				settings.team_leader_role,
				settings.sales_manager_role,
				settings.leadership_role,
			)
		)
		if role
	]
	deciders = seniority[1:] or seniority

	states = status_states(PE_DRAFT, 0, [settings.salesperson_role], "Draft")
	for name, docstatus in ((PE_PENDING, 1), (PE_APPROVED, 1), (PE_REJECTED, 1), (PE_CANCELLED, 2)):
		states += status_states(name, docstatus, deciders, name)

	transitions = [
		transition(PE_DRAFT, SUBMIT_FOR_APPROVAL, PE_PENDING, settings.salesperson_role, self_approval=1)
	]
	for role in deciders:
		# A holder of `role` decides requests whose approver role is `role` or a less senior one.
		covered = seniority[: seniority.index(role) + 1]
		condition = f"doc.approver_role in {covered!r}"
		transitions += [
			transition(PE_PENDING, action, following, role, condition)
			for action, following in ((APPROVE, PE_APPROVED), (REJECT, PE_REJECTED))
		]
	return {
		"doctype": "Workflow",
		"workflow_name": PRICE_EXCEPTION_WORKFLOW,
		"document_type": PRICE_EXCEPTION_DOCTYPE,
		"is_active": 1,
		"send_email_alert": 0,
		"workflow_state_field": STATE_FIELD,
		"states": states,
		"transitions": transitions,
	}


def make_price_exception_workflow() -> str:
	"""Insert the "Price Exception Approval" workflow unless it exists; requests made before it have
	their state set from their status."""
	make_workflow(price_exception_workflow(), PE_STATE_STYLES, (SUBMIT_FOR_APPROVAL, APPROVE, REJECT))
	request = frappe.qb.DocType(PRICE_EXCEPTION_DOCTYPE)
	(
		frappe.qb.update(request)
		.set(request.workflow_state, request.status)
		.where(request.workflow_state.isnull() | (request.workflow_state == ""))
		.run()
	)
	return PRICE_EXCEPTION_WORKFLOW


def _tag_state_field():
	"""The Custom Field the Workflow created for its state, tagged with our module if it is untagged."""
	name = frappe.db.get_value(
		"Custom Field", {"dt": VISIT_PLAN_DOCTYPE, "fieldname": STATE_FIELD, "module": ("is", "not set")}
	)
	if name:
		frappe.db.set_value("Custom Field", name, "module", MODULE, update_modified=False)


# Bid Review Approval (rulebook R27-R29)
# ------------------------------------

BID_REVIEW_WORKFLOW = _("Bid Review Approval")
BID_REVIEW_DOCTYPE = "Bid Review"
# States, named as the statuses they set, and the two leadership steps (which keep the status).
BID_DRAFT, BID_GO_NO_GO, BID_IN_REVIEW, BID_SENT_BACK = (
	_("Draft"),
	_("Go/No-Go"),
	_("In Review"),
	_("Sent Back"),
)
BID_FINAL, BID_APPROVED, BID_DECLINED = _("Final Approval"), _("Approved"), _("Declined")
BID_LEADERSHIP_GO, BID_LEADERSHIP_FINAL = _("Leadership Go/No-Go"), _("Leadership Approval")
SUBMIT_FOR_GO_NO_GO, PARTICIPATE, DECLINE = _("Submit for Go/No-Go"), _("Participate"), _("Decline")
REQUEST_FINAL_APPROVAL, REVISE, RESUBMIT = _("Request Final Approval"), _("Revise"), _("Resubmit for Review")
BID_STATE_STYLES = {
	BID_DRAFT: "",
	BID_GO_NO_GO: "Warning",
	BID_LEADERSHIP_GO: "Warning",
	BID_IN_REVIEW: "Primary",
	BID_SENT_BACK: "Danger",
	BID_FINAL: "Warning",
	BID_LEADERSHIP_FINAL: "Warning",
	BID_APPROVED: "Success",
	BID_DECLINED: "Inverse",
}
BID_ACTIONS = (
	SUBMIT_FOR_GO_NO_GO,
	PARTICIPATE,
	DECLINE,
	REQUEST_FINAL_APPROVAL,
	REVISE,
	RESUBMIT,
	APPROVE,
	RETURN,
)


def bid_review_workflow(settings=None) -> dict:
	"""The workflow as a document dict, with the roles of the settings. A major bid (`doc.is_major`) goes
	through leadership at go/no-go and at final approval; the controller checks it whatever this says."""
	settings = settings or get_settings()
	salesperson, manager, leadership = (
		settings.salesperson_role,
		settings.sales_manager_role,
		settings.leadership_role,
	)
	reviewers = [
		role
		for role in dict.fromkeys(
			(settings.technical_reviewer_role, settings.purchasing_reviewer_role, manager)
		)
		if role
	]
	deciders = [role for role in dict.fromkeys((manager, leadership)) if role]

	states = status_states(BID_DRAFT, 0, [salesperson], "Draft")
	states += status_states(BID_GO_NO_GO, 0, deciders, "Go/No-Go")
	states += status_states(BID_LEADERSHIP_GO, 0, [leadership], "Go/No-Go")
	states += status_states(BID_IN_REVIEW, 0, reviewers, "In Review")
	states += status_states(BID_SENT_BACK, 0, [salesperson], "Sent Back")
	states += status_states(BID_FINAL, 0, deciders, "Final Approval")
	states += status_states(BID_LEADERSHIP_FINAL, 0, [leadership], "Final Approval")
	# An approved bid's list indicator is its outcome once there is one (bid_review_list.js): the state does
	# not override the status there ("Don't Override Status").
	states += status_states(BID_APPROVED, 1, deciders, "Approved", avoid_status_override=1)
	states += status_states(BID_DECLINED, 1, deciders, "Declined")

	major, minor = "doc.is_major", "not doc.is_major"
	transitions = [
		transition(BID_DRAFT, SUBMIT_FOR_GO_NO_GO, BID_GO_NO_GO, salesperson, self_approval=1),
		transition(BID_GO_NO_GO, PARTICIPATE, BID_IN_REVIEW, manager, minor),
		transition(BID_GO_NO_GO, PARTICIPATE, BID_LEADERSHIP_GO, manager, major),
		transition(BID_GO_NO_GO, PARTICIPATE, BID_IN_REVIEW, leadership),
		transition(BID_LEADERSHIP_GO, PARTICIPATE, BID_IN_REVIEW, leadership),
		transition(BID_IN_REVIEW, REQUEST_FINAL_APPROVAL, BID_FINAL, salesperson, self_approval=1),
		transition(BID_IN_REVIEW, REVISE, BID_SENT_BACK, salesperson, self_approval=1),
		transition(BID_SENT_BACK, RESUBMIT, BID_IN_REVIEW, salesperson, self_approval=1),
		transition(BID_FINAL, APPROVE, BID_APPROVED, manager, minor),
		transition(BID_FINAL, APPROVE, BID_LEADERSHIP_FINAL, manager, major),
		transition(BID_FINAL, APPROVE, BID_APPROVED, leadership),
		transition(BID_LEADERSHIP_FINAL, APPROVE, BID_APPROVED, leadership),
	]
	for role in deciders:
		transitions += [
			transition(BID_GO_NO_GO, DECLINE, BID_DECLINED, role),
			transition(BID_FINAL, RETURN, BID_SENT_BACK, role),
		]
	transitions += [
		transition(BID_LEADERSHIP_GO, DECLINE, BID_DECLINED, leadership),
		transition(BID_LEADERSHIP_FINAL, RETURN, BID_SENT_BACK, leadership),
		transition(BID_IN_REVIEW, RETURN, BID_SENT_BACK, manager),
	]
	return {
		"doctype": "Workflow",
		"workflow_name": BID_REVIEW_WORKFLOW,
		"document_type": BID_REVIEW_DOCTYPE,
		"is_active": 1,
		"send_email_alert": 0,
		"workflow_state_field": STATE_FIELD,
		"states": states,
		"transitions": transitions,
	}


def make_bid_review_workflow() -> str:
	"""Insert the "Bid Review Approval" workflow unless it exists."""
	make_workflow(bid_review_workflow(), BID_STATE_STYLES, BID_ACTIONS)
	return BID_REVIEW_WORKFLOW


def show_bid_outcomes():
	"""Patch for sites whose "Bid Review Approval" was seeded before approved bids showed their outcome in the
	list: its states that approve a bid stop overriding the list's status indicator (once; an admin's later
	edit stays)."""
	state = frappe.qb.DocType("Workflow Document State")
	(
		frappe.qb.update(state)
		.set(state.avoid_status_override, 1)
		.where(
			(state.parenttype == "Workflow")
			& (state.parent == BID_REVIEW_WORKFLOW)
			& (state.update_field == "status")
			& (state.update_value == "Approved")
		)
		.run()
	)
	frappe.clear_cache(doctype=BID_REVIEW_DOCTYPE)


# Penalty Record Approval and Reward Record Approval (rulebook R2, R12, R13)
# ----------------------------------------------------------------------------

PENALTY_WORKFLOW = _("Penalty Record Approval")
PENALTY_DOCTYPE = "Penalty Record"
REWARD_WORKFLOW = _("Reward Record Approval")
REWARD_DOCTYPE = "Reward Record"
# States, named as the statuses they set.
CONDUCT_PENDING = _("Pending Leadership")
ACKNOWLEDGED, APPEALED, UPHELD, REVOKED, DISMISSED = (
	_("Acknowledged"),
	_("Appealed"),
	_("Upheld"),
	_("Revoked"),
	_("Dismissed"),
)
DISMISS, ACKNOWLEDGE, APPEAL, UPHOLD, REVOKE, CANCEL = (
	_("Dismiss"),
	_("Acknowledge"),
	_("Appeal"),
	_("Uphold"),
	_("Revoke"),
	_("Cancel"),
)
CONDUCT_STATE_STYLES = {
	DRAFT: "",
	CONDUCT_PENDING: "Warning",
	APPROVED: "Success",
	ACKNOWLEDGED: "Success",
	APPEALED: "Warning",
	UPHELD: "Success",
	REVOKED: "Inverse",
	DISMISSED: "Inverse",
	PE_REJECTED: "Danger",
	PE_CANCELLED: "Inverse",
}
PENALTY_ACTIONS = (APPROVE, DISMISS, RETURN, ACKNOWLEDGE, APPEAL, UPHOLD, REVOKE, CANCEL)
REWARD_ACTIONS = (APPROVE, REJECT, RETURN, CANCEL)


def _conduct_roles(settings) -> tuple[list[str], list[str], str, str]:
	"""(roles that propose, roles of the person concerned, manager role, leadership role)."""
	manager, leadership = settings.sales_manager_role, settings.leadership_role
	proposers = [role for role in dict.fromkeys((settings.team_leader_role, manager, leadership)) if role]
	persons = [role for role in dict.fromkeys((settings.salesperson_role, settings.team_leader_role)) if role]
	return proposers, persons, manager, leadership


def _approvals(manager: str, leadership: str) -> list[dict]:
	"""Draft → Approve: the manager's approval ends the matter, or goes on to leadership when the record needs
	it; leadership's own approval ends it. (The controller checks who may, whatever this says; every step
	here allows "self approval", the record's owner being whoever filed it, not the person concerned.)"""
	return [
		transition(DRAFT, APPROVE, APPROVED, manager, "not doc.needs_leadership", 1),
		transition(DRAFT, APPROVE, CONDUCT_PENDING, manager, "doc.needs_leadership", 1),
		transition(DRAFT, APPROVE, APPROVED, leadership, None, 1),
		transition(CONDUCT_PENDING, APPROVE, APPROVED, leadership, None, 1),
		transition(CONDUCT_PENDING, RETURN, DRAFT, leadership, None, 1),
	]


def _cancels(states: tuple[str, ...], manager: str, leadership: str) -> list[dict]:
	rows = []
	for state in states:
		rows += [
			transition(state, CANCEL, PE_CANCELLED, manager, "not doc.needs_leadership", 1),
			transition(state, CANCEL, PE_CANCELLED, leadership, None, 1),
		]
	return rows


def _conduct_workflow(name: str, doctype: str, states: list[dict], transitions: list[dict]) -> dict:
	return {
		"doctype": "Workflow",
		"workflow_name": name,
		"document_type": doctype,
		"is_active": 1,
		"send_email_alert": 0,
		"workflow_state_field": STATE_FIELD,
		"states": states,
		"transitions": transitions,
	}


def penalty_record_workflow(settings=None) -> dict:
	"""Draft → Approved (or Pending Leadership → Approved) → Acknowledged, or Appealed → Upheld / Revoked;
	Dismissed from a draft; Cancelled with a reason. Each state sets the record's status."""
	settings = settings or get_settings()
	proposers, persons, manager, leadership = _conduct_roles(settings)
	deciders = [role for role in dict.fromkeys((manager, leadership)) if role]
	states = status_states(DRAFT, 0, proposers, "Draft")
	states += status_states(CONDUCT_PENDING, 0, [leadership], "Pending Leadership")
	for state, docstatus in (
		(APPROVED, 1),
		(ACKNOWLEDGED, 1),
		(APPEALED, 1),
		(UPHELD, 1),
		(REVOKED, 1),
		(DISMISSED, 1),
		(PE_CANCELLED, 2),
	):
		states += status_states(state, docstatus, deciders, state)
	transitions = _approvals(manager, leadership)
	transitions += [transition(DRAFT, DISMISS, DISMISSED, role, None, 1) for role in deciders]
	transitions.append(transition(CONDUCT_PENDING, DISMISS, DISMISSED, leadership, None, 1))
	for role in persons:
		transitions += [
			transition(APPROVED, ACKNOWLEDGE, ACKNOWLEDGED, role, None, 1),
			transition(APPROVED, APPEAL, APPEALED, role, None, 1),
		]
	transitions += [
		transition(APPEALED, UPHOLD, UPHELD, leadership, None, 1),
		transition(APPEALED, REVOKE, REVOKED, leadership, None, 1),
	]
	transitions += _cancels((APPROVED, ACKNOWLEDGED, UPHELD), manager, leadership)
	return _conduct_workflow(PENALTY_WORKFLOW, PENALTY_DOCTYPE, states, transitions)


def reward_record_workflow(settings=None) -> dict:
	"""Draft → Approved (or Pending Leadership → Approved), or Rejected with a reason; Cancelled with one."""
	settings = settings or get_settings()
	proposers, _persons, manager, leadership = _conduct_roles(settings)
	deciders = [role for role in dict.fromkeys((manager, leadership)) if role]
	states = status_states(DRAFT, 0, proposers, "Draft")
	states += status_states(CONDUCT_PENDING, 0, [leadership], "Pending Leadership")
	for state, docstatus in ((APPROVED, 1), (PE_REJECTED, 1), (PE_CANCELLED, 2)):
		states += status_states(state, docstatus, deciders, state)
	transitions = _approvals(manager, leadership)
	transitions += [transition(DRAFT, REJECT, PE_REJECTED, role, None, 1) for role in deciders]
	transitions.append(transition(CONDUCT_PENDING, REJECT, PE_REJECTED, leadership, None, 1))
	transitions += _cancels((APPROVED,), manager, leadership)
	return _conduct_workflow(REWARD_WORKFLOW, REWARD_DOCTYPE, states, transitions)


def make_conduct_workflows() -> tuple[str, str]:
	"""Insert the "Penalty Record Approval" and "Reward Record Approval" workflows unless they exist."""
	make_workflow(penalty_record_workflow(), CONDUCT_STATE_STYLES, PENALTY_ACTIONS)
	make_workflow(reward_record_workflow(), CONDUCT_STATE_STYLES, REWARD_ACTIONS)
	return PENALTY_WORKFLOW, REWARD_WORKFLOW
