"""Conduct adapter (rulebook R2, R8, R10-R14): the rules in force and their versions, who reaches which penalty
and reward records (hooks `has_permission` and `permission_query_conditions`), the ladder's proposal for a
record, and what the Penalty Record and Reward Record controllers share: whose record it is, who may take
each step of its workflow (whatever the workflow says), what a step records and whom it tells.

The decisions are `sales_dept.rules.conduct`'s; this module reads the records and the settings for them."""

import json
from dataclasses import dataclass, replace
from datetime import date

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.workflow import get_workflow_name
from frappe.query_builder import DocType
from frappe.query_builder.terms import ValueWrapper
from frappe.utils import cint, flt, getdate, now_datetime
from pypika.terms import Criterion

from sales_dept.compat import NO_OBJECTION
from sales_dept.rules.conduct import (
	APPROVED,
	CANCELLED,
	COMMENT_MISSING,
	DRAFT,
	IN_FORCE,
	NEEDS_LEADERSHIP,
	NOT_A_DECIDER,
	NOT_A_STEP,
	NOT_YOURS,
	OWN_RECORD,
	OWN_VERSION,
	PENALTY_SHOWN_TO_PERSON,
	PENALTY_STEPS,
	PENDING_LEADERSHIP,
	PROPOSED,
	REWARD_SHOWN_TO_PERSON,
	STANDING,
	SUPERSEDED,
	VERSION_APPROVED,
	VERSION_REJECTED,
	WITHDRAWN,
	Actor,
	LadderStep,
	RuleTerms,
	Viewer,
	awaits_decision_of,
	changed_terms,
	in_window,
	may_see,
	rule_state,
	step_problem,
	steps_needing_comment,
	version_decision_problem,
)
from sales_dept.rules.robots import DECIDED, WAITING_FOR_YOU
from sales_dept.services.decisions import decision_comment
from sales_dept.services.notify import notify_role, notify_users
from sales_dept.services.org import get_org_chart, oversight_of, sales_person_of
from sales_dept.services.robots import Push
from sales_dept.services.settings import get_settings, is_administrator, is_enabled, setting

RULE, VERSION = "Conduct Rule", "Conduct Rule Version"
PENALTY, REWARD = "Penalty Record", "Reward Record"

# A Conduct Rule's "Capability" (what its control needs switched on) -> services.settings capability.
CAPABILITY_KEYS = {
	"Price Policy": "pricing_policy",
	"Visit Plans": "visit_plans",
	"Bid Review": "bid_review",
	"Scorecards": "scorecards",
	"Conduct Records": "conduct",
}

# The fields of a Conduct Rule that make up its content: an edit of any of them is a new version, in force
# only once leadership approves it (R14). How the app enforces the rule (control, links, detection) is not
# the rulebook's text and changes freely.
GOVERNED_FIELDS = (
	"article",
	"title",
	"title_zh",
	"category",
	"text_zh",
	"text_en",
	"enabled",
	"breakable",
	"window_days",
	"max_fine",
)
LADDER_FIELDS = ("offence", "action", "fine_amount", "suspension_days")


# Settings
# --------


def fine_threshold() -> float:
	"""Fines above this need leadership (Sales Dept Settings "Fine Needing Leadership"; 0: never)."""
	return flt(setting("fine_needing_leadership"))


def reward_threshold() -> float:
	return flt(setting("reward_needing_leadership"))


def hr_role() -> str | None:
	return setting("hr_role")


# Rules and their versions (R14)
# ------------------------------


def rule_content(doc) -> dict:
	"""A rule's governed content as plain values, in a stable shape (what a version stores)."""
	content = {}
	for field in GOVERNED_FIELDS:
		value = doc.get(field)
		if field in ("enabled", "breakable", "window_days"):
			value = cint(value)
		elif field == "max_fine":
			value = flt(value, 2)
		else:
			value = (value or "").strip()
		content[field] = value
	content["ladder"] = sorted(
		(
			{
				"offence": cint(row.get("offence")),
				"action": row.get("action") or "",
				"fine_amount": flt(row.get("fine_amount"), 2),
				"suspension_days": cint(row.get("suspension_days")),
			}
			for row in doc.get("ladder") or []
		),
		key=lambda row: row["offence"],
	)
	return content


