# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

from frappe.model.document import Document


class ScorecardKPIBand(Document):
	pass
