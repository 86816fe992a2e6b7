"""Summarise test reports: JUnit XML files written by `bench run-tests --junit-xml-output` or pytest, or,
where a bench's run-tests writes no XML (Frappe 16 opens the file and never fills it), the run's console log.

python3 junit_summary.py FILE...             -> "N passed, N failed, N skipped" and the failing ids
python3 junit_summary.py --ids FILE...       -> only the failing test ids, one per line

A FILE ending in .log is read as the console output of `bench run-tests`: the runner's ✔ per passed test (or,
without them, unittest's "Ran N tests" less its "FAILED (failures=…, errors=…, skipped=…)"), and the
" ERROR " / " FAIL " headers of unittest's error list for the failing ids. A batch the runner announced
("Running N … tests for APP") and never finished ("Ran N tests") counts as a failure.
"""

import re
import sys
import xml.etree.ElementTree as ET

ANSI = re.compile(r"\x1b\[[0-9;]*m")
RUNNING = re.compile(r"^Running \d+ .*tests? for ")
RAN = re.compile(r"^Ran (\d+) tests? in ")
OUTCOME = re.compile(r"^(OK|FAILED)\b(?: \((.*)\))?\s*$")
PASSED_MARK = re.compile(r"^\s+✔\s")
FAILING_HEADER = re.compile(r"^ ?(?:ERROR|FAIL) +(\S+) \(([\w.]+)\)")


def read_xml(path: str) -> tuple[int, int, list[str]]:
	passed = skipped = 0
	failing = []
	for case in ET.parse(path).getroot().iter("testcase"):
		test_id = f"{case.get('classname')}.{case.get('name')}"
		if case.find("failure") is not None or case.find("error") is not None:
			failing.append(test_id)
		elif case.find("skipped") is not None:
			skipped += 1
		else:
			passed += 1
	return passed, skipped, failing


def failing_id(method: str, described: str) -> str:
	"""unittest describes a test as "test_x (module.Class.test_x)" (Python 3.11+) or "test_x (module.Class)",
	and a failed class or module set-up as "setUpClass (module.Class)"."""
	return described if described.endswith(f".{method}") else f"{described}.{method}"


def read_log(path: str) -> tuple[int, int, list[str]]:
	ran = unsuccessful = skipped = marked_passed = unfinished = 0
	started = False  # a "Running N … tests" announced and its "Ran" not yet seen
	failing = []
	with open(path, encoding="utf-8", errors="replace") as log:
		for raw in log:
			line = ANSI.sub("", raw).rstrip("\n")
			if PASSED_MARK.match(line):
				marked_passed += 1
			elif RUNNING.match(line):
				unfinished += started
				started = True
			elif match := RAN.match(line):
				started = False
				ran += int(match.group(1))
			elif match := OUTCOME.match(line):
				for part in (match.group(2) or "").split(","):
					key, _, value = part.strip().partition("=")
					if key in ("failures", "errors", "unexpected_successes"):
						unsuccessful += int(value)
					elif key == "skipped":
						skipped += int(value)
			elif match := FAILING_HEADER.match(line):
				failing.append(failing_id(*match.groups()))
	if unsuccessful and not failing:  # counted but not named: still failures
		failing = [f"{path}: {unsuccessful} unnamed failures"]
	if unfinished + started:  # the runner stopped (an error outside any test) before the end of a batch
		failing.append(f"{path}: {unfinished + started} test batches stopped before their end")
	# a class whose set-up failed counts among the errors but not among the tests run: the marks are exact
	passed = marked_passed if marked_passed else max(ran - unsuccessful - skipped, 0)
	return passed, skipped, failing


def read(paths: list[str]) -> tuple[int, int, list[str]]:
	passed = skipped = 0
	failing = []
	for path in paths:
		file_passed, file_skipped, file_failing = (read_log if path.endswith(".log") else read_xml)(path)
		passed += file_passed
		skipped += file_skipped
		failing += file_failing
	return passed, skipped, sorted(set(failing))


def main(argv: list[str]) -> int:
	ids_only = argv[:1] == ["--ids"]
	passed, skipped, failing = read(argv[1:] if ids_only else argv)
	if ids_only:
		print("\n".join(failing))
		return 0
	print(f"{passed} passed, {len(failing)} failed, {skipped} skipped")
	for test_id in failing:
		print(f"  failed: {test_id}")
	return 0


if __name__ == "__main__":
	sys.exit(main(sys.argv[1:]))