def terms_of(content: dict) -> RuleTerms:
	"""The penalty terms of a rule's content (a version's or the working copy's)."""
	return RuleTerms(
		ladder=tuple(
			LadderStep(
				cint(row.get("offence")),
				row.get("action") or "",
				flt(row.get("fine_amount")),
				cint(row.get("suspension_days")),
			)
			for row in content.get("ladder") or []
		),
		window_days=cint(content.get("window_days")),
		max_fine=flt(content.get("max_fine")),
	)


@dataclass(frozen=True)
class InForce:
	"""The approved version of a rule that is in force."""

	rule: str
	version: str
	version_no: int
	content: dict

	@property
	def terms(self) -> RuleTerms:
		return terms_of(self.content)

	@property
	def usable(self) -> bool:
		"""Penalties may be filed under it: enabled, and marked as a rule that can be broken."""
		return bool(self.content.get("enabled")) and bool(self.content.get("breakable"))


def versions_in_force(rules: list[str] | None = None) -> dict[str, InForce]:
	"""{rule: its version in force} of every rule (or of `rules`) that has one, in one query."""
	rule, version = DocType(RULE), DocType(VERSION)
	query = (
		frappe.qb.from_(rule)
		.join(version)
		.on(version.name == rule.version_in_force)
		.select(rule.name, version.name, version.version_no, version.content)
	)
	if rules is not None:
		if not rules:
			return {}
		query = query.where(rule.name.isin(sorted(set(rules))))
	return {
		name: InForce(name, version_name, cint(number), json.loads(content or "{}"))
		for name, version_name, number, content in query.run()
	}


def in_force(rule: str) -> InForce | None:
	return versions_in_force([rule]).get(rule)


def rule_title(content) -> str:
	"""A rule's title as the reader sees it: the rulebook's own Chinese title for a Chinese reader (the English
	one translated where a rule has none), the English title for anyone else (the Chinese one where the rule
	has no English title). `content`: a version's content or a Conduct Rule."""
	chinese, english = (content.get("title_zh") or "").strip(), (content.get("title") or "").strip()
	if reads_chinese():
		return chinese or _(english)
	return _(english) if english else chinese


def reads_chinese() -> bool:
	"""The reader's language is Chinese: the rulebook's own words are theirs."""
	return (frappe.local.lang or "").startswith("zh")


def rule_heading(content, rule: str | None = None) -> str:
	"""How a rule is cited to users: the rulebook's article and the rule's title ("第十二条 按时提交销售报告和
	销售数据"). Our ids (R8) are internal: shown only for a rule with neither article nor title."""
	return " ".join(filter(None, ((content.get("article") or "").strip(), rule_title(content)))) or (
		rule or ""
	)


def rulebook_heading(content) -> str:
	"""A rule's heading as the rulebook writes it, whoever reads it (what a record stores: a penalty's rule, a
	version's title): the article and the Chinese title, the English title for a rule without one."""
	title = (content.get("title_zh") or "").strip() or (content.get("title") or "").strip()
	return " ".join(filter(None, ((content.get("article") or "").strip(), title)))


def heading_of(rule: str) -> str:
	"""The citation of `rule` as its version in force says it (its working copy before it has one)."""
	version = in_force(rule)
	if version:
		return rule_heading(version.content, rule)
	doc = frappe.db.get_value(RULE, rule, ["article", "title", "title_zh"], as_dict=True)
	return rule_heading(doc, rule) if doc else rule


