"""Tier 1: the decisions of scripts/bench-setup and of the bench finding in scripts/bench-env.sh.

Each test sources scripts/bench-setup in bash (sourced, it only defines its functions) against a bench
directory made here, with the commands it would run (apt, MariaDB, bench) replaced by stubs: no network, no
bench, no services, a few milliseconds each.
"""

import fcntl
import socket
import stat
import subprocess
import tempfile
import unittest
from pathlib import Path

SETUP = Path(__file__).resolve().parent / "bench-setup"


class BenchSetupCase(unittest.TestCase):
	def setUp(self):
		self._tmp = tempfile.TemporaryDirectory()
		self.tmp = Path(self._tmp.name)
		self.home = self.tmp / "home"
		self.home.mkdir()
		self.bench = self.tmp / "bench"
		self.bin = self.tmp / "bin"  # stub commands, first on PATH
		self.bin.mkdir()

	def tearDown(self):
		self._tmp.cleanup()

	def bash(self, script, **env):
		"""Runs SCRIPT after sourcing bench-setup; PATH has the stubs and the system, not /usr/local/bin."""
		environment = {
			"PATH": f"{self.bin}:/usr/bin:/bin",
			"HOME": str(self.home),
			"SALES_DEPT_BENCH": str(self.bench),
			"LC_ALL": "C",
		}
		environment.update(env)
		return subprocess.run(
			["bash", "-c", f'source "{SETUP}" || exit 99\n{script}'],
			env=environment,
			capture_output=True,
			text=True,
			timeout=30,
		)

	def out(self, script, **env):
		result = self.bash(script, **env)
		self.assertEqual(result.returncode, 0, result.stderr + result.stdout)
		return result.stdout.strip()

	def stub(self, name, body="exit 0"):
		path = self.bin / name
		path.write_text(f"#!/bin/sh\n{body}\n")
		path.chmod(path.stat().st_mode | stat.S_IXUSR)

	def make_complete_bench(self):
		for folder in ("apps/frappe", "apps/erpnext", "env/bin", "sites"):
			(self.bench / folder).mkdir(parents=True, exist_ok=True)
		python = self.bench / "env/bin/python"
		python.write_text('#!/bin/sh\nexec python3 "$@"\n')
		python.chmod(0o755)
		(self.bench / "sites/common_site_config.json").write_text('{"root_password": "from-bench"}')
		(self.bench / "sites/apps.txt").write_text("frappe\nerpnext\n")

	def mark(self, *lines, done=False):
		(self.bench / ".sales_dept-bench-setup").write_text(
			"".join(f"{line}\n" for line in ("started",) + lines)
		)
		if done:
			(self.bench / ".sales_dept-bench-setup-done").write_text("finished\n")


class TestBenchState(BenchSetupCase):
	def test_no_directory_or_an_empty_one_is_absent(self):
		self.assertEqual(self.out("bench_state"), "absent")
		self.bench.mkdir()
		self.assertEqual(self.out("bench_state"), "absent")

	def test_complete_bench_built_elsewhere_is_ready_and_found_with_a_bench_command(self):
		self.make_complete_bench()
		self.assertEqual(self.out("bench_state"), "ready")
		self.assertEqual(self.out("bench_found && echo found || echo missing"), "missing")  # no bench command
		self.stub("bench")
		self.assertEqual(self.out("bench_found && echo found || echo missing"), "found")

	def test_started_and_not_finished_is_partial_even_when_it_looks_complete(self):
		self.make_complete_bench()
		self.stub("bench")
		self.mark("done bench-init", "done bench-config", "done erpnext")
		self.assertEqual(self.out("bench_state"), "partial")
		self.assertEqual(self.out("bench_found && echo found || echo missing"), "missing")

	def test_finished_by_bench_setup_is_ready(self):
		self.make_complete_bench()
		self.mark("done bench-init", "done bench-config", "done erpnext", "done assets", done=True)
		self.assertEqual(self.out("bench_state"), "ready")

	def test_finished_then_a_part_lost_is_partial_again(self):
		self.make_complete_bench()
		self.mark("done bench-init", "done bench-config", "done erpnext", "done assets", done=True)
		(self.bench / "apps/erpnext").rmdir()
		self.assertEqual(self.out("bench_state"), "partial")

	def test_something_else_is_foreign(self):
		self.bench.mkdir()
		(self.bench / "notes.txt").write_text("mine")
		self.assertEqual(self.out("bench_state"), "foreign")
		self.make_complete_bench()
		(self.bench / "apps/erpnext").rmdir()  # a frappe bench without erpnext, not ours
		self.assertEqual(self.out("bench_state"), "foreign")

	def test_bench_path_default_and_trailing_slash(self):
		self.assertEqual(self.out('echo "$BENCH"', SALES_DEPT_BENCH=""), f"{self.home}/frappe-bench")
		self.assertEqual(self.out('echo "$BENCH"', SALES_DEPT_BENCH=f"{self.bench}/"), str(self.bench))


