"""The company the demo works in: the site's default company, or a new one through the setup wizard."""

from datetime import date

import frappe
from frappe import _
from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

from sales_dept.compat import fiscal_year_containing
from sales_dept.demo.data import BANK_ACCOUNT, COMPANY, COMPANY_ABBR, CURRENCY, LETTER_HEAD, LETTER_HEAD_HTML
from sales_dept.demo.progress import say
from sales_dept.setup.records import default_company


def ensure_company() -> str:
	"""The default company; on a site without one, completes the setup wizard for the demo company."""
	if not frappe.db.a_row_exists("Company"):
		say(_("This site has no company yet: completing the setup wizard for {0}...").format(COMPANY))
		setup_complete(setup_wizard_args(frappe.utils.getdate()))
	company = default_company()
	currency = frappe.get_cached_value("Company", company, "default_currency")
	say(_("Company: {0} ({1}).").format(company, currency))
	if currency != CURRENCY:
		say(
			_("Note: {0} keeps its books in {1}, not CNY; the demo prices are used as {1}.").format(
				company, currency
			)
		)
	return company


def setup_wizard_args(today: date) -> dict:
	"""What a user would enter in the wizard (English as system language, so other tests are unaffected)."""
	return {
		"language": "English",
		"country": "China",
		"timezone": "Asia/Shanghai",
		"currency": CURRENCY,
		"company_name": COMPANY,
		"company_abbr": COMPANY_ABBR,
		"company_tagline": "电机 · 变频器 · 传感器",
		"industry": "Manufacturing",
		"bank_account": BANK_ACCOUNT,
		"chart_of_accounts": "Standard",
		"fy_start_date": date(today.year, 1, 1).isoformat(),
		"fy_end_date": date(today.year, 12, 31).isoformat(),
	}


def ensure_fiscal_years(company: str, start: date, end: date):
	"""A fiscal year for every date from `start` to `end` (calendar years where one is missing)."""
	for year in range(start.year, end.year + 1):
		first, last = max(start, date(year, 1, 1)), min(end, date(year, 12, 31))
		if not all(fiscal_year_containing(day, company) for day in (first, last)):
			make_fiscal_year(year)


def make_fiscal_year(year: int):
	frappe.get_doc(
		{
			"doctype": "Fiscal Year",
			"year": str(year),
			"year_start_date": date(year, 1, 1),
			"year_end_date": date(year, 12, 31),
		}
	).insert(ignore_permissions=True)
	say(_("Fiscal year {0} created.").format(year))


def receiving_account(company: str) -> str:
	"""The account customers pay into: the company's default bank account, else its cash account."""
	account = (
		frappe.get_cached_value("Company", company, "default_bank_account")
		or frappe.get_cached_value("Company", company, "default_cash_account")
		or frappe.db.get_value(
			"Account",
			{"company": company, "account_type": ["in", ["Bank", "Cash"]], "is_group": 0, "disabled": 0},
		)
	)
	if not account:
		frappe.throw(_("Company {0} has no Bank or Cash account to receive payments into.").format(company))
	return account


def ensure_letter_head(company: str) -> str:
	"""The demo's own letter head, the default on `company`'s documents (the Company's default letter head),
	as a company printing formal quotations has: the site's default is left as it is (ERPNext 16's prints
	the doctype in English, "Quotation"); on a site without one, ours becomes it."""
	if not frappe.db.exists("Letter Head", LETTER_HEAD):
		site_default = frappe.db.get_value("Letter Head", {"is_default": 1, "disabled": 0})
		frappe.get_doc(
			{
				"doctype": "Letter Head",
				"letter_head_name": LETTER_HEAD,
				"source": "HTML",
				"content": LETTER_HEAD_HTML,
				"is_default": 0 if site_default else 1,
			}
		).insert(ignore_permissions=True)
		say(_("Letter head: {0}.").format(LETTER_HEAD))
	frappe.db.set_value("Company", company, "default_letter_head", LETTER_HEAD, update_modified=False)
	return LETTER_HEAD
