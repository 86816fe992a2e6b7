"""The arithmetic of timing reports on two sites, one holding the first size of the data and one twice as
much (frappe-free: tested in tier 1)."""

from statistics import median


def medians(runs_by_report: dict[str, list[float]]) -> dict[str, float]:
	"""Each report's median time, in seconds to the millisecond."""
	return {report: round(median(runs), 3) for report, runs in runs_by_report.items()}


def ratios(first: dict[str, float], double: dict[str, float]) -> dict[str, float]:
	"""Each report's time at twice the data over its time at the first size."""
	return {report: round(double[report] / max(first[report], 1e-6), 2) for report in first}


def ratios_by_round(
	first: dict[str, list[float]], double: dict[str, list[float]], runs: int
) -> dict[str, list]:
	"""The ratio round by round (each round's medians, `runs` timings a round): how much of it is noise."""
	return {
		report: [
			round(median(double[report][at : at + runs]) / median(timings[at : at + runs]), 2)
			for at in range(0, len(timings), runs)
		]
		for report, timings in first.items()
	}


def fastest_ratio(first: list[float], double: list[float]) -> float:
	"""The fastest run at twice the data over the fastest at the first size: on a shared machine whatever else
	runs only ever adds time, so the fastest run of each is the least disturbed."""
	return round(min(double) / max(min(first), 1e-6), 2)


def paired_ratios(first: list[float], double: list[float]) -> list[float]:
	"""The ratio of each pair of runs taken in turns (how much of it is noise)."""
	return [round(d / max(f, 1e-6), 2) for f, d in zip(first, double, strict=True)]


def report_rows(result) -> int:
	"""A script report's rows (`execute`'s second value, lists or dicts), not counting blank ones (ERPNext's
	Sales Person-wise Transaction Summary appends a blank total row)."""
	return sum(1 for row in result[1] if any(row.values() if isinstance(row, dict) else row))