class TestEnsureBench(BenchSetupCase):
	"""What demo-site and run-tests do when they look for the bench (run_bench_setup stubbed)."""

	BUILD = 'run_bench_setup() { echo BUILT >"$HOME/built"; mkdir -p "$BENCH"; %s; }\n'

	def ensure(self, build="true", **env):
		script = self.BUILD % build + 'ensure_bench; echo "rc=$? missing=$BENCH_MISSING"'
		return self.bash(script, **env)

	def built(self):
		return (self.home / "built").exists()

	def test_absent_bench_is_built_first(self):
		self.stub("bench")
		result = self.ensure(
			f"mkdir -p {self.bench}/apps/frappe {self.bench}/apps/erpnext {self.bench}/env/bin {self.bench}/sites"
			f" && cp /bin/true {self.bench}/env/bin/python && echo '{{}}' >{self.bench}/sites/common_site_config.json"
		)
		self.assertIn("no bench at", result.stdout)
		self.assertIn("building one first with scripts/bench-setup", result.stdout)
		self.assertTrue(result.stdout.strip().endswith("rc=0 missing="), result.stdout)
		self.assertTrue(self.built())

	def test_half_built_bench_is_finished(self):
		self.bench.mkdir()
		self.mark("done bench-init")
		result = self.ensure()
		self.assertIn("half-built", result.stdout)
		self.assertTrue(self.built())

	def test_bootstrap_off_builds_nothing(self):
		result = self.ensure(SALES_DEPT_BOOTSTRAP="0")
		self.assertFalse(self.built())
		self.assertIn("No Frappe bench with ERPNext was found", result.stdout)
		self.assertIn("rc=1 missing=no bench at", result.stdout)

	def test_foreign_directory_is_left_alone(self):
		self.bench.mkdir()
		(self.bench / "notes.txt").write_text("mine")
		result = self.ensure()
		self.assertFalse(self.built())
		self.assertIn("is not a Frappe bench with ERPNext", result.stdout)
		self.assertIn("rc=1", result.stdout)
		self.assertEqual((self.bench / "notes.txt").read_text(), "mine")

	def test_failed_build_is_reported_apart(self):
		result = self.ensure("false")
		self.assertTrue(self.built())
		self.assertIn("rc=2 missing=scripts/bench-setup failed", result.stdout)

	def test_found_bench_is_used_as_it_is(self):
		self.make_complete_bench()
		self.stub("bench")
		result = self.ensure()
		self.assertFalse(self.built())
		self.assertEqual(result.stdout.strip(), "rc=0 missing=")


