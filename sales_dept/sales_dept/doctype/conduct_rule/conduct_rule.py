# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""An article of the sales department rulebook (R1-R40): its Chinese text and English title, the control of
the app that enforces it, and, for a rule that can be broken, its penalty ladder.

Rule changes take effect only once company leadership approves them (R14): the form is the working copy;
saving a change makes (or updates) the version waiting for leadership, while the approved version stays in
force for penalties and for the rulebook. Leadership approves or rejects the waiting version from the form
(`approve_version`, `reject_version`); every version is kept as a Conduct Rule Version."""

import frappe
from frappe import _
from frappe.model.document import Document

from sales_dept.rules.conduct import (
	FINE_ABOVE_MAX,
	FINE_NOT_POSITIVE,
	LADDER_GAP,
	SUSPENSION_WITHOUT_DAYS,
	UNKNOWN_ACTION,
	WINDOW_NOT_POSITIVE,
	ladder_problems,
)
from sales_dept.services.conduct import (
	decide_rule_version,
	is_leadership,
	rule_content,
	sync_rule_version,
	terms_of,
)
from sales_dept.services.settings import SETTINGS_DOCTYPE, is_administrator

# Written by the version steps alone (sync_rule_version, decide_rule_version), never by an edit.
VERSION_FIELDS = ("version_in_force", "pending_version", "version_status")


class ConductRule(Document):
	def onload(self):
		pending = self.pending_version and frappe.db.get_value(
			"Conduct Rule Version", self.pending_version, ["version_no", "proposed_by"], as_dict=True
		)
		user = frappe.session.user
		self.set_onload(
			"can_decide_version",
			bool(pending) and is_leadership() and (pending.proposed_by != user or is_administrator()),
		)
		self.set_onload("pending_version_no", pending.version_no if pending else None)
		self.set_onload(
			"version_no_in_force",
			frappe.db.get_value("Conduct Rule Version", self.version_in_force, "version_no")
			if self.version_in_force
			else None,
		)

	def validate(self):
		self.rule_code = (self.rule_code or "").strip()
		self.keep_version_fields()
		self.validate_ladder()
		self.validate_setting()
		self.validate_detection()

	def keep_version_fields(self):
		"""Which version is in force changes only by leadership's decision (R14), never by an edit."""
		before = self.get_doc_before_save()
		for field in VERSION_FIELDS:
			previous = before.get(field) if before else None
			if before and (self.get(field) or None) != (previous or None):
				frappe.throw(
					_(
						"A rule's new version comes into force only when company leadership approves it: save the change, then leadership approves it on the rule."
					),
					frappe.PermissionError,
					title=_("Leadership Approves Rule Changes"),
				)
			self.set(field, previous)

	def validate_ladder(self):
		if not self.breakable and not self.ladder:
			return
		messages = {
			LADDER_GAP: _("The ladder has no step for offence {0}: number the steps 1, 2, 3… without gaps."),
			WINDOW_NOT_POSITIVE: _("A rule with a ladder needs a rolling window of at least one day."),
			FINE_NOT_POSITIVE: _("Offence {0}: a fine needs an amount above zero."),
			FINE_ABOVE_MAX: _("Offence {0}: the fine is above the rule's largest fine."),
			SUSPENSION_WITHOUT_DAYS: _("Offence {0}: a suspension needs its number of days."),
			UNKNOWN_ACTION: _("Offence {0}: choose an action."),
		}
		problems = ladder_problems(terms_of(rule_content(self)))
		if problems:
			frappe.throw(
				"<br>".join(messages[problem].format(offence) for problem, offence in problems),
				title=_("Invalid Penalty Ladder"),
			)
		if (self.max_fine or 0) < 0:
			frappe.throw(_("The largest fine cannot be negative."), title=_("Invalid Penalty Ladder"))

	def validate_setting(self):
		if self.control_setting and not frappe.get_meta(SETTINGS_DOCTYPE).has_field(self.control_setting):
			frappe.throw(
				_("{0} is not a field of {1}.").format(self.control_setting, _(SETTINGS_DOCTYPE)),
				title=_("Unknown Setting"),
			)

	def validate_detection(self):
		if not self.detection:
			return
		other = frappe.db.get_value(
			"Conduct Rule", {"detection": self.detection, "name": ("!=", self.name or "")}, "name"
		)
		if other:
			frappe.throw(
				_("Rule {0} already files the incidents of {1}: one rule per automatic check.").format(
					other, _(self.detection)
				),
				title=_("Detection Taken"),
			)

	def on_update(self):
		sync_rule_version(self, seeded=bool(self.flags.sd_seed))

	def on_trash(self):
		"""Its versions go with it (a rule that penalties refer to cannot be deleted: Frappe refuses)."""
		for name in frappe.get_all("Conduct Rule Version", {"conduct_rule": self.name}, pluck="name"):
			frappe.delete_doc("Conduct Rule Version", name, ignore_permissions=True, force=True)


@frappe.whitelist()
def approve_version(name: str, version: str, comment: str | None = None) -> str:
	"""Leadership brings the version waiting for it into force."""
	frappe.get_doc("Conduct Rule", name).check_permission("read")
	return decide_rule_version(name, version, approve=True, comment=comment)


@frappe.whitelist()
def reject_version(name: str, version: str, comment: str | None = None) -> str:
	"""Leadership rejects the waiting version (with a reason); the rule goes back to the version in force."""
	frappe.get_doc("Conduct Rule", name).check_permission("read")
	return decide_rule_version(name, version, approve=False, comment=comment)
