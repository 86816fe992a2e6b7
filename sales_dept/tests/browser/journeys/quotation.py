"""The salesperson (陈晨) cancels a submitted quotation that stood on a price exception the team leader
approved: 取消, confirmed, with no error, and the exception stays as it was decided."""

from sales_dept.tests.browser.harness import DESKTOP
from sales_dept.tests.browser.journeys import steps
from sales_dept.tests.browser.journeys.walk import Journey, Walk

QUOTATION, EXCEPTION = "Quotation", "Price Exception Request"


def walk(w: Walk) -> str:
	w.needs("department", "quotation_on_exception")
	browser = w.browser
	quotation, request = w.fixtures["quotation_on_exception"], w.fixtures["approved_exception"]
	w.involve(QUOTATION, quotation)
	w.notice("team_leader", EXCEPTION, request)  # requested (the fixtures): waited for her decision
	w.notice("salesperson", EXCEPTION, request)  # decided
	w.as_person("salesperson", DESKTOP)
	with w.step("submitted quotation"):
		browser.open_form(QUOTATION, quotation)
	with w.step("quotation cancelled"):
		browser.click_button(browser.translate("Cancel"))
		browser.wait_for_dialog("asking to confirm the cancellation")
		w.shot("confirm cancel")
		browser.dialog_primary(browser.translate("Yes"))
		cancelled = steps.wait_until(
			lambda: browser.js("return cur_frm.doc.docstatus === 2 && !frappe.dom.freeze_count;"), 30
		)
		w.expect(
			cancelled,
			f"{quotation} is not cancelled (docstatus {browser.js('return cur_frm.doc.docstatus;')})",
		)
		status = browser.get_value(EXCEPTION, request, ["status"]).get("status")
		w.expect(
			status == "Approved", f"{request} is {status!r} after its quotation was cancelled, not as decided"
		)
	return f"{quotation} cancelled, {request} kept as decided"


JOURNEY = Journey(
	"cancel_quotation",
	"陈晨 cancels a submitted quotation that stood on an approved price exception",
	walk,
)