class TestSettings(BenchSetupCase):
	SHOW = 'echo "$FRAPPE_REPO $FRAPPE_BRANCH $ERPNEXT_REPO $ERPNEXT_BRANCH"'

	def test_sources_default_to_upstream_version_15(self):
		self.assertEqual(
			self.out(self.SHOW),
			"https://github.com/frappe/frappe version-15 https://github.com/frappe/erpnext version-15",
		)

	def test_sources_from_a_mirror(self):
		shown = self.out(
			self.SHOW,
			SALES_DEPT_FRAPPE_REPO="https://git.example.com/frappe.git",
			SALES_DEPT_FRAPPE_BRANCH="v15-company",
			SALES_DEPT_ERPNEXT_REPO="/srv/mirrors/erpnext",
			SALES_DEPT_ERPNEXT_BRANCH="v15-erp",
		)
		self.assertEqual(shown, "https://git.example.com/frappe.git v15-company /srv/mirrors/erpnext v15-erp")

	def test_db_root_password_from_the_variable_first(self):
		self.make_complete_bench()
		script = 'resolve_db_root_password; echo "$DB_ROOT_PASSWORD|$DB_ROOT_PASSWORD_SOURCE"'
		self.assertEqual(
			self.out(script, SALES_DEPT_DB_ROOT_PASSWORD="s3cret"), "s3cret|SALES_DEPT_DB_ROOT_PASSWORD"
		)
		self.assertEqual(
			self.out(script, SALES_DEPT_DB_ROOT_PASSWORD=""),
			"from-bench|the bench's sites/common_site_config.json",
		)

	def test_db_root_password_then_the_saved_one_then_none(self):
		script = 'resolve_db_root_password; echo "$DB_ROOT_PASSWORD|$DB_ROOT_PASSWORD_SOURCE"'
		self.assertEqual(self.out(script), "|")
		saved = self.home / ".config/sales_dept/mariadb-root-password"
		saved.parent.mkdir(parents=True)
		saved.write_text("generated\n")
		self.assertEqual(self.out(script), f"generated|{saved}")

	def test_arguments(self):
		result = self.bash(f'bash "{SETUP}" --bogus')
		self.assertEqual(result.returncode, 2)
		self.assertIn("usage:", result.stderr)
		help_text = self.out(f'bash "{SETUP}" --help')
		for variable in (
			"SALES_DEPT_DB_ROOT_PASSWORD",
			"SALES_DEPT_FRAPPE_REPO",
			"SALES_DEPT_ERPNEXT_BRANCH",
		):
			self.assertIn(variable, help_text)

	def test_status_names_the_finished_steps_and_changes_nothing(self):
		self.bench.mkdir()
		self.mark("done bench-init", "done bench-config")
		shown = self.out(f'bash "{SETUP}" --status')
		self.assertIn("state: partial", shown)
		self.assertIn("finished steps: bench-init bench-config", shown)
		self.assertFalse((self.home / ".cache").exists())


class TestDecisions(BenchSetupCase):
	def test_major_versions(self):
		for version, major in (
			("v20.20.2", "20"),
			("18.20.4+dfsg-1~deb12u3", "18"),
			("12.22.9~dfsg-1ubuntu3", "12"),
			("20.20.2-1nodesource1", "20"),
			("5:7.0.15-1~deb12u10", "7"),
			("", "0"),
		):
			with self.subTest(version=version):
				self.assertEqual(self.out(f'major_of "{version}"'), major)

	def test_node_plan(self):
		for installed, distribution, plan in (
			(20, 18, "keep"),
			(18, 12, "keep"),
			(0, 18, "distribution"),  # Debian 12, Ubuntu 24.04
			(0, 12, "nodesource"),  # Ubuntu 22.04
			(12, 12, "nodesource"),
			(16, 0, "nodesource"),
		):
			with self.subTest(installed=installed, distribution=distribution):
				self.assertEqual(self.out(f"node_plan {installed} {distribution}"), plan)

	def test_bench_cli_version(self):
		for version, usable in (("5.31.1", True), ("5.22.9", True), ("4.1.0", False), ("", False)):
			with self.subTest(version=version):
				shown = self.out(f'bench_cli_usable "{version}" && echo yes || echo no')
				self.assertEqual(shown, "yes" if usable else "no")

	def test_only_missing_packages_are_installed(self):
		script = 'package_installed() { [ "$1" != redis-server ] && [ "$1" != wkhtmltopdf ]; }\n'
		self.assertEqual(
			self.out(script + "missing_packages git redis-server curl wkhtmltopdf"),
			"redis-server\nwkhtmltopdf",
		)
		self.assertEqual(self.out("package_installed() { true; }\nmissing_packages git curl"), "")

	def test_free_port_skips_a_port_in_use(self):
		with socket.socket() as listener:
			listener.bind(("127.0.0.1", 0))
			listener.listen()
			taken = listener.getsockname()[1]
			chosen = int(self.out(f"free_port {taken}"))
		self.assertGreater(chosen, taken)

	def test_recorded_steps(self):
		self.bench.mkdir()
		self.mark("done bench-init", "done erpnext")
		shown = self.out(
			"recorded_steps; step_recorded assets && echo yes || echo no; record_step assets; recorded_steps"
		)
		self.assertEqual(shown.splitlines(), ["bench-init erpnext", "no", "bench-init erpnext assets"])


