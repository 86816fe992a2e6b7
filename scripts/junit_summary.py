"""Summarise JUnit XML files written by `bench run-tests --junit-xml-output` or pytest.

python3 junit_summary.py FILE...             -> "N passed, N failed, N skipped" and the failing ids
python3 junit_summary.py --ids FILE...       -> only the failing test ids, one per line
"""

import sys
import xml.etree.ElementTree as ET


def read(paths: list[str]) -> tuple[int, int, list[str]]:
	passed = skipped = 0
	failing = []
	for path in paths:
		for case in ET.parse(path).getroot().iter("testcase"):
			test_id = f"{case.get('classname')}.{case.get('name')}"
			if case.find("failure") is not None or case.find("error") is not None:
				failing.append(test_id)
			elif case.find("skipped") is not None:
				skipped += 1
			else:
				passed += 1
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