def sync_rule_version(doc, seeded: bool = False):
	"""After a Conduct Rule is saved: a working copy that differs from the version in force becomes (or
	updates) the version waiting for leadership, which stays out of force until approved; one edited back to
	the version in force withdraws the waiting one. A rule seeded from the rulebook is in force as issued."""
	content = rule_content(doc)
	current = in_force(doc.name) if doc.version_in_force else None
	changed = changed_terms(current.content if current else None, content)
	if seeded and not current:
		version = new_version(doc, content, VERSION_APPROVED, changed)
		version.update(
			{
				"decided_by": frappe.session.user,
				"decided_on": now_datetime(),
				"decision_comment": _("The rulebook as issued."),
			}
		)
		version.insert(ignore_permissions=True)
		doc.db_set(
			{"version_in_force": version.name, "pending_version": None, "version_status": IN_FORCE},
			update_modified=False,
		)
		return
	pending = doc.pending_version
	if not changed:
		if pending:
			frappe.db.set_value(VERSION, pending, "status", WITHDRAWN, update_modified=False)
		doc.db_set({"pending_version": None, "version_status": IN_FORCE}, update_modified=False)
		return
	if pending and frappe.db.get_value(VERSION, pending, "status") == PROPOSED:
		version = frappe.get_doc(VERSION, pending)
		version.update(
			{
				"title": rulebook_heading(content),
				"changes": changes_text(changed),
				"content": json.dumps(content, ensure_ascii=False, sort_keys=True),
				"proposed_by": frappe.session.user,
				"proposed_on": now_datetime(),
			}
		)
		version.flags.sd_version_step = True
		version.save(ignore_permissions=True)
	else:
		version = new_version(doc, content, PROPOSED, changed)
		version.insert(ignore_permissions=True)
		notify_role(
			get_settings().leadership_role,
			version,
			lambda: _("Rule {0} was revised: version {1} waits for your approval").format(
				rule_heading(doc, doc.name), version.version_no
			),
			exclude=frappe.session.user,
			push=Push(WAITING_FOR_YOU),
		)
	doc.db_set(
		{"pending_version": version.name, "version_status": rule_state(bool(current), True)},
		update_modified=False,
	)


def changes_text(changed: list[str]) -> str:
	labels = frappe.get_meta(RULE)
	return ", ".join(_(labels.get_label(field)) for field in changed)


def new_version(doc, content: dict, status: str, changed: list[str]):
	number = 1 + cint(
		frappe.db.get_value(VERSION, {"conduct_rule": doc.name}, "version_no", order_by="version_no desc")
	)
	version = frappe.get_doc(
		{
			"doctype": VERSION,
			"conduct_rule": doc.name,
			"version_no": number,
			"status": status,
			"title": rulebook_heading(content),
			"changes": changes_text(changed),
			"content": json.dumps(content, ensure_ascii=False, sort_keys=True),
			"proposed_by": frappe.session.user,
			"proposed_on": now_datetime(),
		}
	)
	version.flags.sd_version_step = True
	return version