class TestSteps(BenchSetupCase):
	PRELUDE = 'LOG="$HOME/setup.log"; : >"$LOG"\n'

	def test_recorded_step_whose_check_passes_is_skipped(self):
		self.bench.mkdir()
		self.mark("done bench-init")
		shown = self.out(
			self.PRELUDE + 'work() { echo RAN; }\ncheck() { true; }\nrun_step bench-init "init" work check'
		)
		self.assertNotIn("RAN", shown)
		self.assertIn("already done", shown)

	def test_recorded_step_whose_check_fails_is_redone_and_recorded(self):
		self.bench.mkdir()
		self.mark()
		shown = self.out(
			self.PRELUDE + 'work() { echo RAN; }\ncheck() { false; }\nrun_step erpnext "get it" work check'
		)
		self.assertIn("RAN", shown)
		self.assertIn("done erpnext", (self.bench / ".sales_dept-bench-setup").read_text())

	def test_failed_step_ends_with_one_line_naming_it_and_what_to_do(self):
		result = self.bash(
			self.PRELUDE + 'work() { echo "apt said no" >>"$LOG"; STEP_HINT="do this"; return 1; }\n'
			'run_step packages "system packages" work\necho NOT REACHED'
		)
		self.assertEqual(result.returncode, 1)
		self.assertNotIn("NOT REACHED", result.stdout)
		self.assertIn("| apt said no", result.stdout)
		last = result.stderr.strip().splitlines()[-1]
		self.assertIn("bench-setup failed", last)
		self.assertIn("at step 1/8 (packages): do this.", last)
		self.assertIn("Run the same command again", last)

	def test_timings_are_printed_per_step(self):
		shown = self.out(self.PRELUDE + "work() { STEP_RESULT=fine; }\nrun_step node Node work")
		self.assertRegex(shown, r"fine \(\d+\.\d s\)")

	def test_half_built_bench_with_sites_is_never_removed(self):
		self.make_complete_bench()
		self.mark()
		site = self.bench / "sites/one.localhost"
		site.mkdir()
		(site / "site_config.json").write_text("{}")
		result = self.bash(self.PRELUDE + 'step_bench_init; echo "rc=$? $STEP_HINT"')
		self.assertIn("rc=1", result.stdout)
		self.assertIn("has sites", result.stdout)
		self.assertTrue((site / "site_config.json").exists())

	def test_half_built_bench_init_is_started_again_from_scratch(self):
		self.bench.mkdir()
		self.mark()
		(self.bench / "leftover").write_text("x")
		self.stub("bench", 'echo "bench $*" >>"$HOME/bench.calls"; exit 1')  # bench init "fails" here
		result = self.bash(self.PRELUDE + 'step_bench_init; echo "rc=$?"')
		self.assertIn("rc=1", result.stdout)
		self.assertFalse((self.bench / "leftover").exists())
		self.assertTrue((self.bench / ".sales_dept-bench-setup").read_text().startswith("started"))
		call = (self.home / "bench.calls").read_text()
		self.assertIn(
			f"init {self.bench} --ignore-exist --frappe-path https://github.com/frappe/frappe", call
		)
		self.assertIn("--frappe-branch version-15", call)

	def test_foreign_directory_stops_before_anything_is_installed(self):
		self.bench.mkdir()
		(self.bench / "notes.txt").write_text("mine")
		result = self.bash(f'bash "{SETUP}"')
		self.assertEqual(result.returncode, 1)
		self.assertNotIn("1/8 packages", result.stdout)
		self.assertIn("before step 1", result.stderr)

	def test_a_second_run_on_the_same_bench_waits_for_the_first(self):
		lock = Path(self.out('echo "$LOCK"'))
		lock.parent.mkdir(parents=True)
		with open(lock, "w") as held:
			fcntl.flock(held, fcntl.LOCK_EX)
			result = self.bash(f'bash "{SETUP}"')
		self.assertEqual(result.returncode, 1)
		self.assertIn("another scripts/bench-setup is building", result.stderr)


