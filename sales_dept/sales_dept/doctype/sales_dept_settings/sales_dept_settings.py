# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from sales_dept.services.bids import sync_cost_permissions
from sales_dept.services.robot_schedule import start_when_needed
from sales_dept.services.settings import is_administrator

NON_NEGATIVE_FIELDS = (
	"major_bid_amount",
	"contract_review_amount",
	"checkin_radius_m",
	"plan_reminder_days",
	"robot_digest_minutes",
)
# Settings only an administrator may change (robots posting elsewhere than to the platforms' own hosts).
ADMINISTRATOR_ONLY_FIELDS = ("allow_other_robot_hosts",)


class SalesDeptSettings(Document):
	def validate(self):
		for fieldname in NON_NEGATIVE_FIELDS:
			if (self.get(fieldname) or 0) < 0:
				frappe.throw(
					_("{0} cannot be negative.").format(_(self.meta.get_label(fieldname))),
					title=_("Invalid Setting"),
				)
		before = self.get_doc_before_save()
		for fieldname in ADMINISTRATOR_ONLY_FIELDS:
			changed = bool(self.get(fieldname)) != bool(before.get(fieldname) if before else 0)
			if changed and not is_administrator():
				frappe.throw(
					_("Only an administrator may change {0}.").format(_(self.meta.get_label(fieldname))),
					frappe.PermissionError,
					title=_("Invalid Setting"),
				)

	def on_update(self):
		before = self.get_doc_before_save()
		if before and bool(before.hide_bid_costs_from_salespeople) != bool(
			self.hide_bid_costs_from_salespeople
		):
			sync_cost_permissions(bool(self.hide_bid_costs_from_salespeople))
		start_when_needed()
