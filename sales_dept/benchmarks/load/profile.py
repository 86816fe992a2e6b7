"""What py-spy saw in the gunicorn workers (scripts/load-test --profile): the functions holding the most
samples, on their own (self) and with what they call (inclusive). No frappe here.

	python -m sales_dept.benchmarks.load.profile PROFILE.txt   (py-spy record --format raw)
"""

import sys
from collections import Counter

TOP = 25


def read_stacks(lines) -> Counter:
	"""py-spy's raw (collapsed) lines 'frame;frame;... COUNT' -> stack tuple -> samples."""
	stacks = Counter()
	for line in lines:
		line = line.rstrip()
		stack, _, count = line.rpartition(" ")
		if not stack or not count.isdigit():
			continue
		frames = tuple(frame for frame in stack.split(";") if not frame.startswith("process "))
		stacks[frames] += int(count)
	return stacks


def where(frame: str) -> str:
	"""'get_value (frappe/database/database.py:512)' -> 'get_value (frappe/database/database.py)'."""
	name, _, place = frame.partition(" (")
	path = place.rsplit(":", 1)[0].rstrip(")")
	for marker in ("/apps/", "/site-packages/", "/lib/python"):
		if marker in path:
			path = path.split(marker, 1)[1]
			break
	return f"{name} ({path})" if path else name


def top_functions(stacks: Counter, top: int = TOP) -> tuple[int, list, list]:
	"""(all samples, [(function, self samples)], [(function, inclusive samples)]) by most samples."""
	own, inclusive = Counter(), Counter()
	for frames, count in stacks.items():
		if not frames:
			continue
		own[where(frames[-1])] += count
		for function in {where(frame) for frame in frames}:
			inclusive[function] += count
	return sum(stacks.values()), own.most_common(top), inclusive.most_common(top)


def main(path: str):
	with open(path) as file:
		total, own, inclusive = top_functions(read_stacks(file))
	print(f"py-spy: {total} samples of the gunicorn workers (idle ones included: waiting in accept/select)")
	for title, rows in (("self", own), ("inclusive", inclusive)):
		print(f"-- top by {title} samples")
		for function, count in rows:
			print(f"{count / max(total, 1) * 100:6.1f}%  {function}")


if __name__ == "__main__":
	main(sys.argv[1])
