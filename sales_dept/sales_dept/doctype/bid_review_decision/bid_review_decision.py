# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

from frappe.model.document import Document


class BidReviewDecision(Document):
	"""One decision on a bid (go/no-go, final approval, a send-back): who, when, in which step, their comment."""
