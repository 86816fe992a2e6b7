# Shared by scripts/demo-site, scripts/run-tests and scripts/bench-setup (sourced, not run).
# Finds the bench (or has scripts/bench-setup build it), starts the services it needs and puts this
# checkout into it as apps/sales_dept.

CHECKOUT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="${SALES_DEPT_BENCH:-$HOME/frappe-bench}"
BENCH="${BENCH%/}"
export BENCH_DISABLE_UV=1  # bench 5.31 would otherwise install apps with uv

# scripts/bench-setup writes BENCH_SETUP_PROGRESS when it starts building a bench (one line per finished
# step) and BENCH_SETUP_DONE only at the very end: a bench with the first and not the second is half-built.
BENCH_SETUP_PROGRESS="$BENCH/.sales_dept-bench-setup"
BENCH_SETUP_DONE="$BENCH/.sales_dept-bench-setup-done"
# Where scripts/bench-setup installs the bench CLI when there is none on PATH (then linked as `bench`).
BENCH_CLI_HOME="${XDG_DATA_HOME:-$HOME/.local/share}/sales_dept/bench-cli"
if ! command -v bench >/dev/null 2>&1 && [ -x "$BENCH_CLI_HOME/bin/bench" ]; then
	PATH="$PATH:$BENCH_CLI_HOME/bin"
fi

say() { printf '\033[1m[sales_dept]\033[0m %s\n' "$*"; }

# A machine's own settings for these scripts (not in the repository), e.g. a second bench of another Frappe
# major: SALES_DEPT_BENCH_V16 (its directory as seen from here) and SALES_DEPT_BENCH_V16_EXEC (a command that
# runs its arguments with that bench's directory as working directory, with its services up: a container
# or chroot entry, say).
SALES_DEPT_CONFIG="${SALES_DEPT_CONFIG:-$HOME/.config/sales_dept/env}"
# shellcheck disable=SC1090
[ -f "$SALES_DEPT_CONFIG" ] && source "$SALES_DEPT_CONFIG"

# BENCH_EXEC: how to run a command in $BENCH; empty for a bench on this machine.
BENCH_EXEC="${BENCH_EXEC:-}"
bench_run() {  # bench_run COMMAND... -> run in the bench's directory
	if [ -n "$BENCH_EXEC" ]; then
		$BENCH_EXEC "$@"
	else
		(cd "$BENCH" && "$@")
	fi
}
bench_in() { bench_run bench "$@"; }

use_v16_bench() {  # $BENCH becomes the Frappe/ERPNext 16 bench the machine's settings name (run through its command)
	if [ ! -d "${SALES_DEPT_BENCH_V16:-}/apps/frappe" ]; then
		say "no Frappe 16 bench: set SALES_DEPT_BENCH_V16 (and SALES_DEPT_BENCH_V16_EXEC) in $SALES_DEPT_CONFIG"
		return 1
	fi
	BENCH="${SALES_DEPT_BENCH_V16%/}" BENCH_EXEC="${SALES_DEPT_BENCH_V16_EXEC:-}"
}

on_v16_bench() {  # on_v16_bench COMMAND... -> COMMAND run with the Frappe 16 bench as $BENCH (put back after)
	local BENCH="$BENCH" BENCH_EXEC="$BENCH_EXEC"
	use_v16_bench && "$@"
}

purge_site_jobs() {  # purge_site_jobs SITE -> the site's queued background jobs dropped: a bench whose worker
	# is not running keeps them, and Frappe 16 refuses new jobs once 500 (and 50 a site) are waiting
	bench_in purge-jobs --site "$1" >/dev/null 2>&1 || true
}

as_root() {  # as_root COMMAND... -> run as root: directly when root, else through sudo
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		say "'$*' needs root: run this as root, or install sudo and give $(id -un) the right to use it"
		return 1
	fi
}

bench_complete() {  # a Frappe bench with ERPNext: its Python, frappe, erpnext and its sites config
	[ -x "$BENCH/env/bin/python" ] && [ -d "$BENCH/apps/frappe" ] && [ -d "$BENCH/apps/erpnext" ] \
		&& [ -f "$BENCH/sites/common_site_config.json" ]
}

bench_state() {  # absent | partial | ready | foreign
	# absent: no directory (or an empty one); partial: scripts/bench-setup started it and did not finish
	# (or what it finished lost a part); ready: a complete bench; foreign: something else, left alone.
	if [ ! -e "$BENCH" ] || { [ -d "$BENCH" ] && [ -z "$(ls -A "$BENCH" 2>/dev/null)" ]; }; then
		echo absent
	elif [ -f "$BENCH_SETUP_PROGRESS" ] && { [ ! -f "$BENCH_SETUP_DONE" ] || ! bench_complete; }; then
		echo partial
	elif bench_complete; then
		echo ready
	else
		echo foreign
	fi
}

