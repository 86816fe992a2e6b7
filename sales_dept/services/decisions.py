"""Decisions taken through an approval workflow (price exception requests, visit plans): one at a time,
each with the decider's own comment.

A decision from the desk or the API goes through `decide_once`: it locks the document's row, re-reads its
workflow state and refuses when someone else decided in the meantime, then applies the workflow action
with the comment, which the controller reads back with `decision_comment`. Frappe's own paths (the list's
bulk actions, `apply_workflow`) are serialised by Frappe's modified-timestamp check, which also locks the
row; their decisions carry no comment."""

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow, get_transitions, get_workflow

COMMENTS_FLAG = "sd_decision_comments"


def decide_once(doc, action: str, comment: str | None = None, seen_state: str | None = None):
	"""Apply the workflow `action` to `doc` unless its state changed since the decider saw it (`seen_state`, the
	state their page showed; else the state `doc` was loaded in); returns the doc."""
	state_field = get_workflow(doc.doctype).workflow_state_field
	seen = seen_state or doc.get(state_field)
	try:
		now = frappe.db.get_value(doc.doctype, doc.name, state_field, for_update=True)
	except frappe.QueryDeadlockError:
		# MariaDB 11.6+ (snapshot isolation) refuses to lock a row changed since this transaction's first
		# read instead of returning the new state: someone decided meanwhile.
		now = None
	if now != seen:
		frappe.throw(
			_("{0} {1} was decided meanwhile ({2}); nothing was changed.").format(
				_(doc.doctype), doc.name, _(now) if now else _("reload it to see how")
			),
			title=_("Already Decided"),
		)
	if action not in {t.action for t in get_transitions(doc)}:
		frappe.throw(
			_("{0} is not an action you can take on {1} {2} now ({3}).").format(
				_(action), _(doc.doctype), doc.name, _(seen or "")
			),
			frappe.PermissionError,
			title=_("Not Allowed"),
		)
	flag = frappe.flags.setdefault(COMMENTS_FLAG, {})
	flag[(doc.doctype, doc.name)] = (comment or "").strip()
	try:
		return apply_workflow(doc, action)
	finally:
		flag.pop((doc.doctype, doc.name), None)


def decision_comment(doc) -> str:
	"""The comment given with the decision being applied to `doc` (empty when none was given)."""
	return (frappe.flags.get(COMMENTS_FLAG) or {}).get((doc.doctype, doc.name)) or ""


def action_leading_to(doc, fieldname: str, value: str) -> str | None:
	"""The workflow action open to the current user on `doc` whose next state sets `fieldname` to
	`value` (e.g. the request's status to Approved), whatever an admin renamed it to."""
	workflow = get_workflow(doc.doctype)
	states = {s.state for s in workflow.states if s.update_field == fieldname and s.update_value == value}
	return next((t.action for t in get_transitions(doc, workflow) if t.next_state in states), None)


def take_workflow_action(
	doctype: str, name: str, action: str, comment: str | None = None, state: str | None = None
) -> dict:
	"""What each decided doctype's whitelisted `take_workflow_action` does: the current user, with read
	permission on the document, takes `action` with `comment`; returns the status it ends in. `state`: the
	workflow state the decider's page showed, so that a decision taken by someone else since (a second
	before or an hour) is refused as decided meanwhile rather than as an action one cannot take."""
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("read")
	decide_once(doc, action, comment, state)
	doc.reload()
	return {"status": doc.get("status"), "workflow_state": doc.get("workflow_state")}


# What the desk offers
# --------------------
# Frappe offers a workflow's transitions by role only. The controllers of our decided doctypes say, with
# `may_take_transition(transition)`, which of them the current user may really take (never the requester,
# only in the line of oversight...), so the form's Actions menu and the list's bulk actions offer no action
# that would then be refused. (hooks: override_whitelisted_methods)


@frappe.whitelist()
def offered_transitions(doc, workflow=None, raise_exception=False) -> list[dict]:
	"""frappe.model.workflow.get_transitions, without the transitions the controller would refuse."""
	from frappe.model.document import Document

	if not isinstance(doc, Document):
		doc = frappe.get_doc(frappe.parse_json(doc))
		doc.load_from_db()
	transitions = get_transitions(doc, workflow, raise_exception)
	may_take = getattr(doc, "may_take_transition", None)
	return [t for t in transitions if not may_take or may_take(t)]


@frappe.whitelist()
def offered_common_actions(docs, doctype) -> list[str]:
	"""frappe.model.workflow.get_common_transition_actions (the list's bulk actions), filtered the same way."""
	from frappe.model.workflow import WorkflowStateError, has_approval_access

	common = None
	for entry in frappe.parse_json(docs):
		entry.setdefault("doctype", doctype)
		try:
			actions = {
				t.get("action")
				for t in offered_transitions(entry, raise_exception=True)
				if has_approval_access(frappe.session.user, entry, t)
			}
		except WorkflowStateError:
			return []
		common = actions if common is None else common & actions
		if not common:
			return []
	return sorted(common or [])
