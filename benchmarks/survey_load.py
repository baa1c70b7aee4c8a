"""Load benchmark: respondents answering the Bradford demo survey, against a bare Django view.

Run with `make bench-surveys` (or `.venv/bin/python benchmarks/survey_load.py --help`).

1. A throwaway PostgreSQL cluster in a temporary directory, listening on 127.0.0.1 only
   (as the `postgres` user when run as root); migrate, seed_demo, collectstatic.
2. gunicorn serving the real site with engagement.settings.bench (production settings over
   plain HTTP, DEBUG off, plus a bare "ok" view at /bench/bare/).
3. Survey phase: N concurrent simulated respondents (threads), each going start -> who ->
   GET/POST every question (an option parsed from the radio inputs, plus a comment) -> check,
   then starting again as a new respondent until the phase ends. Some double-click a step:
   the same POST twice at once, with the same cookies.
4. Bare phase: the same concurrency against /bench/bare/ for the same duration.
5. Report throughput and latency, then check the database: every answer a respondent was told
   was saved must be there once, with its comment, in the respondent's one response.
gunicorn and PostgreSQL are stopped and the temporary directory removed at the end.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import glob
import html
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
SURVEY_PATH = "/pupil-voice-annual-review/"
BARE_PATH = "/bench/bare/"
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RADIO_RE = re.compile(r'<input[^>]*type="radio"[^>]*name="answer"[^>]*value="(\d+)"')
QUESTION_RE = re.compile(r"/question/(\d+)/$")
TIMEOUT = 30  # seconds for any one request


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --------------------------------------------------------------------------------------------
# Processes: PostgreSQL and gunicorn
# --------------------------------------------------------------------------------------------


class Postgres:
    """A throwaway cluster: initdb in a temp dir, TCP on 127.0.0.1 only, trust auth."""

    def __init__(self, root: Path):
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version_key)
        if not bins:
            sys.exit("PostgreSQL is not installed (apt-get install postgresql); or use --db sqlite")
        self.bin = Path(bins[-1]).parent
        self.data = root / "pgdata"
        self.port = free_port()
        self.as_postgres = os.geteuid() == 0  # initdb and postgres refuse to run as root
        self.started = False

    def _run(self, *args: str) -> None:
        cmd = list(args)
        if self.as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd="/")

    def start(self) -> str:
        self.data.mkdir()
        if self.as_postgres:
            shutil.chown(self.data, "postgres", "postgres")
        self._run(
            str(self.bin / "initdb"), "-D", str(self.data), "-U", "bench", "--auth=trust",
            "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories='' "
            "-c max_connections=200 -c shared_buffers=256MB"
        )
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options,
            "-l", str(self.data / "server.log"), "-w", "-t", "60", "start",
        )  # fmt: skip
        self.started = True
        import psycopg

        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=bench dbname=postgres", autocommit=True
        ) as conn:
            conn.execute("CREATE DATABASE send_bench")
        return f"postgres://bench@127.0.0.1:{self.port}/send_bench"

    def stop(self) -> None:
        if self.started:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
            self.started = False


def _version_key(path: str) -> float:
    match = re.search(r"/postgresql/([\d.]+)/", path)
    return float(match.group(1)) if match else 0.0


class Gunicorn:
    def __init__(self, env: dict, port: int, args, log: Path):
        self.env, self.port, self.args, self.log = env, port, args, log
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        cmd = [
            PY, "-m", "gunicorn", "engagement.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(self.args.workers),
            "--worker-class", self.args.worker_class,
            "--threads", str(self.args.threads),
            "--backlog", "2048", "--timeout", "60", "--log-level", "warning",
        ]  # fmt: skip
        with self.log.open("w") as log_file:
            self.proc = subprocess.Popen(
                cmd, cwd=REPO, env=self.env, start_new_session=True,
                stdout=log_file, stderr=subprocess.STDOUT,
            )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("gunicorn exited while starting")
            with contextlib.suppress(requests.RequestException):
                if requests.get(self.url(BARE_PATH), timeout=2).status_code == 200:
                    return
            time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer within 60 s")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def cpu_seconds(self) -> float:
        """User + system CPU of the gunicorn master and its workers, from /proc."""
        if self.proc is None:
            return 0.0
        total = 0.0
        ticks = os.sysconf("SC_CLK_TCK")
        pids = [self.proc.pid]
        with contextlib.suppress(OSError):
            children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text()
            pids += [int(p) for p in children.split()]
        for pid in pids:
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / ticks
        return total

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # graceful: the master stops its workers
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def host_cpu_seconds() -> float:
    """Busy CPU seconds of the whole machine (all processes, ours and anyone else's)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def postgres_cpu_seconds(pg: Postgres | None) -> float:
    """CPU of every process running as the cluster's owner on this data directory."""
    if pg is None or not pg.started:
        return 0.0
    try:
        postmaster = int((pg.data / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0.0
    total, ticks = 0.0, os.sysconf("SC_CLK_TCK")
    for stat in glob.glob("/proc/[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            before, after = Path(stat).read_text().rsplit(")", 1)
            fields = after.split()
            pid = int(before.split()[0])
            if pid == postmaster or int(fields[1]) == postmaster:  # fields[1] is the ppid
                total += (int(fields[11]) + int(fields[12])) / ticks
    return total


# --------------------------------------------------------------------------------------------
# The simulated respondents
# --------------------------------------------------------------------------------------------


@dataclass
class Sample:
    kind: str  # start_get, start_post, who_post, question_get, answer_post, check_post, bare
    started: float
    elapsed: float
    ok: bool
    queries: int = -1
    db_ms: float = 0.0
    app_ms: float = 0.0


@dataclass
class Outcome:
    """What one respondent was told: the answers saved (by question number) and completion."""

    index: int
    saved: dict = field(default_factory=dict)  # question number -> comment sent
    completed: bool = False
    double_click: str = ""
    error: str = ""


class Recorder:
    def __init__(self):
        self.samples: list[Sample] = []
        self.errors: collections.Counter = collections.Counter()

    def timed(self, kind: str, send, expect: tuple[int, ...]) -> requests.Response:
        started = time.monotonic()
        try:
            response = send()
        except requests.RequestException as exc:
            elapsed = time.monotonic() - started
            self.samples.append(Sample(kind, started, elapsed, False))
            self.errors[f"{kind}: {type(exc).__name__}"] += 1
            raise StepFailed(f"{kind}: {type(exc).__name__}") from exc
        elapsed = time.monotonic() - started
        headers = response.headers
        ok = response.status_code in expect
        self.samples.append(
            Sample(
                kind, started, elapsed, ok,
                int(headers.get("X-Bench-Queries", -1)),
                float(headers.get("X-Bench-DB-ms", 0)),
                float(headers.get("X-Bench-App-ms", 0)),
            )
        )  # fmt: skip
        if not ok:
            self.errors[f"{kind}: HTTP {response.status_code}"] += 1
            raise StepFailed(f"{kind}: HTTP {response.status_code}")
        return response


class StepFailed(Exception):
    pass


def csrf_token(page: str) -> str:
    match = CSRF_RE.search(page)
    if not match:
        raise StepFailed("no CSRF token in the page")
    return html.unescape(match.group(1))


def twice_at_once(session: requests.Session, send) -> list[requests.Response]:
    """A double click: the same POST sent twice at once, with the same cookies.

    The browser follows the second response; its cookies are kept, as a browser would.
    """
    clones = []
    for _ in range(2):
        clone = requests.Session()
        clone.cookies.update(session.cookies)
        clones.append(clone)
    barrier = threading.Barrier(2)
    results: list = [None, None]

    def click(slot: int) -> None:
        barrier.wait()
        try:
            results[slot] = send(clones[slot])
        except StepFailed as exc:
            results[slot] = exc

    threads = [threading.Thread(target=click, args=(slot,)) for slot in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for result in results:
        if isinstance(result, StepFailed):
            raise result
    session.cookies.update(clones[1].cookies)
    return results


class Respondent:
    def __init__(self, base: str, recorder: Recorder, outcome: Outcome, tag: str, rng):
        self.base, self.rec, self.outcome, self.tag, self.rng = base, recorder, outcome, tag, rng
        self.session = requests.Session()

    def url(self, path: str) -> str:
        return self.base + path

    def post(self, kind: str, path: str, data: dict, double: bool = False) -> requests.Response:
        def send(session: requests.Session) -> requests.Response:
            return self.rec.timed(
                kind,
                lambda: session.post(
                    self.url(path), data=data, allow_redirects=False, timeout=TIMEOUT
                ),
                (302,),
            )

        if double:
            return twice_at_once(self.session, send)[1]
        return send(self.session)

    def run(self) -> None:
        outcome, rng = self.outcome, self.rng
        # One respondent in five double-clicks one step; mostly an answer.
        double_at = ""
        if rng.random() < 0.2:
            double_at = rng.choice(["start", "who", "check", *[f"q{n}" for n in range(1, 11)]])
        outcome.double_click = double_at
        try:
            page = self.rec.timed(
                "start_get",
                lambda: self.session.get(self.url(SURVEY_PATH), timeout=TIMEOUT),
                (200,),
            ).text
            token = csrf_token(page)
            self.post(
                "start_post", SURVEY_PATH, {"csrfmiddlewaretoken": token}, double_at == "start"
            )
            next_url = self.post(
                "who_post",
                SURVEY_PATH + "who/",
                {"csrfmiddlewaretoken": token, "answered_by": "me"},
                double_at == "who",
            ).headers["Location"]
            while match := QUESTION_RE.search(next_url):
                number = int(match.group(1))
                if number in outcome.saved:
                    raise StepFailed(f"sent back to question {number}")
                page = self.rec.timed(
                    "question_get",
                    lambda u=next_url: self.session.get(self.url(u), timeout=TIMEOUT),
                    (200,),
                ).text
                token = csrf_token(page)
                options = RADIO_RE.findall(page)
                if not options:
                    raise StepFailed(f"no options on question {number}")
                comment = f"{self.tag} q{number} " + rng.choice(COMMENTS)
                data = {
                    "csrfmiddlewaretoken": token,
                    "answer": rng.choice(options),
                    "comment": comment,
                    "may_quote": "on",
                }
                response = self.post("answer_post", next_url, data, double_at == f"q{number}")
                outcome.saved[number] = comment
                next_url = response.headers["Location"]
            if not next_url.endswith("/check/"):
                raise StepFailed(f"unexpected step {next_url}")
            done = self.post(
                "check_post", next_url, {"csrfmiddlewaretoken": token}, double_at == "check"
            )
            if not done.headers["Location"].endswith("/done/"):
                raise StepFailed("check did not lead to done")
            outcome.completed = True
        except (StepFailed, KeyError) as exc:
            outcome.error = str(exc)
        finally:
            self.session.close()


COMMENTS = [
    "My teacher listens when I say I need a break.",
    "I would like more help getting to college on the bus.",
    "Sometimes it is too loud in the dinner hall.",
    "I like my key worker, she explains things.",
    "Nobody asked me what I wanted in my plan.",
]


def survey_phase(base: str, run_id: str, concurrency: int, duration: float, rng_seed: int):
    recorder = Recorder()
    outcomes: list[Outcome] = []
    lock = threading.Lock()
    start = time.monotonic()
    deadline = start + duration

    def slot(number: int) -> None:
        rng = random.Random(rng_seed * 1000 + number)
        time.sleep(rng.random())  # spread the first requests over a second
        while time.monotonic() < deadline:
            with lock:
                outcome = Outcome(len(outcomes))
                outcomes.append(outcome)
            tag = f"bench-{run_id}-r{outcome.index}"
            Respondent(base, recorder, outcome, tag, rng).run()

    threads = [threading.Thread(target=slot, args=(n,), daemon=True) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        # Respondents in progress at the deadline finish (so the database check is exact).
        thread.join(timeout=max(1.0, deadline + 120 - time.monotonic()))
    return recorder, outcomes, start, deadline, time.monotonic()


def bare_phase(base: str, concurrency: int, duration: float):
    recorder = Recorder()
    start = time.monotonic()
    deadline = start + duration

    def slot() -> None:
        session = requests.Session()
        while time.monotonic() < deadline:
            with contextlib.suppress(StepFailed):
                recorder.timed(
                    "bare", lambda: session.get(base + BARE_PATH, timeout=TIMEOUT), (200,)
                )
        session.close()

    threads = [threading.Thread(target=slot, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(1.0, deadline + TIMEOUT + 5 - time.monotonic()))
    return recorder, start, deadline, time.monotonic()


# --------------------------------------------------------------------------------------------
# Figures and the database check
# --------------------------------------------------------------------------------------------


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def in_window(samples: list[Sample], kind: str, start: float, end: float) -> list[Sample]:
    return [s for s in samples if s.kind == kind and start <= s.started + s.elapsed <= end]


def check_database(env: dict, run_id: str, outcomes: list[Outcome], since) -> dict:
    """Compare what respondents were told was saved with what the database holds."""
    os.environ.update(env)
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.db.models import Count

    from engagement.models import Voice
    from surveys.models import Answer, Response, SurveyPage

    survey = SurveyPage.objects.get(url_path__endswith=SURVEY_PATH)
    position = {q.pk: n for n, q in enumerate(survey.active_questions(), start=1)}
    responses = Response.objects.filter(survey=survey, started_at__gte=since)
    answers = Answer.objects.filter(response__in=responses)
    stored = collections.defaultdict(list)  # (respondent, number) -> [(response id, comment ok)]
    response_of = collections.defaultdict(set)  # respondent -> response ids holding its answers
    by_index = {o.index: o for o in outcomes}
    tag_re = re.compile(rf"^bench-{run_id}-r(\d+) q(\d+) ")
    stray = 0
    for response_id, question_id, comment in answers.values_list(
        "response_id", "question_id", "comment"
    ):
        match = tag_re.match(comment)
        if not match:
            stray += 1
            continue
        index, number = int(match.group(1)), int(match.group(2))
        stored[(index, number)].append((response_id, position.get(question_id) == number))
        response_of[index].add(response_id)

    expected = {(o.index, n): c for o in outcomes for n, c in o.saved.items()}
    lost = sum(1 for key in expected if key not in stored)
    wrong_question = sum(1 for rows in stored.values() for _, ok in rows if not ok)
    duplicated_rows = sum(len(rows) - 1 for rows in stored.values() if len(rows) > 1)
    duplicated_in_db = (
        answers.values("response_id", "question_id").annotate(n=Count("id")).filter(n__gt=1).count()
    )
    split = sum(1 for ids in response_of.values() if len(ids) > 1)
    unexpected = sum(1 for key in stored if key not in expected)
    voices = Voice.objects.filter(survey_answer__in=answers)
    voice_dupes = (
        Voice.objects.filter(text__startswith=f"bench-{run_id}-")
        .values("text")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    finished = [o for o in outcomes if o.completed]
    completed_ok = 0
    for outcome in finished:
        ids = response_of.get(outcome.index, set())
        if len(ids) == 1 and responses.filter(pk=next(iter(ids)), completed_at__isnull=False):
            completed_ok += 1
    return {
        "expected": len(expected),
        "stored": sum(len(rows) for rows in stored.values()),
        "lost": lost,
        "duplicated": duplicated_rows + duplicated_in_db,
        "wrong_question": wrong_question,
        "unexpected": unexpected,
        "stray": stray,
        "split": split,
        "voices": voices.count(),
        "voice_dupes": voice_dupes,
        "responses": responses.count(),
        "responses_completed": responses.filter(completed_at__isnull=False).count(),
        "empty_responses": responses.filter(answers__isnull=True).count(),
        "finished": len(finished),
        "completed_ok": completed_ok,
        "by_index": by_index,
    }


def report(args, survey, bare, outcomes, db, usage, setup_s) -> tuple[bool, float]:
    s_rec, _, s_start, s_end, s_done = survey
    b_rec, b_start, b_end, b_done = bare
    s_len, b_len = s_end - s_start, b_end - b_start
    answers = in_window(s_rec.samples, "answer_post", s_start, s_end)
    answer_lat = [s.elapsed for s in answers]
    bares = in_window(b_rec.samples, "bare", b_start, b_end)
    bare_lat = [s.elapsed for s in bares]
    every_survey = [s for s in s_rec.samples if s_start <= s.started + s.elapsed <= s_end]
    answer_rate = len([s for s in answers if s.ok]) / s_len
    bare_rate = len([s for s in bares if s.ok]) / b_len
    survey_rate = len([s for s in every_survey if s.ok]) / s_len
    ratio = answer_rate / bare_rate if bare_rate else 0.0
    doubles = collections.Counter(
        "answer" if o.double_click.startswith("q") else o.double_click
        for o in outcomes
        if o.double_click
    )
    errors = sum(s_rec.errors.values()) + sum(b_rec.errors.values())

    line = "-" * 78
    print(f"\n{line}\nSurvey load benchmark  ({args.db}, gunicorn {args.worker_class} "
          f"{args.workers} workers x {args.threads} threads, {args.concurrency} concurrent "
          f"clients, 2x {args.duration:.0f} s)\n{line}")  # fmt: skip
    print(f"Survey phase: {len(outcomes)} respondents started, "
          f"{sum(o.completed for o in outcomes)} completed; "
          f"{len(every_survey)} requests in {s_len:.1f} s "
          f"(+{s_done - s_end:.1f} s letting respondents in progress finish)")  # fmt: skip
    print(f"  answer steps (question POSTs) : {answer_rate:8.1f} /s   "
          f"p50 {ms(percentile(answer_lat, 50))}  p95 {ms(percentile(answer_lat, 95))}  "
          f"p99 {ms(percentile(answer_lat, 99))}")  # fmt: skip
    print(
        f"  all survey requests           : {survey_rate:8.1f} /s   "
        f"({survey_rate / bare_rate if bare_rate else 0:.2f} of the bare view's rate)"
    )
    print(f"Bare view phase: {len(bares)} requests in {b_len:.1f} s")
    print(f"  bare view requests            : {bare_rate:8.1f} /s   "
          f"p50 {ms(percentile(bare_lat, 50))}  p95 {ms(percentile(bare_lat, 95))}  "
          f"p99 {ms(percentile(bare_lat, 99))}")  # fmt: skip
    print(f"RATIO answer steps/s / bare view req/s = {ratio:.3f}   (target >= 0.4)")
    print(f"Errors: {errors}" + "".join(f"\n  {k}: {v}" for k, v in
                                       (s_rec.errors + b_rec.errors).most_common()))  # fmt: skip
    print(f"Double clicks (same POST twice at once): {sum(doubles.values())} respondents "
          + ", ".join(f"{k} {v}" for k, v in sorted(doubles.items())))  # fmt: skip

    print("\nPer step (survey phase): median server time, queries, database time")
    print(f"  {'step':<13}{'count':>7}{'p50 client':>12}{'p95 client':>12}{'app p50':>10}"
          f"{'queries':>9}{'db p50':>9}")  # fmt: skip
    for kind in ["start_get", "start_post", "who_post", "question_get", "answer_post",
                 "check_post"]:  # fmt: skip
        rows = [s for s in s_rec.samples if s.kind == kind and s.ok]
        if not rows:
            continue
        print(f"  {kind:<13}{len(rows):>7}{ms(percentile([r.elapsed for r in rows], 50)):>12}"
              f"{ms(percentile([r.elapsed for r in rows], 95)):>12}"
              f"{statistics.median(r.app_ms for r in rows):>8.1f}ms"
              f"{statistics.median(r.queries for r in rows):>9.0f}"
              f"{statistics.median(r.db_ms for r in rows):>7.1f}ms")  # fmt: skip
    rows = [s for s in b_rec.samples if s.ok]
    if rows:
        print(f"  {'bare':<13}{len(rows):>7}{ms(percentile([r.elapsed for r in rows], 50)):>12}"
              f"{ms(percentile([r.elapsed for r in rows], 95)):>12}"
              f"{statistics.median(r.app_ms for r in rows):>8.1f}ms"
              f"{statistics.median(r.queries for r in rows):>9.0f}"
              f"{statistics.median(r.db_ms for r in rows):>7.1f}ms")  # fmt: skip
    server_cpu, pg_cpu, client_cpu, host_cpu = usage
    other_cpu = tuple(h - g - p - c for h, g, p, c in zip(*usage, strict=True))
    print(f"CPU seconds used ({os.cpu_count()} CPUs shared by everything on the machine):")
    for name, (survey_cpu, bare_cpu) in [
        ("gunicorn", server_cpu),
        ("postgres", pg_cpu),
        ("load driver", client_cpu),
        ("other procs", other_cpu),
    ]:
        print(
            f"  {name:<12} survey phase {survey_cpu:6.1f} s ({survey_cpu / (s_done - s_start):4.0%}"
            f" of a CPU)   bare phase {bare_cpu:6.1f} s ({bare_cpu / (b_done - b_start):4.0%})"
        )
    print(
        f"  gunicorn CPU per request: survey "
        f"{server_cpu[0] / max(1, len(s_rec.samples)) * 1000:.1f} ms, "
        f"bare {server_cpu[1] / max(1, len(b_rec.samples)) * 1000:.2f} ms"
    )

    print("\nDatabase check (responses started during this run)")
    print(f"  answers expected (steps answered 302) : {db['expected']}")
    print(f"  answers stored with this run's tags   : {db['stored']}")
    print(f"  LOST (expected, not stored)           : {db['lost']}")
    print(
        f"  DUPLICATED (>1 answer per response and question, or per respondent and "
        f"question) : {db['duplicated']}"
    )
    print(
        f"  answer POSTs that errored             : "
        f"{sum(v for k, v in s_rec.errors.items() if k.startswith('answer_post'))}"
    )
    print(f"  stored under the wrong question       : {db['wrong_question']}")
    print(f"  stored but the client saw no success  : {db['unexpected']}")
    print(f"  respondents whose answers are split over >1 response : {db['split']}")
    print(
        f"  Voice (comment pool) rows for these answers : {db['voices']}"
        f" (duplicate texts: {db['voice_dupes']})"
    )
    print(
        f"  responses created {db['responses']}, completed {db['responses_completed']}, "
        f"left empty {db['empty_responses']}; respondents told 'done' {db['finished']}, "
        f"of which found completed in the database {db['completed_ok']}"
    )
    print(f"Setup (cluster, migrate, seed, collectstatic, gunicorn) took {setup_s:.0f} s")
    passed = (
        ratio >= 0.4 and db["lost"] == 0 and db["duplicated"] == 0 and db["wrong_question"] == 0
    )
    verdict = "MET" if passed else "NOT MET"
    print(
        f"{line}\nTarget (ratio >= 0.4, 0 lost, 0 duplicated): {verdict}\n"
        f"  ratio {ratio:.3f}, lost {db['lost']}, duplicated {db['duplicated']}, "
        f"errors {errors}\n{line}"
    )
    intact = not (db["lost"] or db["duplicated"] or db["wrong_question"] or errors)
    return intact, ratio


# --------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--concurrency", type=int, default=120, help="simulated respondents")
    parser.add_argument("--duration", type=float, default=60, help="seconds for each phase")
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--seed", type=int, default=1, help="random seed for the respondents")
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when the ratio target is missed too"
    )
    args = parser.parse_args()
    if args.concurrency < 1 or args.duration <= 0:
        parser.error("concurrency and duration must be positive")

    def stop_on_signal(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, stop_on_signal)
    root = Path(tempfile.mkdtemp(prefix="send-bench-"))
    root.chmod(0o755)  # the postgres user must reach its data directory
    pg: Postgres | None = None
    server: Gunicorn | None = None
    run_id = secrets.token_hex(3)
    setup_started = time.monotonic()
    try:
        if args.db == "postgres":
            log(f"starting a throwaway PostgreSQL cluster in {root}")
            pg = Postgres(root)
            database_url = pg.start()
        else:
            database_url = f"sqlite:///{root / 'bench.sqlite3'}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "engagement.settings.bench",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": database_url,
            "BENCH_DIR": str(root),
            "PYTHONUNBUFFERED": "1",
        }
        for step in (["migrate", "--no-input"], ["seed_demo"], ["collectstatic", "--no-input"]):
            log("manage.py " + " ".join(step))
            subprocess.run(
                [PY, "manage.py", *step], cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL
            )
        port = free_port()
        log(f"gunicorn on 127.0.0.1:{port}: {args.workers} {args.worker_class} workers x "
            f"{args.threads} threads")  # fmt: skip
        server = Gunicorn(env, port, args, root / "gunicorn.log")
        server.start()
        base = server.url("")
        # Warm up every worker (imports, templates, database connections); not measured.
        log("warming up")
        warm = Recorder()
        for n in range(args.workers * max(1, args.threads) * 2):
            outcome = Outcome(-1 - n)
            Respondent(base, warm, outcome, f"warmup-{run_id}", random.Random(n)).run()
            if outcome.error or not outcome.completed:
                server.stop()
                print(server.log.read_text()[-3000:], file=sys.stderr)
                sys.exit(f"A warm-up respondent failed ({outcome.error}); gunicorn's log is above.")
        for _ in range(200):
            with contextlib.suppress(requests.RequestException):
                requests.get(base + BARE_PATH, timeout=TIMEOUT)
        setup_s = time.monotonic() - setup_started
        since = datetime.now(UTC)  # responses started from now on belong to the measured run

        log(f"survey phase: {args.concurrency} respondents at once for {args.duration:.0f} s")

        def cpu() -> tuple:
            return (
                server.cpu_seconds(), postgres_cpu_seconds(pg), time.process_time(),
                host_cpu_seconds(),
            )  # fmt: skip

        cpu0 = cpu()
        survey = survey_phase(base, run_id, args.concurrency, args.duration, args.seed)
        cpu1 = cpu()
        log(f"bare view phase: {args.concurrency} clients for {args.duration:.0f} s")
        bare = bare_phase(base, args.concurrency, args.duration)
        cpu2 = cpu()
        server.stop()
        log("checking the database")
        outcomes = survey[1]
        db = check_database(env, run_id, outcomes, since)
        usage = [(b - a, c - b) for a, b, c in zip(cpu0, cpu1, cpu2, strict=True)]
        intact, ratio = report(args, survey, bare, outcomes, db, usage, setup_s)
        return 0 if intact and (ratio >= 0.4 or not args.strict) else 1
    finally:
        log("stopping gunicorn and PostgreSQL, removing " + str(root))
        if server:
            server.stop()
        with contextlib.suppress(Exception):
            _close_django()
        if pg:
            try:
                pg.stop()
            except subprocess.CalledProcessError:
                log("pg_ctl stop failed; see " + str(pg.data / "server.log"))
        shutil.rmtree(root, ignore_errors=True)


def _close_django() -> None:
    if "django.db" in sys.modules:
        from django.db import connections

        connections.close_all()


if __name__ == "__main__":
    sys.exit(main())