def is_leadership(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return is_administrator(user) or get_settings().leadership_role in frappe.get_roles(user)


def decide_rule_version(rule: str, version: str, approve: bool, comment: str | None = None) -> str:
	"""Leadership approves (it comes into force; the one before is superseded) or rejects (the working copy
	goes back to the version in force) the version of `rule` waiting for it. One decision at a time: the
	rule's row is locked and the waiting version re-read."""
	user = frappe.session.user
	waiting = frappe.db.get_value(RULE, rule, "pending_version", for_update=True)
	if waiting != version:
		frappe.throw(
			_(
				"Version {0} of rule {1} is not waiting for a decision (decided meanwhile?); nothing was changed."
			).format(version, rule),
			title=_("Already Decided"),
		)
	proposal = frappe.get_doc(VERSION, version)
	problem = version_decision_problem(
		has_pending=proposal.status == PROPOSED,
		is_leadership=is_leadership(user),
		proposed_by_decider=proposal.proposed_by == user and not is_administrator(user),
	)
	if problem == OWN_VERSION:
		frappe.throw(
			_("You proposed this version: someone else from company leadership approves it."),
			frappe.PermissionError,
			title=_("Not Allowed"),
		)
	if problem == NEEDS_LEADERSHIP:
		frappe.throw(
			_("Only company leadership approves or rejects a rule's new version (rulebook R14)."),
			frappe.PermissionError,
			title=_("Not Allowed"),
		)
	if problem:
		frappe.throw(
			_("Rule {0} has no version waiting for leadership.").format(rule), title=_("Not Allowed")
		)
	if not approve and not (comment or "").strip():
		frappe.throw(_("Say why the version is rejected."), title=_("Comment Missing"))
	doc = frappe.get_doc(RULE, rule)
	proposal.update(
		{
			"status": VERSION_APPROVED if approve else VERSION_REJECTED,
			"decided_by": user,
			"decided_on": now_datetime(),
			"decision_comment": (comment or "").strip() or None,
		}
	)
	proposal.flags.sd_version_step = True
	proposal.save(ignore_permissions=True)
	if approve:
		if doc.version_in_force:
			frappe.db.set_value(VERSION, doc.version_in_force, "status", SUPERSEDED, update_modified=False)
		doc.db_set(
			{"version_in_force": version, "pending_version": None, "version_status": IN_FORCE},
			update_modified=False,
		)
	else:
		current = in_force(rule)
		doc.db_set({"pending_version": None}, update_modified=False)
		if current:
			restore_content(doc, current.content)
		else:
			doc.db_set("version_status", rule_state(False, True), update_modified=False)
	notify_users(
		[proposal.proposed_by],
		proposal,
		lambda: _("Version {0} of rule {1} was {2}").format(
			proposal.version_no,
			rule_heading(doc, rule),
			_(VERSION_APPROVED if approve else VERSION_REJECTED).lower(),
		),
		push=Push(DECIDED, comment=comment),
	)
	doc.add_comment(
		"Comment",
		_("Version {0}: {1}").format(proposal.version_no, _(proposal.status))
		+ (f": {comment.strip()}" if (comment or "").strip() else ""),
	)
	return proposal.status


def restore_content(doc, content: dict):
	"""The working copy of a rule set back to `content` (the version in force)."""
	doc.reload()
	for field in GOVERNED_FIELDS:
		doc.set(field, content.get(field))
	doc.set("ladder", [{key: row.get(key) for key in LADDER_FIELDS} for row in content.get("ladder") or []])
	doc.flags.sd_restoring = True
	doc.save(ignore_permissions=True)


# Who reaches which record (R11)
# ------------------------------


def viewer_of(user: str | None = None) -> Viewer:
	"""Everyone's records for the sales manager and leadership roles, HR (the settings' HR Role) and the
	administrators; a team leader their team's; anyone their own once decided."""
	user = user or frappe.session.user
	oversight = oversight_of(user)
	if is_administrator(user) or oversight.everyone or (hr_role() and hr_role() in frappe.get_roles(user)):
		return Viewer(everyone=True)
	return Viewer(overseen=frozenset(oversight.sales_persons), own=sales_person_of(user))


def shown_to_person(doctype: str) -> tuple[str, ...]:
	"""The statuses in which the person concerned sees their own record."""
	return PENALTY_SHOWN_TO_PERSON if doctype == PENALTY else REWARD_SHOWN_TO_PERSON


def visible_condition(table, doctype: str, viewer: Viewer):
	"""A qb condition keeping the records of `doctype` in `table` that `viewer` may see (None: all)."""
	if viewer.everyone:
		return None
	parts = []
	if viewer.overseen:
		parts.append(table.sales_person.isin(sorted(viewer.overseen)))
	if viewer.own:
		parts.append((table.sales_person == viewer.own) & table.status.isin(list(shown_to_person(doctype))))
	return Criterion.any(parts) if parts else ValueWrapper(1) == 0


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Lists, reports, link fields, search and REST: never a peer's record, nor one's own draft."""
	doctype = doctype or PENALTY
	condition = visible_condition(DocType(doctype), doctype, viewer_of(user))
	return "" if condition is None else f"({condition.get_sql(quote_char='`', with_namespace=True)})"


def has_permission(doc, ptype=None, user=None, debug=False):
	"""Refuse a record the user may not see (a form, print, REST); else no opinion (None). A record not
	saved yet is left to the controller, which says whom it may be for."""
	if isinstance(doc, str) or doc.get("__islocal") or not doc.get("creation"):
		return NO_OBJECTION
	visible = may_see(
		viewer_of(user), doc.get("sales_person"), doc.get("status"), shown_to_person(doc.doctype)
	)
	return NO_OBJECTION if visible else False


# Proposals
# ---------


def standing_offences(pairs: set[tuple[str, str]], since: date | None = None) -> dict[tuple[str, str], list]:
	"""{(sales person, rule): [(incident date, record)]} of the standing penalties (approved, acknowledged,
	upheld) of those pairs, from `since` on, in one query."""
	if not pairs:
		return {}
	record = DocType(PENALTY)
	query = (
		frappe.qb.from_(record)
		.select(record.sales_person, record.conduct_rule, record.incident_date, record.name)
		.where(
			record.sales_person.isin(sorted({person for person, _rule in pairs}))
			& record.conduct_rule.isin(sorted({rule for _person, rule in pairs}))
			& record.status.isin(list(STANDING))
			& (record.docstatus == 1)
		)
	)
	if since:
		query = query.where(record.incident_date >= since)
	found: dict[tuple[str, str], list] = {}
	for person, rule, day, name in query.run():
		if (person, rule) in pairs:
			found.setdefault((person, rule), []).append((getdate(day), name))
	return found


def earlier_offences(
	offences: list, incident: date, window_days: int, exclude: str | None = None
) -> list[date]:
	"""The dates of `offences` ([(date, record)]) that count for an incident on `incident`."""
	return [day for day, name in offences if name != exclude and in_window(day, incident, window_days)]


# The penalty and reward controllers' shared part
# -----------------------------------------------


def actor_for(sales_person: str | None, user: str | None = None) -> Actor:
	user = user or frappe.session.user
	settings = get_settings()
	roles = set(frappe.get_roles(user))
	leadership = is_administrator(user) or settings.leadership_role in roles
	return Actor(
		is_person=bool(sales_person) and sales_person_of(user) == sales_person,
		is_manager=leadership or settings.sales_manager_role in roles,
		is_leadership=leadership,
	)


def step_messages() -> dict[str, str]:
	return {
		NOT_A_STEP: _("A {0} cannot go from {1} to {2}."),
		NOT_YOURS: _("Only {3} may acknowledge or appeal this record."),
		OWN_RECORD: _("You cannot decide a record about yourself."),
		NOT_A_DECIDER: _("Only the sales manager or company leadership decide this."),
		NEEDS_LEADERSHIP: _("Company leadership decides this step."),
		COMMENT_MISSING: _("This step needs a comment saying why."),
	}


# Statuses a record has in each docstatus (whatever the workflow's states are called).
DRAFT_STATUSES = (DRAFT, PENDING_LEADERSHIP)


class ConductRecord(Document):
	"""What Penalty Record and Reward Record share. Subclasses set `steps` (rules.conduct PENALTY_STEPS or
	REWARD_STEPS), `content_fields` (what only a draft may change) and `decision_fields` (what only a step
	writes), and implement `record_step` and `notify_step`."""

	steps: dict = {}
	incident_key_field: str | None = None
	content_fields: tuple[str, ...] = ()
	decision_fields: tuple[str, ...] = (
		"approved_by",
		"approved_on",
		"leadership_approved_by",
		"leadership_approved_on",
		"decision_comment",
		"cancel_reason",
	)

	def onload(self):
		needing_comment = steps_needing_comment(self.steps, self.status)
		status_of = self.workflow_statuses()
		actions, comment_actions = set(), set()
		if status_of:
			for t in frappe.get_cached_doc("Workflow", get_workflow_name(self.doctype)).transitions:
				if t.state == self.get("workflow_state"):
					actions.add(t.action)
					if status_of.get(t.next_state) in needing_comment:
						comment_actions.add(t.action)
		self.set_onload("awaiting_decision", bool(actions))
		self.set_onload("actions_needing_comment", sorted(comment_actions))

	def workflow_statuses(self) -> dict[str, str]:
		"""{workflow state: the status it sets} of the active workflow (empty without one)."""
		workflow = get_workflow_name(self.doctype)
		if not workflow:
			return {}
		states = frappe.get_cached_doc("Workflow", workflow).states
		return {s.state: s.update_value for s in states if s.update_field == "status"}

	def may_take_transition(self, transition) -> bool:
		"""Whether the current user may take `transition` (services.decisions: what the desk offers): the
		step's rule as `take_step` applies it, the comment aside (the form asks for it)."""
		now = self.workflow_statuses().get(transition.get("next_state"))
		if not now or now == self.status:
			return True
		return not step_problem(
			self.steps, self.status, now, actor_for(self.sales_person), bool(self.needs_leadership), "-"
		)

	# Whose record it is
	# ------------------

	def set_person(self):
		chart = get_org_chart()
		node = chart.nodes.get(self.sales_person)
		if node and node.is_group:
			frappe.throw(
				_("{0} is a team: choose the salesperson.").format(self.sales_person),
				title=_("Not a Salesperson"),
			)
		self.team = chart.team_of(self.sales_person)
		self.person_user = chart.user_of(self.sales_person)
		self.employee = frappe.db.get_value("Sales Person", self.sales_person, "employee")
		self.employee_name = (
			frappe.db.get_value("Employee", self.employee, "employee_name") if self.employee else None
		) or self.sales_person
		if not self.company:
			self.company = frappe.defaults.get_user_default("Company") or frappe.db.get_single_value(
				"Global Defaults", "default_company"
			)

	def check_filer(self, before):
		"""A record is filed by the sales manager (or leadership), or by a team leader for the people they
		lead; never about oneself."""
		if before and before.sales_person == self.sales_person:
			return
		if frappe.flags.in_install or frappe.flags.in_migrate:
			return
		user = frappe.session.user
		actor = actor_for(self.sales_person, user)
		if actor.is_person:
			frappe.throw(
				_("You cannot file a {0} about yourself.").format(_(self.doctype)),
				frappe.PermissionError,
				title=_("Not Allowed"),
			)
		if not actor.is_manager and self.sales_person not in oversight_of(user).sales_persons:
			frappe.throw(
				_("You can file a {0} only for the people you lead, not for {1}.").format(
					_(self.doctype), self.sales_person
				),
				frappe.PermissionError,
				title=_("Not Allowed"),
			)

	# Steps
	# -----

	def keep_decisions(self, before):
		"""Decision fields are written by the steps alone, never by hand (desk, REST or import)."""
		for field in self.decision_fields:
			self.set(field, before.get(field) if before else None)

	def keep_content(self, before):
		"""Once out of draft, what the record says stays as decided."""
		if not before or before.status == DRAFT:
			return
		changed = [f for f in self.content_fields if str(before.get(f) or "") != str(self.get(f) or "")]
		if changed:
			frappe.throw(
				_("{0} {1} is {2}: send it back to draft to change {3}.").format(
					_(self.doctype),
					self.name,
					_(before.status),
					", ".join(_(self.meta.get_label(f)) for f in changed),
				),
				title=_("Not Allowed"),
			)

	def take_step(self, before):
		"""Entering a new status: whoever the workflow allowed, check the rulebook's rule for the step, then
		record it."""
		previous = before.status if before else DRAFT
		if previous == self.status:
			return
		comment = decision_comment(self).strip()
		problem = step_problem(
			self.steps,
			previous,
			self.status,
			actor_for(self.sales_person),
			bool(self.needs_leadership),
			comment,
		)
		if problem:
			frappe.throw(
				step_messages()[problem].format(
					_(self.doctype), _(previous), _(self.status), self.employee_name or self.sales_person
				),
				frappe.PermissionError
				if problem in (OWN_RECORD, NOT_YOURS, NOT_A_DECIDER)
				else frappe.ValidationError,
				title=_("Not Allowed"),
			)
		if (
			before
			and get_workflow_name(self.doctype)
			and before.get("workflow_state") == self.get("workflow_state")
		):
			frappe.throw(
				_("A {0} changes its status only through its workflow actions.").format(_(self.doctype)),
				title=_("Not Allowed"),
			)
		self.check_docstatus_of_status()
		self.record_step(previous, comment)
		self.flags.sd_step = (previous, self.status, comment)

	def check_docstatus_of_status(self):
		expected = 0 if self.status in DRAFT_STATUSES else 2 if self.status == CANCELLED else 1
		if cint(self.docstatus) != expected:
			frappe.throw(
				_("A {0} becomes {1} only through its workflow actions.").format(
					_(self.doctype), _(self.status)
				),
				title=_("Not Allowed"),
			)

	def record_approval(self, previous: str, comment: str):
		"""What an approval step records (shared by penalties and rewards)."""
		user, now = frappe.session.user, now_datetime()
		if previous == DRAFT:
			self.approved_by, self.approved_on = user, now
		if (
			self.status == APPROVED
			and is_leadership(user)
			and (previous == PENDING_LEADERSHIP or self.needs_leadership)
		):
			self.leadership_approved_by, self.leadership_approved_on = user, now
		if comment:
			self.decision_comment = comment

	def record_step(self, previous: str, comment: str):
		raise NotImplementedError

	# Hooks
	# -----

	def before_validate(self):
		if self.incident_key_field and not (self.get(self.incident_key_field) or "").strip():
			self.set(self.incident_key_field, None)  # a unique column: empty must be NULL
		if (
			self.get("_action") == "submit"
			and self.status in DRAFT_STATUSES
			and not get_workflow_name(self.doctype)
		):
			self.status = APPROVED  # submitted without a workflow: the submit is the approval

	def validate_step(self):
		"""validate: a draft saved, handed on or submitted."""
		before = self.get_doc_before_save()
		if not before:
			self.status = DRAFT
		self.set_person()
		self.check_filer(before)
		self.keep_content(before)
		self.keep_decisions(before)
		self.take_step(before)

	def before_update_after_submit(self):
		before = self.get_doc_before_save()
		self.keep_decisions(before)
		if before.status == self.status:
			return
		self.take_step(before)

	def before_cancel(self):
		before = self.get_doc_before_save()
		self.keep_decisions(before)
		self.status = CANCELLED
		self.take_step(before)

	def after_step(self):
		step = self.flags.pop("sd_step", None)
		if not step:
			return
		previous, now, comment = step
		if comment:
			self.add_comment("Comment", _("{0}: {1}").format(_(now), comment))  # in the decider's language
		self.notify_step(previous, now)

	def on_update(self):
		self.after_step()

	def on_update_after_submit(self):
		self.after_step()

	def on_cancel(self):
		self.after_step()

	def notify_step(self, previous: str, now: str):
		raise NotImplementedError

	# Notifications: only people who may see the record
	# ---------------------------------------------------

	def team_leader_user(self) -> str | None:
		chart = get_org_chart()
		return chart.user_of(chart.team_leader_of(self.sales_person))

	def notify_leadership(self, subject, push: Push | None = None):
		notify_role(get_settings().leadership_role, self, subject, exclude=self.person_user, push=push)

	def notify(self, users, subject, push: Push | None = None):
		notify_users([user for user in users if user], self, subject, push=push)


def summary_of(action: str | None, fine: float, days: int) -> str:
	""" "Fine 200", "Suspension 3 days", "Written Warning" in the user's language."""
	if not action:
		return ""
	if action == "Fine":
		return _("Fine {0}").format(frappe.format(fine, "Currency"))
	if action == "Suspension":
		return _("Suspension of {0} days").format(days)
	return _(action)


def whitelisted_decision(
	doctype: str, name: str, action: str, comment: str | None = None, state: str | None = None
) -> dict:
	"""The form's decisions on penalty and reward records, with the decider's comment, one at a time."""
	from sales_dept.services import decisions

	if not is_enabled("conduct"):
		frappe.throw(
			_("Conduct records are switched off in Sales Dept Settings."), title=_("Conduct Records Are Off")
		)
	return decisions.take_workflow_action(doctype, name, action, comment, state)


# The weekly meeting
# ------------------


def penalties_awaiting_decision_of(user: str | None = None, company: str | None = None) -> list[str]:
	"""The penalty records waiting for a decision `user` may take, among those they may see: a draft for the
	sales manager, a record pending leadership or an appeal for leadership, never one about themself (the
	rule `may_take_transition` applies on the form, rules.conduct.awaits_decision_of). One query."""
	user = user or frappe.session.user
	actor = actor_for(None, user)
	statuses = sorted(
		{
			status
			for status, _now in PENALTY_STEPS
			if any(awaits_decision_of(PENALTY_STEPS, status, actor, needs) for needs in (False, True))
		}
	)
	if not statuses:
		return []
	record = DocType(PENALTY)
	query = (
		frappe.qb.from_(record)
		.select(record.name, record.sales_person, record.status, record.needs_leadership)
		.where(record.status.isin(statuses) & (record.docstatus < 2))
		.orderby(record.incident_date)
		.orderby(record.name)
	)
	condition = visible_condition(record, PENALTY, viewer_of(user))
	if condition is not None:
		query = query.where(condition)
	if company:
		query = query.where(record.company == company)
	own = sales_person_of(user)
	return [
		row.name
		for row in query.run(as_dict=True)
		if awaits_decision_of(
			PENALTY_STEPS,
			row.status,
			replace(actor, is_person=bool(own) and row.sales_person == own),
			bool(row.needs_leadership),
		)
	]


@frappe.whitelist()
@frappe.read_only()  # a number card: on a site with a read replica, read there
def penalties_awaiting_my_decision(filters=None) -> dict:
	"""Number card "Penalties Awaiting Decision": the penalties waiting for the user's decision (of the company
	in `filters`, when given); a click lists them."""
	frappe.has_permission(PENALTY, "read", throw=True)
	filters = frappe.parse_json(filters) or {}
	company = filters.get("company") if isinstance(filters, dict) else None
	names = penalties_awaiting_decision_of(company=company)
	return {
		"value": len(names),
		"fieldtype": "Int",
		"route": ["List", PENALTY],
		"route_options": {"name": ["in", names or [""]]},
	}


def decides_penalties(user: str | None = None) -> bool:
	"""The sales manager role, leadership and the administrators: they see the drafts waiting for them."""
	return actor_for(None, user).is_manager


def draft_penalties(company: str, sales_persons: set[str]) -> list:
	"""Draft penalties of `sales_persons` waiting for the manager's decision, oldest incident first, each with
	its rule as the reader sees it cited (`rule_title`: "第十二条 按时提交销售报告和销售数据"). Two queries."""
	if not sales_persons:
		return []
	record = DocType(PENALTY)
	drafts = (
		frappe.qb.from_(record)
		.select(
			record.name,
			record.sales_person,
			record.conduct_rule,
			record.rule_title,
			record.incident_date,
			record.action,
			record.fine_amount,
			record.suspension_days,
			record.detected,
		)
		.where(
			(record.company == company)
			& (record.docstatus == 0)
			& (record.status == DRAFT)
			& record.sales_person.isin(sorted(sales_persons))
		)
		.orderby(record.incident_date)
		.orderby(record.name)
		.run(as_dict=True)
	)
	rules = versions_in_force([draft.conduct_rule for draft in drafts])
	for draft in drafts:
		rule = rules.get(draft.conduct_rule)
		draft.rule_title = rule_heading(rule.content, draft.conduct_rule) if rule else draft.conduct_rule
	return drafts
