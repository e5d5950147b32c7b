#!/usr/bin/env bash
# Sagitta beside its peers, one after another in one run on one PostgreSQL, for each concurrency:
#
#   floor     ../shared/bench/jdbc-probes/SagaTxBench (hand-written JDBC, 4 commits per saga, C threads)
#   ceiling   ../shared/bench/jdbc-probes/GroupCommitBench (1 thread, C sagas per commit round)
#   dbos      ../shared/bench/dbos-peer (DBOS Transact Java 1.1.0-m6, C workflows in flight)
#   pg-local  Sagitta, 3 local steps, PostgreSQL
#   pg-remote Sagitta, 3 remote steps over in-JVM Camel seda, PostgreSQL
#   rabbit-floor  benchmarks' RabbitFloorBenchmark (hand-written: amqp-client + JDBC, 4 commits and
#             3 confirmed command/reply trips per saga, C threads)
#   pg-rabbitmq   Sagitta, 3 remote steps over RabbitMQ (camel-spring-rabbitmq), PostgreSQL
#   pg-kafka  Sagitta, 3 remote steps over Kafka (camel-kafka; the tests' KRaft broker in a JVM of its own), PostgreSQL
#   h2-local  Sagitta, 3 local steps, embedded H2 (reference only: H2 does not fsync)
#   route-memory  a 3-step Camel .saga() route on Camel's InMemorySagaService (nothing durable)
#   route-h2  the same route on Sagitta's SagittaSagaService, embedded H2
#   route-pg  the same route on Sagitta's SagittaSagaService, PostgreSQL
#
# then prints one table per concurrency with Sagitta's sagas/s as ratios to the peers. The peers'
# code is not copied here: it is run from PEERS, next to this repository.
#
#   bash benchmarks/run.sh
#   CONCURRENCIES="1 4 16 64" SECS=15 WARMUP=5 bash benchmarks/run.sh
#   SAGITTA_REV=HEAD ONLY="dbos pg-local" bash benchmarks/run.sh
#
# Environment knobs [defaults]:
#   CONCURRENCIES ["1 16"]   sagas in flight; every row runs at each value
#   SECS [10]  WARMUP [3]    measured window and warm-up of each run, in seconds (the two JDBC
#                            probes have a fixed 3 s warm-up)
#   ONLY ["floor ceiling dbos pg-local pg-remote h2-local"]   the rows to run; the broker rows
#                            (rabbit-floor pg-rabbitmq pg-kafka) and the route-saga rows
#                            (route-memory route-h2 route-pg) run only when named here
#   BROKER_CONCURRENCIES ["1 32"]   sagas in flight for the broker rows; the other rows run at the
#                            values of CONCURRENCIES only
#   BROKER_WARMUP [90]       warm-up of the broker rows, in seconds: Camel's, Spring AMQP's and the
#                            Kafka client's code is still being compiled long after the start. At 32
#                            in flight over RabbitMQ the JIT compiler took 14 % of a core at 30-40 s
#                            and 6 % at 40-50 s, still made ~250 compilations per 10 s between 40 and
#                            60 s, and 20 s windows
#                            after 45 s gave 203-226 sagas/s where the same build gave 328-345 after
#                            90 s. Each row this module's benchmarks run (Sagitta's rows, the route
#                            rows, the RabbitMQ floor) prints how long the JIT compiled inside its
#                            window ("JIT" in the notes), so a run can show its warm-up was long enough
#   RABBITMQ_URL [amqp://guest:guest@127.0.0.1:5672]   the RabbitMQ server of the RabbitMQ rows
#   BROKER_ARGS [empty]      more options for the pg-rabbitmq and pg-kafka rows, for example
#                            "--reply-consumers 16 --partitions 16" (see SagaBenchmark --help)
#   SAGITTA_REV [empty]      empty: build the working tree; a git revision (HEAD, a sha): build
#                            that revision from a clean export, whatever the working tree holds
#   PEERS [<repo>/../shared/bench]
#   WORK [${TMPDIR:-/tmp}/sagitta-bench]   scratch: builds, logs, results (one folder per run)
#   PGHOST [127.0.0.1]  PGPORT [5432]  PGUSER [postgres]   a superuser, no password (trust auth)
#   SAGITTA_DB [sagitta_bench]  PROBE_DB [bench_probes]    scratch databases, created if missing;
#                            run nothing else against them meanwhile (Sagitta's benchmark empties
#                            its tables and counts every completed saga in them; the probes drop
#                            and recreate theirs)
#   JAVA [java]  JAVA_OPTS [-Xms1g -Xmx1g]   JVM for Sagitta and DBOS (the probes: JVM defaults)
#   LATENCIES [0]    1: the rows that time each saga (Sagitta's, the RabbitMQ floor) also write every
#                    measured saga's start and latency to <run folder>/c<C>-<row>-latencies.txt
#   QUIET_WAIT [0]   before each run, wait up to this many seconds for the machine to go idle
#   RETRY_DISTURBED [0]   run a row again, up to this many times, when other processes took more
#                    than 25 % of a core during its window (see "cpu" below); the last try is kept
#   DBOS_IN_PLACE [0]   1: build and run the DBOS peer in PEERS/dbos-peer itself (its run.sh
#                       writes target/ there); 0: in a copy under WORK, refreshed every run
#
# Each row's "cpu" column is sampled from /proc over the measured window (found from the time the
# tool printed its result): machine busy %, then % of one core used by the tool's processes, by
# PostgreSQL, by the broker ("mq": RabbitMQ's beam.smp processes, or the Kafka broker's JVM; shown when they ran), and the rest of the machine's busy time ("other": other processes, processes that
# ended inside the window, kernel time such as loopback networking; a few % when nothing else
# runs). "other" well above ~10 % means something else was running and the figures are disturbed.
# Exit status: 0 when every row that ran passed its checks, 1 otherwise. A DBOS peer that cannot
# be built (its dependency comes from Maven Central) is reported and skipped, not a failure.
set -uo pipefail

