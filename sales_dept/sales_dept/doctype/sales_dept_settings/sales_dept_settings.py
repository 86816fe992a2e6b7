# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

NON_NEGATIVE_FIELDS = ("major_bid_amount", "contract_review_amount", "checkin_radius_m", "plan_reminder_days")


class SalesDeptSettings(Document):
	def validate(self):
		for fieldname in NON_NEGATIVE_FIELDS:
			if (self.get(fieldname) or 0) < 0:
				frappe.throw(
					_("{0} cannot be negative.").format(_(self.meta.get_label(fieldname))),
					title=_("Invalid Setting"),
				)