bench_found() {
	[ "$(bench_state)" = ready ] && command -v bench >/dev/null 2>&1
}

explain_missing_bench() {
	cat <<MSG
No Frappe bench with ERPNext was found at $BENCH.
Build one with scripts/bench-setup (the README's "The two commands" says what it installs), or point
SALES_DEPT_BENCH at an existing Frappe v15 + ERPNext v15 bench, e.g.  SALES_DEPT_BENCH=/path/to/frappe-bench $0
MSG
}

explain_foreign_bench() {
	cat <<MSG
$BENCH exists but is not a Frappe bench with ERPNext, and scripts/bench-setup did not start it, so it is
left alone. Add ERPNext to it (bench get-app erpnext --branch version-15), move it away, or point
SALES_DEPT_BENCH at another directory (one that does not exist yet is built for you).
MSG
}

run_bench_setup() { "$CHECKOUT/scripts/bench-setup"; }

BENCH_MISSING=""  # why ensure_bench found no bench, for a report
ensure_bench() {  # 0: a bench is there (built first when there was none); 1: none, not built; 2: building failed
	bench_found && return 0
	local state
	state=$(bench_state)
	if [ "$state" = foreign ]; then
		explain_foreign_bench
		BENCH_MISSING="$BENCH is not a bench"
		return 1
	fi
	if [ "${SALES_DEPT_BOOTSTRAP:-1}" = 0 ]; then
		explain_missing_bench
		BENCH_MISSING="no bench at $BENCH; SALES_DEPT_BOOTSTRAP=0"
		return 1
	fi
	case "$state" in
		absent) say "no bench at $BENCH: building one first with scripts/bench-setup (Frappe and ERPNext v15: a few minutes, more where everything is downloaded; SALES_DEPT_BOOTSTRAP=0 not to)" ;;
		partial) say "the bench at $BENCH was left half-built by an interrupted scripts/bench-setup: finishing it" ;;
		ready) say "the bench at $BENCH is complete but there is no bench command: installing it with scripts/bench-setup" ;;
	esac
	if run_bench_setup && bench_found; then
		return 0
	fi
	BENCH_MISSING="scripts/bench-setup failed for $BENCH"
	return 2
}

common_config() {  # common_config KEY -> value from sites/common_site_config.json
	python3 -c "import json,sys; print(json.load(open(sys.argv[1])).get(sys.argv[2]) or '')" \
		"$BENCH/sites/common_site_config.json" "$1"
}

site_config() {  # site_config SITE KEY -> the site's value: its site_config.json, else common_site_config.json
	python3 -c "import json,sys; v = json.load(open(sys.argv[1])).get(sys.argv[3]); print(v or json.load(open(sys.argv[2])).get(sys.argv[3]) or '')" \
		"$BENCH/sites/$1/site_config.json" "$BENCH/sites/common_site_config.json" "$2"
}

start_mariadb() {
	mysqladmin ping --silent >/dev/null 2>&1 && return 0
	say "starting MariaDB"
	if [ -d /run/systemd/system ]; then
		as_root systemctl start mariadb >/dev/null 2>&1 || true
	elif command -v service >/dev/null 2>&1 && [ -x /etc/init.d/mariadb ]; then
		as_root service mariadb start >/dev/null 2>&1 || true
	fi
	if ! mysqladmin ping --silent >/dev/null 2>&1; then  # no init system (a container)
		as_root mkdir -p /run/mysqld && as_root chown mysql:mysql /run/mysqld 2>/dev/null
		(as_root nohup mysqld_safe >/dev/null 2>&1 &)
	fi
	for _ in $(seq 1 60); do
		mysqladmin ping --silent >/dev/null 2>&1 && return 0
		sleep 1
	done
	say "MariaDB did not start"; return 1
}

start_redis() {  # one redis-server per bench config file (cache and queue)
	local conf port
	for conf in "$BENCH"/config/redis_cache.conf "$BENCH"/config/redis_queue.conf; do
		[ -f "$conf" ] || continue
		port=$(awk '$1 == "port" {print $2}' "$conf")
		redis-cli -p "$port" ping >/dev/null 2>&1 && continue
		say "starting Redis on port $port"
		(cd "$BENCH/config" && redis-server "$conf" --daemonize yes >/dev/null)
		for _ in $(seq 1 20); do
			redis-cli -p "$port" ping >/dev/null 2>&1 && break
			sleep 0.5
		done
		redis-cli -p "$port" ping >/dev/null 2>&1 || { say "Redis did not start on port $port ($conf)"; return 1; }
	done
}

start_services() {
	start_mariadb && start_redis
}

