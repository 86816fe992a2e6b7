"""Connections (dashboard) of ERPNext forms, extended through hooks.override_doctype_dashboards.

- Quotation, Sales Order: their Price Exception Requests. A request names its document with the Dynamic Link
  reference_doctype / reference_name; the dashboard's `dynamic_links` adds the doctype to the filter, so a
  quotation's requests are not mixed with an order's of the same name.
- Customer: its Visit Records, and the Visit Plans that plan a visit to it. A plan names its customers in its
  rows (Visit Plan Row.customer); Frappe finds the field in the child table, for the count as for the list
  the link opens.
- Opportunity, Customer: their Bid Reviews, beside their quotations (a bid names them in its fields
  `opportunity` and `customer`, the ones their dashboards look for).
- Quotation: the Bid Review it was made from (its own field sd_bid_review, so a draft shows it too; else the
  bid that names the quotation in `quotation`).
"""

from frappe import _

PRICE_EXCEPTION_REQUEST = "Price Exception Request"
BID_REVIEW = "Bid Review"


def with_price_exception_requests(doctype: str):
	def extend(data):
		data.setdefault("non_standard_fieldnames", {})[PRICE_EXCEPTION_REQUEST] = "reference_name"
		data.setdefault("dynamic_links", {})["reference_name"] = [doctype, "reference_doctype"]
		data.setdefault("transactions", []).append(
			{"label": _("Price Policy"), "items": [PRICE_EXCEPTION_REQUEST]}
		)
		return data

	return extend


def with_bid_reviews_beside_quotations(data):
	"""Bid Review in the group that lists the form's quotations (a group of its own if there is none)."""
	transactions = data.setdefault("transactions", [])
	group = next((group for group in transactions if "Quotation" in group.get("items", [])), None)
	if group:
		group["items"].append(BID_REVIEW)
	else:
		transactions.append({"label": _("Bid Review"), "items": [BID_REVIEW]})
	return data


def quotation(data):
	data = with_price_exception_requests("Quotation")(data)
	data.setdefault("internal_links", {})[BID_REVIEW] = "sd_bid_review"
	data.setdefault("non_standard_fieldnames", {})[BID_REVIEW] = "quotation"
	return with_bid_reviews_beside_quotations(data)


sales_order = with_price_exception_requests("Sales Order")
opportunity = with_bid_reviews_beside_quotations


def customer(data):
	data = with_bid_reviews_beside_quotations(data)
	data.setdefault("non_standard_fieldnames", {}).update(
		{"Visit Record": "customer", "Visit Plan": "customer"}
	)
	data.setdefault("transactions", []).append(
		{"label": _("Customer Visits"), "items": ["Visit Record", "Visit Plan"]}
	)
	return data
