"""A major bid from the Opportunity to the printed quotation, each step by the person whose step it is: the
salesperson (陈晨) makes the bid from the Opportunity and hands it in for go/no-go; the manager (钱明) and
leadership (高建华) decide to take part; the technical (郑伟) and purchasing (黄敏) reviewers approve in
parallel; the salesperson asks for final approval; the manager and leadership approve; the salesperson
makes the quotation from the bid, saves, submits and prints it (Formal Quotation)."""

import json
import time

from sales_dept.tests.browser.harness import DESKTOP, CheckFailed
from sales_dept.tests.browser.journeys import steps
from sales_dept.tests.browser.journeys.walk import Journey, Walk

BID, OPPORTUNITY, QUOTATION = "Bid Review", "Opportunity", "Quotation"
FORMAL_QUOTATION = "Formal Quotation"
COMMENTS = {
	"manager_go": "重点客户，参与投标。",
	"leadership_go": "同意参与，注意交期。",
	"manager_final": "价格与成本已核对，同意报价。",
	"leadership_final": "同意按此报价。",
}


def walk(w: Walk) -> str:
	w.needs("department", "opportunity")
	bid = make_bid(w)
	decide(w, bid, "manager", "participate", COMMENTS["manager_go"], then="leadership")  # a major bid
	decide(w, bid, "leadership", "participate", COMMENTS["leadership_go"], then=("technical", "purchasing"))
	review(w, bid, "technical")
	review(w, bid, "purchasing", then="salesperson")  # every review approves it now
	decide(w, bid, "salesperson", "request_final_approval", None, then="manager")
	decide(w, bid, "manager", "approve", COMMENTS["manager_final"], then="leadership")
	decide(w, bid, "leadership", "approve", COMMENTS["leadership_final"], then="salesperson")
	expect_decisions_kept(w, bid)
	quotation = quote_and_print(w, bid)
	return f"{bid} approved by manager and leadership, {quotation} submitted and printed"


def make_bid(w: Walk) -> str:
	"""创建 → 投标评审 on the Opportunity: the bid filled from it, its kind chosen, saved and handed in."""
	browser = w.browser
	opportunity = w.fixtures["opportunity"]
	w.involve(OPPORTUNITY, opportunity)
	w.as_person("salesperson", DESKTOP)
	with w.step("opportunity"):
		browser.open_form(OPPORTUNITY, opportunity)
		browser.click_button(browser.translate("Bid Review"), group=browser.translate("Create"))
		browser.wait_for_form(BID)
		lines = browser.js("return (cur_frm.doc.lines || []).map((l) => [l.item_code, l.qty]);")
		w.expect(
			lines == [["JM-100", 40], ["JM-200", 5]], f"the bid did not take the Opportunity's items: {lines}"
		)
	with w.step("bid saved"):
		browser.fill(browser.translate("Kind"), browser.translate("Tender"), scope="form")
		bid = steps.save(w)
		major = browser.js("return cur_frm.doc.is_major;")
		w.expect(major, f"{bid} (520,000) is not marked as a major bid")
	with w.step("bid handed in"):
		w.notice("manager", BID, bid)  # take part or not?
		steps.decide(w, w.label("submit_for_go"))
	return bid


def decide(w: Walk, bid: str, key: str, action: str, comment: str | None, then):
	"""`key` opens the bid from their bell and takes the workflow action; `then` are told next."""
	w.as_person(key, DESKTOP)
	with w.step(f"bid from the bell of {key}"):
		steps.open_from_bell(w, BID, bid)
	with w.step(f"{key}: {action}"):
		steps.decide(w, w.label(action), comment)
	for told in (then,) if isinstance(then, str) else then:
		w.notice(told, BID, bid)


