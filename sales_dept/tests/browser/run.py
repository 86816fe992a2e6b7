"""Run the browser checks against a served site and print one line per check:

	python -m sales_dept.tests.browser.run --base-url http://127.0.0.1:8030 --fixtures fixtures.json --out DIR

`fixtures.json` is what `sales_dept.tests.browser.fixtures.make` returned on that site. Each check prints
PASS or FAIL with its reason and leaves DIR/NN-<check>.png; the last line is
`browser: N passed, N failed`, and the exit code is 1 when a check failed.
"""

import argparse
import json
import sys
import time
import traceback
from pathlib import Path

from selenium.common.exceptions import WebDriverException

from sales_dept.tests.browser.checks import CHECKS
from sales_dept.tests.browser.harness import Browser, CheckFailed


def main(argv: list[str] | None = None) -> int:
	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument("--base-url", required=True)
	parser.add_argument("--fixtures", required=True, type=Path)
	parser.add_argument("--out", required=True, type=Path)
	parser.add_argument("--chromium", default="/usr/bin/chromium")
	parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
	parser.add_argument("--only", action="append", help="run only the check of this name (repeatable)")
	args = parser.parse_args(argv)

	fixtures = json.loads(args.fixtures.read_text(encoding="utf-8"))
	args.out.mkdir(parents=True, exist_ok=True)
	checks = [check for check in CHECKS if not args.only or check.name in args.only]
	passed = failed = 0
	try:
		browser = Browser(args.base_url, args.out, args.chromium, args.chromedriver)
	except WebDriverException as error:
		print(f"FAIL start-chromium: {error.msg or error!r}".splitlines()[0])
		print("browser: 0 passed, 1 failed")
		return 1
	try:
		for number, check in enumerate(checks, 1):
			started = time.monotonic()
			try:
				browser.use_viewport(check.viewport)
				browser.login(fixtures[check.user]["user"], fixtures["password"])
				detail = check.run(browser, fixtures)
				verdict, reason = "PASS", detail or ""
			except CheckFailed as failure:
				verdict, reason = "FAIL", str(failure)
			except WebDriverException as error:
				verdict, reason = "FAIL", f"browser error: {error.msg or error!r}".splitlines()[0]
			except Exception as error:
				verdict, reason = "FAIL", f"{type(error).__name__}: {error}"
				traceback.print_exc()
			screenshot = browser.screenshot(f"{number:02d}-{check.name}")
			passed += verdict == "PASS"
			failed += verdict == "FAIL"
			seconds = time.monotonic() - started
			print(
				f"{verdict} {check.name} [{check.viewport.name} as {check.user}, {seconds:.1f} s]: {reason}"
				f"  (screenshot {screenshot})",
				flush=True,
			)
	finally:
		browser.quit()
	print(f"browser: {passed} passed, {failed} failed")
	return 1 if failed else 0


if __name__ == "__main__":
	sys.exit(main())
