"""Connections (dashboard) of ERPNext forms, extended through hooks.override_doctype_dashboards.

- Quotation, Sales Order: their Price Exception Requests. A request names its document with the Dynamic Link
  reference_doctype / reference_name; the dashboard's `dynamic_links` adds the doctype to the filter, so a
  quotation's requests are not mixed with an order's of the same name.
- Customer: its Visit Records, and the Visit Plans that plan a visit to it. A plan names its customers in its
  rows (Visit Plan Row.customer); Frappe finds the field in the child table, for the count as for the list
  the link opens.
"""

from frappe import _

PRICE_EXCEPTION_REQUEST = "Price Exception Request"


def with_price_exception_requests(doctype: str):
	def extend(data):
		data.setdefault("non_standard_fieldnames", {})[PRICE_EXCEPTION_REQUEST] = "reference_name"
		data.setdefault("dynamic_links", {})["reference_name"] = [doctype, "reference_doctype"]
		data.setdefault("transactions", []).append(
			{"label": _("Price Policy"), "items": [PRICE_EXCEPTION_REQUEST]}
		)
		return data

	return extend


quotation = with_price_exception_requests("Quotation")
sales_order = with_price_exception_requests("Sales Order")


def customer(data):
	data.setdefault("non_standard_fieldnames", {}).update(
		{"Visit Record": "customer", "Visit Plan": "customer"}
	)
	data.setdefault("transactions", []).append(
		{"label": _("Customer Visits"), "items": ["Visit Record", "Visit Plan"]}
	)
	return data