ROOT=$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel) || exit 2
PEERS=${PEERS:-$ROOT/../shared/bench}
CONCURRENCIES=${CONCURRENCIES:-"1 16"}
BROKER_CONCURRENCIES=${BROKER_CONCURRENCIES:-"1 32"}
BROKER_WARMUP=${BROKER_WARMUP:-90}
RABBITMQ_URL=${RABBITMQ_URL:-amqp://guest:guest@127.0.0.1:5672}
BROKER_ARGS=${BROKER_ARGS:-}
SECS=${SECS:-10}
WARMUP=${WARMUP:-3}
ONLY=${ONLY:-"floor ceiling dbos pg-local pg-remote h2-local"}
SAGITTA_REV=${SAGITTA_REV:-}
WORK=${WORK:-${TMPDIR:-/tmp}/sagitta-bench}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
SAGITTA_DB=${SAGITTA_DB:-sagitta_bench}
PROBE_DB=${PROBE_DB:-bench_probes}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g}
QUIET_WAIT=${QUIET_WAIT:-0}
RETRY_DISTURBED=${RETRY_DISTURBED:-0}
DBOS_IN_PLACE=${DBOS_IN_PLACE:-0}
LATENCIES=${LATENCIES:-0}
M2_REPO=${M2_REPO:-$HOME/.m2/repository}
PGJDBC=$M2_REPO/org/postgresql/postgresql/42.7.14/postgresql-42.7.14.jar
NCPU=$(nproc)

PEERS=$(cd "$PEERS" 2>/dev/null && pwd) || { echo "peer benchmarks not found at $ROOT/../shared/bench (set PEERS)" >&2; exit 2; }
RUN_DIR=$WORK/run-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RUN_DIR" || exit 2
exec 9> "$WORK/.lock"
if ! flock -n 9; then
  echo "another benchmarks/run.sh is running (lock $WORK/.lock): waiting for it" >&2
  flock 9
fi
RESULTS=$RUN_DIR/results.tsv
: > "$RESULTS"
FAILED=0
SAMPLER=

