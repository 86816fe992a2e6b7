"""Walk the department's journeys against a served site and print one line per journey:

	python -m sales_dept.tests.browser.run --base-url http://SITE:PORT --fixtures fixtures.json --out DIR

`fixtures.json` is what `sales_dept.tests.browser.fixtures.make` returned on that site (its last line).
Each journey prints its steps as they go, then PASS or FAIL with everything found wrong; its screenshots are
in DIR/<journey>/. The last line is `browser: N passed, N failed`; the exit code is 1 when one failed.
"""

import argparse
import json
import sys
import time
import traceback
from pathlib import Path

from selenium.common.exceptions import WebDriverException

from sales_dept.tests.browser.harness import Browser, CheckFailed
from sales_dept.tests.browser.journeys import JOURNEYS
from sales_dept.tests.browser.journeys.walk import Walk


def read_fixtures(path: Path) -> dict:
	"""The fixtures' result: the last line of the file (anything printed before it is the site's chatter)."""
	lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
	return json.loads(lines[-1])


def main(argv: list[str] | None = None) -> int:
	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument("--base-url", required=True)
	parser.add_argument("--fixtures", required=True, type=Path)
	parser.add_argument("--out", required=True, type=Path)
	parser.add_argument("--chromium", default="/usr/bin/chromium")
	parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
	parser.add_argument("--only", action="append", help="walk only the journey of this name (repeatable)")
	args = parser.parse_args(argv)

	fixtures = read_fixtures(args.fixtures)
	journeys = [journey for journey in JOURNEYS if not args.only or journey.name in args.only]
	passed = failed = 0
	try:
		browser = Browser(args.base_url, args.out, args.chromium, args.chromedriver)
	except WebDriverException as error:
		print(f"FAIL start-chromium: {error.msg or error!r}".splitlines()[0])
		print("browser: 0 passed, 1 failed")
		return 1
	try:
		for journey in journeys:
			out = args.out / journey.name
			out.mkdir(parents=True, exist_ok=True)
			walk = Walk(journey, browser, fixtures, out)
			started = time.monotonic()
			detail = ""
			try:
				detail = journey.walk(walk) or ""
				walk.check_bell(args.base_url)
			except CheckFailed as failure:
				walk.problems.insert(0, f"stopped: {failure}")
			except WebDriverException as error:
				walk.problems.insert(0, f"browser error: {error.msg or error!r}".splitlines()[0])
				walk.shot("browser error")
			except Exception as error:
				walk.problems.insert(0, f"{type(error).__name__}: {error}")
				traceback.print_exc()
				walk.shot("error")
			walk.problems += walk.findings()
			seconds = time.monotonic() - started
			verdict = "FAIL" if walk.problems else "PASS"
			passed += verdict == "PASS"
			failed += verdict == "FAIL"
			reason = "; ".join(walk.problems) if walk.problems else detail
			print(
				f"{verdict} {journey.name} [{', '.join(sorted(walk.people))}; {seconds:.0f} s]: {reason}"
				f"  (screenshots {out})",
				flush=True,
			)
	finally:
		browser.quit()
	print(f"browser: {passed} passed, {failed} failed")
	return 1 if failed else 0


if __name__ == "__main__":
	sys.exit(main())
