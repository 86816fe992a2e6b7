# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class BidReviewLine(Document):
	pass


# A covering index for the Win Loss analysis by item group (its lines' amounts per group, per bid): without it
# that report grew 3.4 times on twice the data (services.bid_reports.lines_per_item_group reads it alone).
LINES_PER_ITEM_GROUP = ["parent", "parenttype", "item_group", "amount"]


def on_doctype_update():
	frappe.db.add_index("Bid Review Line", LINES_PER_ITEM_GROUP)