say() { printf '%s\n' "$*" | tee -a "$RUN_DIR/run.log" >&2; }
die() { say "ERROR: $*"; exit 2; }
wants() { [[ " $ONLY " == *" $1 "* ]]; }
broker_at() { [[ " $BROKER_CONCURRENCIES " == *" $1 "* ]]; }
other_at() { [[ " $CONCURRENCIES " == *" $1 "* ]]; }
wants_broker() { wants rabbit-floor || wants pg-rabbitmq || wants pg-kafka; }
psql_q() { psql -X -q -At -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "${2:-postgres}" -c "$1"; }
stamp() { while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done; }
cleanup() {
  if [[ -n $SAMPLER ]]; then kill "$SAMPLER" 2>/dev/null; fi
  if [[ -n ${KAFKA_PID:-} ]]; then kill "$KAFKA_PID" 2>/dev/null; fi
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

# --- machine CPU from /proc ------------------------------------------------------------------

# Writes a snapshot of /proc/stat and every process's stat line to $1/<epoch second>, each second.
start_sampler() {
  (
    while :; do
      local t=${EPOCHREALTIME%.*}
      cat /proc/stat /proc/[0-9]*/stat > "$1/.$t" 2>/dev/null
      mv -f "$1/.$t" "$1/$t"
      sleep 1
    done
  ) &
  SAMPLER=$!
}

stop_sampler() { if [[ -n $SAMPLER ]]; then kill "$SAMPLER" 2>/dev/null; wait "$SAMPLER" 2>/dev/null; SAMPLER=; fi; }

# cpu_between SNAP_A SNAP_B ROOT_PID: "machine busy%, iowait%, tool/pg/other in % of one core".
cpu_between() {
  awk -v fa="$1" -v ncpu="$NCPU" -v root="$3" -v broker="${KAFKA_PID:-0}" '
    $1 == "cpu" {
      busy = $2 + $3 + $4 + $7 + $8 + $9; total = busy + $5 + $6
      if (FILENAME == fa) { ab = busy; at = total; aio = $6 } else { bb = busy; bt = total; bio = $6 }
      next
    }
    $1 ~ /^[0-9]+$/ {
      line = $0; close_at = 0
      while ((k = index(substr(line, close_at + 1), ")")) > 0) close_at += k
      comm = substr(line, index(line, "(") + 1, close_at - index(line, "(") - 1)
      split(substr(line, close_at + 2), f, " ")
      if (FILENAME == fa) { ta[$1] = f[12] + f[13] } else { tb[$1] = f[12] + f[13]; pp[$1] = f[2]; cm[$1] = comm }
    }
    END {
      if (bt <= at) { print "-"; exit }
      core = (bt - at) / ncpu
      for (p in tb) {
        d = tb[p] - ((p in ta) ? ta[p] : 0); if (d < 0) d = tb[p]
        q = p; mine = 0
        for (i = 0; i < 64 && q > 1; i++) { if (q == root) { mine = 1; break } q = pp[q] }
        if (mine) tool += d; else if (cm[p] == "postgres") pg += d; else if (cm[p] == "beam.smp" || p == broker) mq += d
      }
      other = (bb - ab) - tool - pg - mq; if (other < 0) other = 0
      mqs = mq > 0 ? sprintf(" mq %.0f%%", 100 * mq / core) : ""
      printf "%.0f%% (io %.0f%%) tool %.0f%% pg %.0f%%%s other %.0f%%\n", 100 * (bb - ab) / (bt - at),
        100 * (bio - aio) / (bt - at), 100 * tool / core, 100 * pg / core, mqs, 100 * other / core
    }' "$1" "$2"
}

# Machine busy % over two seconds.
machine_busy() {
  local a b
  read -r _ a1 a2 a3 a4 a5 a6 a7 a8 _ < /proc/stat
  sleep 2
  read -r _ b1 b2 b3 b4 b5 b6 b7 b8 _ < /proc/stat
  a=$(( (b1 + b2 + b3 + b6 + b7 + b8) - (a1 + a2 + a3 + a6 + a7 + a8) ))
  b=$(( a + (b4 + b5) - (a4 + a5) ))
  echo $(( b > 0 ? 100 * a / b : 0 ))
}

# Waits (up to QUIET_WAIT s) for the machine to be idle; always reports how busy it was.
settle() {
  local busy deadline=$((SECONDS + QUIET_WAIT))
  busy=$(machine_busy)
  while (( busy > 15 && SECONDS < deadline )); do
    sleep 5
    busy=$(machine_busy)
  done
  if (( busy > 15 )); then
    say "  WARNING: machine ${busy}% busy before this run (other processes?): figures will be disturbed"
  fi
}

# --- one row ---------------------------------------------------------------------------------

# run_row C KEY LABEL DIR PATTERN CMD...: runs CMD in DIR, output stamped to a log; PATTERN
# (grep -E) is the tool's result line, whose time marks the end of the measured window.
run_row() {
  local c=$1 key=$2 label=$3 dir=$4 pattern=$5
  shift 5
  local log=$RUN_DIR/c$c-$key.log snaps=$RUN_DIR/.snaps-c$c-$key rc root
  say "C=$c  $label"
  settle
  psql_q "CHECKPOINT" >/dev/null 2>&1
  PG_BEFORE=$(psql_q "SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = '$SAGITTA_DB') || ' ' || wal_sync FROM pg_stat_wal" 2>/dev/null)
  mkdir -p "$snaps"
  start_sampler "$snaps"
  ( (cd "$dir" && exec "$@") 2>&1 | stamp > "$log" ) &
  root=$!
  wait "$root"
  rc=$?
  stop_sampler
  ROW_CPU=-
  local t_end
  t_end=$(grep -E -m1 "^[0-9.]+ $pattern" "$log" | cut -d' ' -f1)
  if [[ -n $t_end ]]; then
    local from to a b
    t_end=${t_end%.*}
    if (( SECS >= 4 )); then from=$((t_end - SECS + 1)); to=$((t_end - 1)); else from=$((t_end - SECS)); to=$t_end; fi
    a=$(find "$snaps" -maxdepth 1 -name '[0-9]*' -printf '%f\n' | sort -n | awk -v f="$from" '$1 >= f' | head -1)
    b=$(find "$snaps" -maxdepth 1 -name '[0-9]*' -printf '%f\n' | sort -n | awk -v t="$to" '$1 <= t' | tail -1)
    if [[ -n $a && -n $b ]] && (( b > a )); then ROW_CPU=$(cpu_between "$snaps/$a" "$snaps/$b" "$root"); fi
  fi
  rm -rf "$snaps"
  ROW_RC=$rc
  ROW_LOG=$log
  sed -E 's/^[0-9.]+ //' "$log" | grep -E "^($pattern|# verify|# window|# channel)" | sed 's/^/    /' | tee -a "$RUN_DIR/run.log" >&2
  if (( rc != 0 )); then
    say "    exit status $rc; last lines of $log:"
    sed -E 's/^[0-9.]+ //' "$log" | tail -15 | sed 's/^/      /' | tee -a "$RUN_DIR/run.log" >&2
  fi
}

field() { sed -E 's/^[0-9.]+ //' "$ROW_LOG" | grep -E -m1 "$1" | grep -oE "(^| )$2[=~][^ ]*" | head -1 | sed -E "s/^ ?$2[=~]//; s/\/s$//"; }

# record C KEY LABEL SAGAS P50 P99 CHECK NOTES
record() {
  local cpu=${ROW_CPU:--} notes=${8:-} other
  other=$(grep -oE 'other [0-9]+' <<< "$cpu" | cut -d' ' -f2)
  if [[ -n $other ]] && (( other > 25 )); then notes="DISTURBED (other ${other}% of a core)${notes:+; $notes}"; fi
  set -- "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$notes"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${4:--}" "${5:--}" "${6:--}" "$7" "$cpu" "${8:-}" >> "$RESULTS"
  if [[ $7 != ok && $7 != skipped ]]; then FAILED=1; fi
}

# --latencies for row KEY at concurrency C, when LATENCIES=1: sets the array LATENCY_ARGS
latency_args() { LATENCY_ARGS=(); if [[ $LATENCIES == 1 ]]; then LATENCY_ARGS=(--latencies "$RUN_DIR/c$1-$2-latencies.txt"); fi; }
# "JIT <ms> ms in window" from the row's "# jit" line; empty if the row printed none
jit_note() { local ms; ms=$(field '^# jit' compile_ms_in_window); if [[ -n $ms && $ms != -1 ]]; then echo "JIT $ms ms in window"; fi; }
log_has_exception() { grep -qE 'Exception|Error:' "$ROW_LOG"; }

# --- setup -----------------------------------------------------------------------------------

command -v psql >/dev/null || die "psql not found"
if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
  if command -v pg_ctlcluster >/dev/null && [[ $(id -u) -eq 0 ]]; then
    say "PostgreSQL is down: starting it"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    for _ in $(seq 30); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && break; sleep 1; done
  fi
  pg_isready -q -h "$PGHOST" -p "$PGPORT" || die "no PostgreSQL at $PGHOST:$PGPORT"
fi
for db in "$SAGITTA_DB" "$PROBE_DB"; do
  if [[ -z $(psql_q "SELECT 1 FROM pg_database WHERE datname = '$db'") ]]; then
    createdb -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" "$db" || die "cannot create database $db"
    say "created database $db"
  fi
done

# Sagitta: build, then run from a copy of the jars, so a rebuild of the tree cannot disturb a run.
SRC=$ROOT
REV_DESC=$(git -C "$ROOT" describe --always --dirty 2>/dev/null)
if [[ -n $SAGITTA_REV ]]; then
  rev=$(git -C "$ROOT" rev-parse --verify "$SAGITTA_REV^{commit}") || die "unknown revision $SAGITTA_REV"
  SRC=$WORK/src-$rev
  if [[ ! -d $SRC ]]; then
    rm -rf "$SRC.tmp" && mkdir -p "$SRC.tmp" && git -C "$ROOT" archive "$rev" | tar -x -C "$SRC.tmp" && mv "$SRC.tmp" "$SRC" \
      || die "cannot export $rev"
  fi
  REV_DESC="$(git -C "$ROOT" rev-parse --short "$rev") (clean export)"
else
  dirty=$(git -C "$ROOT" status --porcelain --untracked-files=no -- . ':!benchmarks' | wc -l)
  if (( dirty > 0 )); then REV_DESC="$REV_DESC (working tree: $dirty changed files outside benchmarks/)"; fi
fi
say "building Sagitta's benchmark from $SRC"
if ! mvn -q -B -f "$SRC/pom.xml" -pl benchmarks -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime > "$RUN_DIR/sagitta-build.log" 2>&1; then
  tail -40 "$RUN_DIR/sagitta-build.log" >&2
  die "Sagitta's benchmark does not build (log: $RUN_DIR/sagitta-build.log)"
fi
LIB=$RUN_DIR/sagitta-lib
mkdir -p "$LIB"
CP=
i=0
for jar in $(ls "$SRC"/benchmarks/target/sagitta-benchmarks-*.jar | grep -vE -- '-(sources|javadoc|tests)\.jar$') \
    $(tr ':' ' ' < "$SRC/benchmarks/target/classpath.txt"); do
  i=$((i + 1))
  target=$LIB/$(printf '%02d' "$i")-$(basename "$jar")
  cp "$jar" "$target" || die "cannot copy $jar"
  CP=${CP:+$CP:}$target
done
[[ -f $PGJDBC ]] || die "pgjdbc 42.7.14 not found at $PGJDBC"

# The JDBC probes, compiled once (the same as running them as source files).
PROBES=$RUN_DIR/probes
if wants floor || wants ceiling; then
  mkdir -p "$PROBES"
  javac -nowarn -d "$PROBES" "$PEERS/jdbc-probes/SagaTxBench.java" "$PEERS/jdbc-probes/GroupCommitBench.java" \
    > "$RUN_DIR/probes-build.log" 2>&1 || die "the JDBC probes do not compile (log: $RUN_DIR/probes-build.log)"
fi

# The DBOS peer: its run.sh builds it (dev.dbos:transact:1.1.0-m6 from Maven Central) on every
# call; build it once here first, to say clearly when it cannot be had.
DBOS_STATUS=off
if wants dbos; then
  if [[ $DBOS_IN_PLACE == 1 ]]; then
    DBOS_DIR=$PEERS/dbos-peer
  else
    DBOS_DIR=$WORK/dbos-peer
    mkdir -p "$DBOS_DIR"
    find "$DBOS_DIR" -mindepth 1 -maxdepth 1 ! -name target -exec rm -rf {} +
    cp -r "$PEERS/dbos-peer/." "$DBOS_DIR/" && chmod -R u+w "$DBOS_DIR"
  fi
  # Role and database dbosbench (its setup-db.sh does the same, but only when run as root).
  psql_q "DO \$\$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dbosbench') THEN CREATE ROLE dbosbench LOGIN PASSWORD 'dbosbench'; END IF; END\$\$;" >/dev/null
  if [[ -z $(psql_q "SELECT 1 FROM pg_database WHERE datname = 'dbosbench'") ]]; then
    createdb -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -O dbosbench dbosbench
  fi
  say "building the DBOS peer in $DBOS_DIR"
  if (cd "$DBOS_DIR" && mvn -q -B package) > "$RUN_DIR/dbos-build.log" 2>&1 && [[ -f $DBOS_DIR/target/dbos-bench.jar ]]; then
    DBOS_STATUS=ready
  else
    DBOS_STATUS=unavailable
    if grep -qE 'Could not (resolve|transfer|find)|dev\.dbos' "$RUN_DIR/dbos-build.log"; then
      DBOS_WHY="its dependency dev.dbos:transact:1.1.0-m6 could not be resolved (is Maven Central reachable?)"
    else
      DBOS_WHY="its build failed"
    fi
    say ""
    say "!!! DBOS peer UNAVAILABLE: $DBOS_WHY. Log: $RUN_DIR/dbos-build.log"
    say "!!! Going on without it: no sagitta/dbos ratios in this run."
    sed 's/^/    /' "$RUN_DIR/dbos-build.log" | grep -E 'ERROR|Could not' | head -5 | tee -a "$RUN_DIR/run.log" >&2
    say ""
  fi
fi

PG_VERSION=$(psql_q "SHOW server_version")
PG_DURABLE="synchronous_commit=$(psql_q "SHOW synchronous_commit") fsync=$(psql_q "SHOW fsync")"
JAVA_VERSION=$($JAVA -version 2>&1 | head -1)
STARTED=$(date -u +%FT%TZ)
say "# $STARTED  nproc=$NCPU  $(cut -d' ' -f1-3 /proc/loadavg | sed 's/^/load /')  $JAVA_VERSION"
say "# PostgreSQL $PG_VERSION at $PGHOST:$PGPORT ($PG_DURABLE)"
say "# sagitta $REV_DESC; CONCURRENCIES=\"$CONCURRENCIES\" BROKER_CONCURRENCIES=\"$BROKER_CONCURRENCIES\" SECS=$SECS WARMUP=$WARMUP BROKER_WARMUP=$BROKER_WARMUP"
say "# logs: $RUN_DIR"

# --- the rows ---------------------------------------------------------------------------------

PROBE_URL=jdbc:postgresql://$PGHOST:$PGPORT/$PROBE_DB
ALL_CONCURRENCIES=$CONCURRENCIES
if wants_broker; then ALL_CONCURRENCIES=$(printf '%s\n' $CONCURRENCIES $BROKER_CONCURRENCIES | sort -nu | paste -sd' '); fi
SAGITTA_URL="jdbc:postgresql://$PGHOST:$PGPORT/$SAGITTA_DB?user=$PGUSER"

sagitta_row() { # C KEY STORE STEPS LABEL [MORE OPTIONS...]; BENCH_CLASS: SagaBenchmark unless set
  local c=$1 key=$2 store=$3 steps=$4 label=$5
  shift 5
  latency_args "$c" "$key"
  # shellcheck disable=SC2086
  run_row "$c" "$key" "$label" "$RUN_DIR" 'sagitta store=' \
    "$JAVA" $JAVA_OPTS -cp "$CP" "${BENCH_CLASS:-dev.sagitta.benchmarks.SagaBenchmark}" --store "$store" --steps "$steps" \
    --concurrency "$c" --seconds "$SECS" --warmup "${ROW_WARMUP:-$WARMUP}" --jdbc-url "$SAGITTA_URL" "${LATENCY_ARGS[@]}" "$@"
  local line sagas p50 p99 errors stored check=ok notes=
  sagas=$(field '^sagitta store=' sagas_per_s)
  p50=$(field '^sagitta store=' p50_ms)
  p99=$(field '^sagitta store=' p99_ms)
  errors=$(field '^sagitta store=' errors)
  stored=$(field '^# verify' completed_in_store)
  line=$(sed -E 's/^[0-9.]+ //' "$ROW_LOG" | grep -m1 '^# verify')
  if [[ -z $sagas ]]; then check="FAILED (no result, exit $ROW_RC)"
  elif [[ ${errors:-0} != 0 ]]; then check="FAILED ($errors errors)"
  elif [[ $line != *" ok" ]]; then check="FAILED (${line#\# verify })"
  elif (( ROW_RC != 0 )); then check="FAILED (exit $ROW_RC)"
  fi
  if [[ $store == postgres && -n $stored && $stored -gt 0 ]]; then
    local after x0 w0 x1 w1
    after=$(psql_q "SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = '$SAGITTA_DB') || ' ' || wal_sync FROM pg_stat_wal" 2>/dev/null)
    read -r x0 w0 <<< "$PG_BEFORE"
    read -r x1 w1 <<< "$after"
    if [[ -n $x0 && -n $x1 ]]; then
      notes=$(awk -v x=$((x1 - x0)) -v w=$((w1 - w0)) -v n="$stored" \
        'BEGIN { printf "pg xacts/saga %.2f, WAL flushes/saga %.2f (whole run)", x / n, w / n }')
    fi
  fi
  local jit
  jit=$(jit_note)
  record "$c" "$key" "$label" "$sagas" "$p50" "$p99" "$check" "$notes${jit:+${notes:+; }$jit}"
}

row_floor() {
  local c=$1 sagas check=ok
  run_row "$c" floor "JDBC floor (SagaTxBench, $c threads)" "$RUN_DIR" 'url=.* mode=saga' \
    "$JAVA" -cp "$PGJDBC:$PROBES" SagaTxBench "$PROBE_URL" "$c" "$SECS" saga "$PGUSER" ""
  sagas=$(field 'mode=saga' throughput)
  if [[ -z $sagas ]]; then check="FAILED (no result, exit $ROW_RC)"; elif log_has_exception; then check="FAILED (exception in log)"; fi
  record "$c" floor "JDBC floor (SagaTxBench, $c threads)" "$sagas" "$(field 'mode=saga' p50_ms)" "$(field 'mode=saga' p99_ms)" \
    "$check" "4 commits/saga"
}

row_rabbit_floor() {
  local c=$1 sagas errors line check=ok
  latency_args "$c" rabbit-floor
  # shellcheck disable=SC2086
  run_row "$c" rabbit-floor "RabbitMQ floor (RabbitFloorBenchmark, $c threads)" "$RUN_DIR" 'rabbit-floor concurrency=' \
    "$JAVA" $JAVA_OPTS -cp "$CP" dev.sagitta.benchmarks.RabbitFloorBenchmark --concurrency "$c" --seconds "$SECS" \
    --warmup "$BROKER_WARMUP" --jdbc-url "$PROBE_URL?user=$PGUSER" --rabbitmq-url "$RABBITMQ_URL" "${LATENCY_ARGS[@]}"
  sagas=$(field '^rabbit-floor concurrency=' sagas_per_s)
  errors=$(field '^rabbit-floor concurrency=' errors)
  line=$(sed -E 's/^[0-9.]+ //' "$ROW_LOG" | grep -m1 '^# verify')
  if [[ -z $sagas ]]; then check="FAILED (no result, exit $ROW_RC)"
  elif [[ ${errors:-0} != 0 ]]; then check="FAILED ($errors errors)"
  elif [[ $line != *" ok" ]]; then check="FAILED (${line#\# verify })"
  elif (( ROW_RC != 0 )); then check="FAILED (exit $ROW_RC)"
  fi
  record "$c" rabbit-floor "RabbitMQ floor (hand-written, $c threads)" "$sagas" "$(field '^rabbit-floor concurrency=' p50_ms)" \
    "$(field '^rabbit-floor concurrency=' p99_ms)" "$check" "4 commits + 6 confirmed messages/saga$(jit_note | sed 's/^/; /')"
}

row_ceiling() {
  local c=$1 sagas check=ok
  run_row "$c" ceiling "group-commit ceiling (GroupCommitBench, 1 thread x window $c)" "$RUN_DIR" 'threads=1 window=' \
    "$JAVA" -cp "$PGJDBC:$PROBES" GroupCommitBench "$PROBE_URL?user=$PGUSER&reWriteBatchedInserts=true" 1 "$c" "$SECS"
  sagas=$(field 'window=' sagas_per_s)
  if [[ -z $sagas ]]; then check="FAILED (no result, exit $ROW_RC)"; elif log_has_exception; then check="FAILED (exception in log)"; fi
  record "$c" ceiling "group-commit ceiling (1 thread x $c)" "$sagas" - - "$check" \
    "up to $c sagas per commit; latency ~$(field 'window=' saga_latency_ms) ms (4 rounds)"
}

row_dbos() {
  local c=$1 sagas check=ok verify notes
  if [[ $DBOS_STATUS != ready ]]; then
    ROW_CPU=-
    record "$c" dbos "DBOS Transact 1.1.0-m6" - - - skipped "UNAVAILABLE: ${DBOS_WHY:-not built}"
    return
  fi
  run_row "$c" dbos "DBOS Transact 1.1.0-m6 ($c in flight)" "$DBOS_DIR" 'dbos sagas=' \
    env CONCURRENCIES="$c" REPEAT=1 SECS="$SECS" WARMUP="$WARMUP" JAVA="$JAVA" JAVA_OPTS="$JAVA_OPTS" bash run.sh
  sagas=$(field '^dbos sagas=' sagas_per_s)
  verify=$(sed -E 's/^[0-9.]+ //' "$ROW_LOG" | grep -m1 '^# verify')
  if [[ -z $sagas ]]; then check="FAILED (no result, exit $ROW_RC)"
  elif [[ $verify != *"ok=true"* ]]; then check="FAILED (verify: ${verify#\# verify })"
  elif (( ROW_RC != 0 )); then check="FAILED (exit $ROW_RC)"
  fi
  notes=$(sed -E 's/^[0-9.]+ //' "$ROW_LOG" | grep -m1 '^# window' | grep -oE 'pg_commits_per_saga=[0-9.]+|wal_syncs_per_saga=[0-9.]+' \
    | sed -E 's/pg_commits_per_saga=/pg xacts\/saga /; s/wal_syncs_per_saga=/WAL flushes\/saga /' | paste -sd, | sed 's/,/, /')
  record "$c" dbos "DBOS Transact 1.1.0-m6" "$sagas" "$(field '^dbos sagas=' p50_ms)" "$(field '^dbos sagas=' p99_ms)" "$check" \
    "${notes:+$notes (window)}"
}

# attempt ROW_FUNCTION ARGS...: runs a row; while it came out disturbed by other processes, runs it
# again, up to RETRY_DISTURBED more times, keeping the last.
attempt() {
  local n=0 last
  while :; do
    "$@"
    last=$(tail -n1 "$RESULTS")
    if [[ $last == *$'\tDISTURBED'* && $n -lt $RETRY_DISTURBED ]]; then
      n=$((n + 1))
      say "  disturbed by other processes: running it again ($n/$RETRY_DISTURBED)"
      sed -i '$d' "$RESULTS"
      continue
    fi
    break
  done
}

# The Kafka row's broker: the tests' in-process KRaft broker in a JVM of its own (KafkaBrokerProcess),
# unless SAGITTA_TEST_KAFKA_BOOTSTRAP names a cluster.
if wants pg-kafka && [[ -z ${SAGITTA_TEST_KAFKA_BOOTSTRAP:-} ]]; then
  "$JAVA" -Xms512m -Xmx512m -cp "$CP" dev.sagitta.benchmarks.KafkaBrokerProcess > "$RUN_DIR/kafka-broker.log" 2>&1 &
  KAFKA_PID=$!
  for _ in $(seq 1 60); do grep -q '^kafka-bootstrap=' "$RUN_DIR/kafka-broker.log" && break; sleep 1; done
  bootstrap=$(sed -n 's/^kafka-bootstrap=//p' "$RUN_DIR/kafka-broker.log")
  [[ -n $bootstrap ]] || die "the Kafka broker did not start (log: $RUN_DIR/kafka-broker.log)"
  export SAGITTA_TEST_KAFKA_BOOTSTRAP=$bootstrap
  say "Kafka broker (pid $KAFKA_PID) at $bootstrap"
fi

for c in $ALL_CONCURRENCIES; do
  say ""
  say "=== $c in flight ==="
  if other_at "$c"; then
    if wants floor; then attempt row_floor "$c"; fi
    if wants ceiling; then attempt row_ceiling "$c"; fi
    if wants dbos; then attempt row_dbos "$c"; fi
    if wants pg-local; then attempt sagitta_row "$c" pg-local postgres local "sagitta PostgreSQL, 3 local steps"; fi
    if wants pg-remote; then attempt sagitta_row "$c" pg-remote postgres remote "sagitta PostgreSQL, 3 remote steps (seda)"; fi
    if wants h2-local; then attempt sagitta_row "$c" h2-local h2 local "sagitta H2, 3 local steps (reference)"; fi
    route=dev.sagitta.benchmarks.RouteSagaBenchmark
    if wants route-memory; then BENCH_CLASS=$route attempt sagitta_row "$c" route-memory memory in-memory "3-step .saga() route, Camel in-memory"; fi
    if wants route-h2; then BENCH_CLASS=$route attempt sagitta_row "$c" route-h2 h2 sagitta "3-step .saga() route, sagitta H2"; fi
    if wants route-pg; then BENCH_CLASS=$route attempt sagitta_row "$c" route-pg postgres sagitta "3-step .saga() route, sagitta PostgreSQL"; fi
  fi
  if broker_at "$c"; then
    if wants rabbit-floor; then attempt row_rabbit_floor "$c"; fi
    # shellcheck disable=SC2086
    if wants pg-rabbitmq; then ROW_WARMUP=$BROKER_WARMUP attempt sagitta_row "$c" pg-rabbitmq postgres rabbitmq "sagitta PostgreSQL, 3 remote steps (RabbitMQ)" \
      --rabbitmq-url "$RABBITMQ_URL" $BROKER_ARGS; fi
    # shellcheck disable=SC2086
    if wants pg-kafka; then ROW_WARMUP=$BROKER_WARMUP attempt sagitta_row "$c" pg-kafka postgres kafka "sagitta PostgreSQL, 3 remote steps (Kafka)" $BROKER_ARGS; fi
  fi
done

# --- the table --------------------------------------------------------------------------------

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2fx", a / b; else printf "n/a" }'; }
value() { awk -F'\t' -v c="$1" -v k="$2" '$1 == c && $2 == k && $7 == "ok" { print $4 }' "$RESULTS"; }

{
  echo
  echo "Sagitta and peers, $STARTED, $(hostname), nproc=$NCPU, $JAVA_VERSION"
  echo "PostgreSQL $PG_VERSION ($PG_DURABLE); sagitta $REV_DESC"
  echo "CONCURRENCIES=\"$CONCURRENCIES\" BROKER_CONCURRENCIES=\"$BROKER_CONCURRENCIES\" SECS=$SECS WARMUP=$WARMUP BROKER_WARMUP=$BROKER_WARMUP; cpu = machine busy (iowait), then % of one core: tool / PostgreSQL / other (rest of the busy time)"
  for c in $ALL_CONCURRENCIES; do
    echo
    echo "== $c in flight =="
    printf '%-44s %8s %8s %8s  %-12s %-44s %s\n' row sagas/s "p50 ms" "p99 ms" check cpu notes
    awk -F'\t' -v c="$c" '$1 == c { printf "%-44s %8s %8s %8s  %-12s %-44s %s\n", $3, $4, $5, $6, $7, $8, $9 }' "$RESULTS"
    floor=$(value "$c" floor); ceiling=$(value "$c" ceiling); dbos=$(value "$c" dbos)
    for key in pg-local pg-remote; do
      ours=$(value "$c" "$key")
      [[ -n $ours ]] || continue
      printf '  sagitta %-10s  sagitta/dbos = %-6s  sagitta/jdbc-floor = %-6s  sagitta/group-commit-ceiling = %s\n' \
        "$key:" "$(ratio "$ours" "$dbos")" "$(ratio "$ours" "$floor")" "$(ratio "$ours" "$ceiling")"
    done
    route_memory=$(value "$c" route-memory)
    for key in route-h2 route-pg; do
      ours=$(value "$c" "$key")
      [[ -n $ours ]] || continue
      printf '  sagitta %-10s  durable/in-memory (Camel InMemorySagaService) = %s\n' "$key:" "$(ratio "$ours" "$route_memory")"
    done
    rabbit_floor=$(value "$c" rabbit-floor)
    for key in pg-rabbitmq pg-kafka; do
      ours=$(value "$c" "$key")
      [[ -n $ours ]] || continue
      printf '  sagitta %-12s  sagitta/rabbit-floor = %-6s  sagitta/jdbc-floor = %s\n' \
        "$key:" "$(ratio "$ours" "$rabbit_floor")" "$(ratio "$ours" "$floor")"
    done
  done
  if [[ $DBOS_STATUS == unavailable ]]; then
    echo
    echo "DBOS peer UNAVAILABLE in this run: ${DBOS_WHY}."
  fi
  echo
  echo "logs: $RUN_DIR"
} | tee "$RUN_DIR/table.txt"

exit $FAILED