install_checkout_into_bench() {
	# The bench's apps/sales_dept becomes this checkout: nothing if it already is (a symlink, say),
	# otherwise a copy of the working tree (tracked and untracked, not ignored files).
	local target="$BENCH/apps/sales_dept" built kept=""
	if [ "$(realpath "$target" 2>/dev/null)" != "$CHECKOUT" ]; then
		say "copying this checkout into $target"
		# the built assets stay (a site served from this bench keeps its scripts until the next bench build)
		built="$target/sales_dept/public/dist"
		if [ -d "$built" ]; then
			kept=$(mktemp -d) && mv "$built" "$kept/"
		fi
		rm -rf "$target"
		mkdir -p "$target"
		(cd "$CHECKOUT" && git ls-files -co --exclude-standard -z | tar --null -T - -cf -) | (cd "$target" && tar -xf -)
		if [ -n "$kept" ]; then
			mkdir -p "$(dirname "$built")" && mv "$kept/dist" "$built" && rmdir "$kept"
		fi
	fi
	grep -qx sales_dept "$BENCH/sites/apps.txt" || printf '\nsales_dept\n' >>"$BENCH/sites/apps.txt"
	sed -i '/^$/d' "$BENCH/sites/apps.txt"
	local installed_at="" here=""
	if [ -z "$BENCH_EXEC" ]; then
		# imported from / so that a checkout in the current directory does not count
		installed_at=$(cd / && "$BENCH/env/bin/python" -c "import sales_dept, os; print(os.path.dirname(os.path.dirname(sales_dept.__file__)))" 2>/dev/null) \
			|| installed_at=""
		here=$(realpath "$target")
	fi
	if [ -z "$installed_at" ] || [ "$(realpath "$installed_at" 2>/dev/null)" != "$here" ]; then
		say "installing sales_dept into the bench's Python environment"
		bench_run ./env/bin/python -m pip install --quiet --no-deps -e apps/sales_dept
	fi
	bench_in compile-po-to-mo --app sales_dept --force >/dev/null
}

site_exists() { [ -f "$BENCH/sites/$1/site_config.json" ]; }

# Long-running bench processes (web, socket.io, worker, scheduler) started by a script. Each runs in a
# process group of its own, so that stopping it stops its children too (bench serve's reloader);
# BENCH_PROCESSES holds "name pid log" entries.
BENCH_PROCESSES=()

start_bench_process() {  # start_bench_process NAME LOG COMMAND... (run in $BENCH through $BENCH_EXEC, output to LOG)
	local name=$1 log=$2
	shift 2
	mkdir -p "$(dirname "$log")"
	: >"$log"
	# shellcheck disable=SC2086  # BENCH_EXEC is a command with its arguments
	(cd "$BENCH" && exec setsid $BENCH_EXEC "$@" </dev/null >>"$log" 2>&1) &
	BENCH_PROCESSES+=("$name $! $log")
}

bench_process_alive() {  # bench_process_alive PGID -> whether anything of that process group still runs
	kill -0 -- "-$1" 2>/dev/null
}

process_groups_under() {  # process_groups_under PID -> the process groups of PID and its descendants
	local pid=$1 child
	ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' '
	for child in $(pgrep -P "$pid" 2>/dev/null); do
		process_groups_under "$child"
	done
}

stop_bench_processes() {  # errexit-safe
	# SIGTERM to each process group (a worker then finishes its current job), SIGKILL after 15 s to what
	# is left, including the groups its children made for themselves (an RQ work horse has its own).
	local entry name pid log group own_group alive _
	local -A groups_of=()
	[ "${#BENCH_PROCESSES[@]}" -gt 0 ] || return 0
	own_group=$(ps -o pgid= -p $$ | tr -d ' ')
	for entry in "${BENCH_PROCESSES[@]}"; do
		read -r name pid log <<<"$entry"
		groups_of[$name]=$(printf '%s\n' "$pid" $(process_groups_under "$pid") | grep -vx -e "$own_group" -e '' | sort -un)
		kill -TERM -- "-$pid" 2>/dev/null || true
	done
	for _ in $(seq 1 30); do
		alive=0
		for group in ${groups_of[@]}; do
			bench_process_alive "$group" && alive=1
		done
		[ "$alive" -eq 1 ] || break
		sleep 0.5
	done
	for name in "${!groups_of[@]}"; do
		alive=0
		for group in ${groups_of[$name]}; do
			if bench_process_alive "$group"; then
				alive=1
				kill -KILL -- "-$group" 2>/dev/null || true
			fi
		done
		[ "$alive" -eq 0 ] || say "$name did not stop in 15 s: killed"
	done
	wait 2>/dev/null || true
	BENCH_PROCESSES=()
}

port_in_use() {  # port_in_use PORT -> whether something listens on 127.0.0.1:PORT
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

scheduler_running() {  # whether a scheduler already holds this bench's lock (one per bench)
	mkdir -p "$BENCH/config"
	! flock -n "$BENCH/config/scheduler_process" true 2>/dev/null
}
