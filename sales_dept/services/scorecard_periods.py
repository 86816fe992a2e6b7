"""The period a scorecard covers: a month, quarter or fiscal year (`rules.scoring.period_of`) inside one fiscal
year of the company, with its label (2025-03, 2025 Q1, 2025)."""

from dataclasses import dataclass
from datetime import date

import frappe
from frappe import _
from frappe.utils import getdate

from sales_dept.compat import fiscal_year_containing
from sales_dept.rules.scoring import QUARTER, YEAR, months_of, period_of, period_problem, quarter_number


@dataclass(frozen=True)
class Period:
	period_type: str
	start: date
	end: date
	fiscal_year: str
	year_start: date
	year_end: date

	@property
	def label(self) -> str:
		if self.period_type == YEAR:
			return self.fiscal_year
		if self.period_type == QUARTER:
			return f"{self.fiscal_year} Q{quarter_number(self.start, self.year_start)}"
		return self.start.strftime("%Y-%m")

	@property
	def months(self) -> list[tuple[int, int]]:
		return months_of(self.start, self.end)


def period_for(company: str, period_type: str, day) -> Period:
	"""The period of `period_type` containing `day`, in the fiscal year of `company` containing it; refused
	(translated) when no fiscal year covers the day or the period spills out of it."""
	day = getdate(day)
	year = fiscal_year_containing(day, company)
	if not year:
		frappe.throw(
			_("No fiscal year of {0} covers {1}: create it before appraising that period.").format(
				company, frappe.format(day, "Date")
			),
			title=_("No Fiscal Year"),
		)
	year_start, year_end = getdate(year.year_start_date), getdate(year.year_end_date)
	start, end = period_of(period_type, day, year_start, year_end)
	if period_problem(start, end, year_start, year_end):
		frappe.throw(
			_("The period {0} to {1} does not lie in one fiscal year ({2}).").format(
				frappe.format(start, "Date"), frappe.format(end, "Date"), year.name
			),
			title=_("No Fiscal Year"),
		)
	return Period(period_type, start, end, year.name, year_start, year_end)