def review(w: Walk, bid: str, key: str, then=None):
	"""A reviewer's 批准 under 审核：<kind>, with a comment."""
	browser = w.browser
	kind = w.fixtures["review_kinds"][key]
	w.as_person(key, DESKTOP)
	with w.step(f"bid from the bell of {key}"):
		steps.open_from_bell(w, BID, bid)
	with w.step(f"{key} review approved"):
		group = browser.translate("Review: {0}").replace("{0}", browser.translate(kind))
		browser.click_button(browser.translate("Approve"), group=group)
		browser.wait_for_dialog(f"for the {kind} review")
		browser.fill(browser.translate("Comment"), f"{browser.translate(kind)}：没有问题。")
		browser.dialog_primary()
		row_approved = (
			"(cur_frm.doc.reviews || []).some((r) => r.review_kind === "
			f"{json.dumps(kind)} && r.status === 'Approved') && !frappe.dom.freeze_count"
		)
		browser.wait_for(row_approved, 20, f"the {kind} review of {bid} is not approved on the form")
	if then:
		w.notice(then, BID, bid)


def expect_decisions_kept(w: Walk, bid: str):
	"""Each decision keeps its own comment with the name of who took it (not one overwritten reason)."""
	doc = w.browser.get_doc_with_timeline(BID, bid)
	decisions = [
		(row.get("comment") or "", row.get("decided_by_name") or "")
		for row in (doc.get("docs") or [{}])[0].get("decisions") or []
	]
	for step, comment in COMMENTS.items():
		person = w.name_of(step.split("_")[0])
		w.expect(
			(comment, person) in decisions,
			f"{bid} does not keep {person}'s comment {comment!r} as theirs: {decisions}",
		)


def quote_and_print(w: Walk, bid: str) -> str:
	"""创建报价单 on the approved bid → 保存 → 提交 → 打印: Formal Quotation, shown in Chinese."""
	browser = w.browser
	w.as_person("salesperson", DESKTOP)
	with w.step("approved bid from the bell"):
		steps.open_from_bell(w, BID, bid)
		steps.expect_state(w, BID, bid, "bid_approved")
	with w.step("quotation from the bid"):
		browser.click_button(browser.translate("Create Quotation"))
		browser.wait_for_form(QUOTATION)
		quotation = steps.save(w)
		w.involve(QUOTATION, quotation)
	with w.step("quotation submitted"):
		steps.submit(w)
	with w.step("quotation printed"):
		# Frappe 15: the printer in the page's head; Frappe 16: beside the title in the form's sidebar
		printers = [
			button
			for button in browser.visible(".page-head button, .page-head .btn, .form-print button")
			if (button.get_attribute("data-original-title") or button.get_attribute("title"))
			== browser.translate("Print")
		]
		if not printers:
			raise CheckFailed("the submitted quotation shows no print button")
		browser.click(printers[0], "the print button")
		browser.wait_for("frappe.get_route()[0] === 'print'", 20, "the print view did not open")
		printed = (
			"const f = document.querySelector('iframe.print-format-container');"
			" return f && f.contentDocument && f.contentDocument.body ? f.contentDocument.body.innerText : '';"
		)
		if not steps.wait_until(lambda: quotation in (browser.js(printed) or ""), 20):
			raise CheckFailed(f"the print preview of {quotation} did not render")
		chosen = browser.js("return $('input[data-fieldname=print_format]:visible').val();")
		w.expect(
			chosen == FORMAL_QUOTATION,
			f"the quotation prints as {chosen!r} by default, not {FORMAL_QUOTATION!r}",
		)
		language = browser.js("return $('input[data-fieldname=language]:visible').val();")
		w.expect(language == w.fixtures["language"], f"the quotation prints in {language!r}, not in Chinese")
		w.look_at(browser.js(printed), "the printed quotation")
		time.sleep(1)  # the preview is painted after its text is there
	return quotation


JOURNEY = Journey(
	"bid",
	"陈晨 makes a major bid from an Opportunity; 钱明 and 高建华 take part; 郑伟 and 黄敏 review in parallel; "
	"final approval by 钱明 and 高建华; 陈晨 creates, saves, submits and prints the quotation (Formal Quotation)",
	walk,
)