class TestMariaDB(BenchSetupCase):
	"""The root password is set only on a MariaDB whose root has none; an existing one is never changed."""

	def mariadb(self, *, tcp_login, socket_login=True, root_has_password=False, settings_ok=True, **env):
		calls = self.home / "sql.calls"
		script = f"""
			LOG="$HOME/setup.log"; : >"$LOG"
			MARIADB_CNF="$HOME/frappe.cnf"
			as_root() {{ "$@"; }}
			start_mariadb() {{ true; }}
			restart_mariadb() {{ echo restart >>"{calls}"; }}
			SETTINGS_OK={"1" if settings_ok else "0"}
			mariadb_root() {{  # logs in with the password it has, or once one was set
				{"true" if tcp_login else "false"} || grep -q ALTER "{calls}" 2>/dev/null || return 1
				case "$1" in
					"select @@character_set_server"*) [ "$SETTINGS_OK" = 1 ] && printf 'utf8mb4\\tutf8mb4_unicode_ci\\n' || printf 'latin1\\tlatin1_swedish_ci\\n' ;;
					"show global variables"*) printf 'innodb_read_only_compressed\\tOFF\\n' ;;
					"select version()") echo 10.11.6-MariaDB ;;
					*) echo 1 ;;
				esac
			}}
			mariadb_socket_root() {{
				{"true" if socket_login else "false"} || return 1
				echo "$1" >>"{calls}"
				case "$1" in *"count(*)"*) echo {1 if root_has_password else 0} ;; "select 1") echo 1 ;; esac
			}}
			step_mariadb; echo "rc=$?"; echo "result=$STEP_RESULT"; echo "hint=$STEP_HINT"
		"""
		shown = self.out(script, **env)
		return shown, (calls.read_text() if calls.exists() else "")

	def test_known_password_changes_nothing(self):
		shown, calls = self.mariadb(tcp_login=True, SALES_DEPT_DB_ROOT_PASSWORD="root")
		self.assertIn("rc=0", shown)
		self.assertIn("root password from SALES_DEPT_DB_ROOT_PASSWORD", shown)
		self.assertNotIn("ALTER", calls)
		self.assertNotIn("restart", calls)

	def test_other_existing_password_is_never_changed(self):
		shown, calls = self.mariadb(
			tcp_login=False, root_has_password=True, SALES_DEPT_DB_ROOT_PASSWORD="guess"
		)
		self.assertIn("rc=1", shown)
		self.assertIn("already has a password", shown)
		self.assertIn("set SALES_DEPT_DB_ROOT_PASSWORD to it", shown)
		self.assertNotIn("ALTER", calls)

	def test_refused_everywhere_asks_for_the_password(self):
		shown, calls = self.mariadb(tcp_login=False, socket_login=False)
		self.assertIn("rc=1", shown)
		self.assertIn("set SALES_DEPT_DB_ROOT_PASSWORD to MariaDB's root password", shown)
		self.assertEqual(calls, "")

	def test_fresh_server_gets_the_given_password(self):
		shown, calls = self.mariadb(tcp_login=False, SALES_DEPT_DB_ROOT_PASSWORD="it's")
		self.assertIn("PASSWORD('it''s') OR unix_socket", calls)
		self.assertIn("root password set (from SALES_DEPT_DB_ROOT_PASSWORD)", shown)

	def test_fresh_server_without_one_gets_a_generated_password_kept_first(self):
		shown, calls = self.mariadb(tcp_login=False)
		saved = self.home / ".config/sales_dept/mariadb-root-password"
		password = saved.read_text().strip()
		self.assertEqual(len(password), 24)
		self.assertEqual(stat.S_IMODE(saved.stat().st_mode), 0o600)
		self.assertIn(f"PASSWORD('{password}')", calls)
		self.assertIn(f"root password set (from {saved})", shown)

	def test_wrong_settings_write_the_config_and_restart(self):
		shown, calls = self.mariadb(tcp_login=True, settings_ok=False, SALES_DEPT_DB_ROOT_PASSWORD="root")
		cnf = (self.home / "frappe.cnf").read_text()
		for line in (
			"character-set-server = utf8mb4",
			"collation-server = utf8mb4_unicode_ci",
			"innodb-read-only-compressed = OFF",
		):
			self.assertIn(line, cnf)
		self.assertIn("restart", calls)
		self.assertIn("rc=1", shown)  # the stub still reports latin1 after the restart: said, not hidden
		self.assertIn("after", shown)


if __name__ == "__main__":
	unittest.main()
