"""Load benchmark: respondents answering the Bradford demo survey, against a bare Django view.

Run with `make bench-surveys` (or `.venv/bin/python benchmarks/survey_load.py --help`).

An ANSWER STEP is what a respondent needs to move on by one question. In the chat (the default,
as chat.js does it) that is one request: the POST of the tapped answer with "X-Survey-Chat: 1",
answered with the next message alone (200, an HTML fragment) or where to go next (204); the
comment follows as its own POST ("Do you want to tell us more?", counted apart as more_post).
With --plain it is the no-JavaScript way: the POST of an answer and its comment (302) plus the
GET of the page it redirects to. Its latency runs from sending the POST to the whole answer.

1. A throwaway PostgreSQL cluster in a temporary directory on 127.0.0.1 (as the `postgres`
   user when run as root); migrate, seed_demo, collectstatic.
2. gunicorn serving the real site with engagement.settings.bench: production settings over
   plain HTTP, plus a bare view at /bench/bare/ and headers giving each request's Django CPU
   time, query count and database time (benchmarks/middleware.py).
3. Survey phase: N simulated respondents at once, each going start -> who -> every question
   (an option from the page's radios, plus a tagged comment) -> check -> done, then starting
   again as someone new. One in five double-clicks a step (the same POST twice at once).
   Once every respondent is answering questions (and --warmup seconds have passed), the
   window opens: answer steps completed in the next --duration seconds are counted. When it
   closes, each respondent finishes the request it is in and stops, wherever it has got to.
4. Bare phase: N clients requesting /bench/bare/, with a warm-up and the same window.
5. The figures: answer steps/s, their p50/p95/p99 latency, bare requests/s, and RATIO =
   answer steps/s / bare requests/s (target >= 0.4). gunicorn, PostgreSQL and this driver
   share the machine's CPUs, so the CPU each used per request is printed too.
6. The database check, exact: every answer a respondent was told was saved (302) must be
   stored once, under its question, in that respondent's one response, with its comment in
   the pool of comments once; LOST and DUPLICATED must be 0.
gunicorn and PostgreSQL are stopped and the temporary directory removed at the end.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import dataclasses
import html
import http.client
import itertools
import math
import os
import random
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from scripts.throwaway_postgres import Postgres, free_port  # noqa: E402

PY = sys.executable
SURVEY_PATH = "/pupil-voice-annual-review/"
BARE_PATH = "/bench/bare/"
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RADIO_RE = re.compile(r'<input[^>]*type="radio"[^>]*name="answer"[^>]*value="(\d+)"')
QUESTION_RE = re.compile(r"/question/(\d+)/$")
TIMEOUT = 60  # seconds for any one request
WARMUP_LIMIT = 300  # seconds: the window opens by then, whoever has not reached the questions
TICKS = os.sysconf("SC_CLK_TCK")
COMMENTS = [
    "My teacher listens when I say I need a break.",
    "I would like more help getting to college on the bus.",
    "Sometimes it is too loud in the dinner hall.",
    "Nobody asked me what I wanted in my plan.",
]


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its direct children (workers, backends)."""
    with contextlib.suppress(OSError):
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        total = 0.0
        for each in [pid, *map(int, children)]:
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / TICKS
        return total
    return 0.0


def machine_cpu_seconds() -> float:
    """Busy CPU seconds of the whole machine: everything, ours and anyone else's."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / TICKS


# --------------------------------------------------------------------------------------------
# Processes: PostgreSQL and gunicorn
# --------------------------------------------------------------------------------------------


class BenchPostgres(Postgres):
    """The shared throwaway cluster, plus the CPU its server processes used."""

    def cpu_seconds(self) -> float:
        with contextlib.suppress(OSError, ValueError, IndexError):
            return cpu_seconds(int((self.data / "postmaster.pid").read_text().split()[0]))
        return 0.0


class Gunicorn:
    def __init__(self, env: dict, args, log_path: Path):
        self.env, self.args, self.log_path = env, args, log_path
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        cmd = [
            PY, "-m", "gunicorn", "engagement.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.args.workers),
            "--worker-class", self.args.worker_class, "--threads", str(self.args.threads),
            "--backlog", "2048", "--timeout", "120", "--log-level", "warning",
        ]  # fmt: skip
        with self.log_path.open("w") as log_file:
            self.proc = subprocess.Popen(
                cmd, cwd=REPO, env=self.env, start_new_session=True,
                stdout=log_file, stderr=subprocess.STDOUT,
            )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("gunicorn exited while starting:\n" + self.log_tail())
            with contextlib.suppress(StepFailed):
                if Browser(self.port, Recorder()).get("ready", BARE_PATH).status == 200:
                    return
            time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer within 60 s")

    def log_tail(self) -> str:
        return self.log_path.read_text()[-3000:]

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.proc.pid) if self.proc else 0.0

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # graceful: the master stops its workers
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


# --------------------------------------------------------------------------------------------
# A minimal browser: cookies kept, redirects not followed
# --------------------------------------------------------------------------------------------


@dataclass
class Sample:
    """A request (or an answer step), with what the server said it cost: Django's CPU time,
    queries and database time, from the headers benchmarks/middleware.py adds."""

    kind: str  # start_get, start_post, who_post, question_get, answer_post, next_get, ...
    started: float
    ended: float
    ok: bool = True
    cpu_ms: float = math.nan
    queries: int = -1
    db_ms: float = math.nan

    def __add__(self, later: Sample) -> Sample:
        """Two requests taken together, e.g. an answer step: from the first to the last."""
        return Sample(
            "answer_step", self.started, later.ended, self.ok and later.ok,
            self.cpu_ms + later.cpu_ms, self.queries + later.queries, self.db_ms + later.db_ms,
        )  # fmt: skip


class Recorder:
    def __init__(self):
        self.samples: list[Sample] = []  # list.append is atomic: threads share one recorder
        self.errors: collections.Counter = collections.Counter()
        self.answering: set[int] = set()  # client threads that have reached the questions


class StepFailed(Exception):
    pass


class Stopped(Exception):
    """The measured window has closed: send nothing more."""


@dataclass
class Reply:
    status: int
    location: str
    text: str
    sample: Sample


class Browser:
    """http.client, one connection per request (gunicorn's sync workers close it after each
    response): far cheaper than requests, which matters as the driver shares the CPUs."""

    def __init__(self, port: int, recorder: Recorder, stop: threading.Event | None = None):
        self.port, self.rec, self.stop = port, recorder, stop
        self.cookies: dict[str, str] = {}

    def get(self, kind: str, path: str) -> Reply:
        return self.send(kind, "GET", path, None, expect=200)

    def post(self, kind: str, path: str, form: dict, chat: bool = False) -> Reply:
        return self.send(kind, "POST", path, form, expect=(200, 204) if chat else 302, chat=chat)

    def send(
        self, kind: str, method: str, path: str, form: dict | None, expect, chat: bool = False
    ) -> Reply:
        if self.stop is not None and self.stop.is_set():
            raise Stopped
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if form is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if chat:
            headers["X-Survey-Chat"] = "1"
        started = time.monotonic()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        try:
            conn.request(method, path, urlencode(form) if form else None, headers)
            response = conn.getresponse()
            text = response.read().decode()
        except (OSError, http.client.HTTPException) as exc:
            self.rec.samples.append(Sample(kind, started, time.monotonic(), ok=False))
            self._failed(kind, type(exc).__name__)
        finally:
            conn.close()
        self._keep_cookies(response.headers.get_all("Set-Cookie") or [])
        server = response.headers
        sample = Sample(
            kind, started, time.monotonic(),
            response.status in (expect if isinstance(expect, tuple) else (expect,)),
            float(server.get("X-Bench-CPU-ms", "nan")), int(server.get("X-Bench-Queries", -1)),
            float(server.get("X-Bench-DB-ms", "nan")),
        )  # fmt: skip
        self.rec.samples.append(sample)
        if not sample.ok:
            self._failed(kind, f"HTTP {response.status}")
        location = server.get("Location", "") or server.get("X-Survey-Location", "")
        return Reply(response.status, location, text, sample)

    def _failed(self, kind: str, why: str):
        self.rec.errors[f"{kind}: {why}"] += 1
        raise StepFailed(f"{kind}: {why}")

    def _keep_cookies(self, set_cookies: list[str]) -> None:
        for header in set_cookies:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if value in ("", '""'):
                self.cookies.pop(name.strip(), None)  # Django deletes a cookie by emptying it
            else:
                self.cookies[name.strip()] = value

    def post_twice_at_once(self, kind: str, path: str, form: dict, chat: bool = False) -> Reply:
        """A double click: the same POST twice at once with the same cookies; the browser
        follows the second reply and keeps its cookies."""
        clones = [Browser(self.port, self.rec) for _ in range(2)]
        barrier = threading.Barrier(2)

        def click(clone: Browser) -> Reply:
            clone.cookies = dict(self.cookies)
            barrier.wait()
            return clone.post(kind, path, form, chat)

        with ThreadPoolExecutor(2) as pool:
            first, second = [each.result() for each in [pool.submit(click, c) for c in clones]]
        self.cookies = clones[1].cookies
        second.sample = first.sample + second.sample  # the server did both
        return second


# --------------------------------------------------------------------------------------------
# The simulated respondents
# --------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What one respondent was told: the answers saved (by question number) and completion."""

    index: int
    saved: dict = field(default_factory=dict)  # question number -> comment sent
    completed: bool = False
    error: str = ""


def csrf_token(page: str) -> str:
    match = CSRF_RE.search(page)
    if not match:
        raise StepFailed("no CSRF token in the page")
    return html.unescape(match.group(1))


NEXT_URL_RE = re.compile(r'class="chat-step"[^>]*data-url="([^"]+)"')


def respond(
    browser: Browser,
    outcome: Outcome,
    tag: str,
    rng: random.Random,
    think: float = 0,
    plain: bool = False,
) -> None:
    """One respondent from the start page to the confirmation. With `think`, it spends between
    half and one and a half times that many seconds on each page before answering, as a person
    reading the question and choosing would."""
    double_at = rng.choice(["start", "who", "check", *range(1, 11)]) if rng.random() < 0.2 else ""

    def post(kind: str, path: str, form: dict, at, chat: bool = False) -> Reply:
        if think and browser.stop is not None and browser.stop.wait(rng.uniform(0.5, 1.5) * think):
            raise Stopped
        if double_at == at:
            return browser.post_twice_at_once(kind, path, form, chat)
        return browser.post(kind, path, form, chat)

    token = csrf_token(browser.get("start_get", SURVEY_PATH).text)
    post("start_post", SURVEY_PATH, {"csrfmiddlewaretoken": token}, "start")
    form = {"csrfmiddlewaretoken": token, "answered_by": "me"}
    url = post("who_post", SURVEY_PATH + "who/", form, "who").location
    page = browser.get("question_get", url).text
    browser.rec.answering.add(threading.get_ident())
    while match := QUESTION_RE.search(url):
        number = int(match.group(1))
        options = RADIO_RE.findall(page)
        if number in outcome.saved or not options:
            raise StepFailed(f"question {number}: asked again, or no options")
        comment = f"{tag} q{number} {rng.choice(COMMENTS)}"
        token = csrf_token(page)
        if plain:
            form = {"csrfmiddlewaretoken": token, "answer": rng.choice(options),
                    "comment": comment, "may_quote": "on"}  # fmt: skip
            answered = post("answer_post", url, form, number)
            outcome.saved[number] = comment
            url = answered.location
            shown = browser.get("next_get", url)
            browser.rec.samples.append(answered.sample + shown.sample)
            page = shown.text
            continue
        form = {"csrfmiddlewaretoken": token, "answer": rng.choice(options)}
        answered = post("answer_post", url, form, number, chat=True)
        # One request: the tap and the next message (a double tap counts both posts).
        browser.rec.samples.append(dataclasses.replace(answered.sample, kind="answer_step"))
        more = {"csrfmiddlewaretoken": token, "comment": comment, "may_quote": "on"}
        browser.post("more_post", url + "more/", more, chat=True)
        outcome.saved[number] = comment
        if answered.status == 204:
            url = answered.location
            page = browser.get("next_get", url).text
        else:
            page = answered.text
            url = html.unescape(NEXT_URL_RE.search(page).group(1))
    if not url.endswith("/check/"):
        raise StepFailed(f"unexpected step {url}")
    done = post("check_post", url, {"csrfmiddlewaretoken": csrf_token(page)}, "check")
    if not done.location.endswith("/done/"):
        raise StepFailed("check did not lead to done")
    browser.get("done_get", done.location)
    outcome.completed = True


def run_clients(args, client, warmup: float, ready, measure) -> tuple:
    """Start the clients, warm up until ready(), measure a window, then stop them.

    Returns (seconds of warm-up, window start, window end, measure() at both ends).
    """
    stop = threading.Event()
    threads = [threading.Thread(target=client, args=(n, stop)) for n in range(args.concurrency)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(warmup)
    while not ready() and time.monotonic() < began + WARMUP_LIMIT:
        time.sleep(0.5)
    start, before = time.monotonic(), measure()
    time.sleep(args.duration)
    end, after = time.monotonic(), measure()
    stop.set()  # each client finishes the request it is in, then stops
    for thread in threads:
        thread.join()
    return start - began, start, end, before, after


OFFICER_EMAIL, OFFICER_PASSWORD = "dashboard-reader@example.org", secrets.token_urlsafe(16)
DASHBOARD_PAGES = ["/dashboard/", "/dashboard/themes/", "/dashboard/reach/", "/dashboard/loop/"]
MAKE_OFFICER = f"""
from django.contrib.auth.models import Group
from engagement.models import User
from engagement.roles import COMMISSIONER
user = User.objects.create_user(email="{OFFICER_EMAIL}", password="{OFFICER_PASSWORD}")
user.groups.add(Group.objects.get(name=COMMISSIONER))
"""


def read_dashboard(browser: Browser) -> None:
    """A commissioner signs in, then loads the dashboard's pages in turn until stopped."""
    page = browser.get("login_get", "/accounts/login/").text
    form = {"csrfmiddlewaretoken": csrf_token(page), "login": OFFICER_EMAIL}
    browser.post("login_post", "/accounts/login/", form | {"password": OFFICER_PASSWORD})
    for path in itertools.cycle(DASHBOARD_PAGES):
        browser.get("dashboard", path)


def survey_phase(port: int, run_id: str, args, measure):
    recorder, outcomes, numbers = Recorder(), [], itertools.count()

    def officer(stop: threading.Event) -> None:
        with contextlib.suppress(Stopped):
            while True:
                with contextlib.suppress(StepFailed):
                    read_dashboard(Browser(port, recorder, stop))

    def client(number: int, stop: threading.Event) -> None:
        rng = random.Random(args.seed * 1000 + number)
        time.sleep(rng.random() * 2)  # spread the first requests
        while not stop.is_set():
            outcome = Outcome(next(numbers))  # next() on a count is atomic under the GIL
            outcomes.append(outcome)
            try:
                respond(
                    Browser(port, recorder, stop), outcome, f"bench-{run_id}-r{outcome.index}",
                    rng, args.think, args.plain,
                )  # fmt: skip
            except Stopped:
                pass
            except StepFailed as exc:
                outcome.error = str(exc)

    # The window opens once every respondent is answering questions: mid-survey, not starting.
    everyone_answering = lambda: len(recorder.answering) >= args.concurrency  # noqa: E731
    stop_officer = threading.Event()
    reader = threading.Thread(target=officer, args=(stop_officer,))
    if args.officer:
        reader.start()
    window = run_clients(args, client, args.warmup, everyone_answering, measure)
    stop_officer.set()
    if args.officer:
        reader.join()
    return recorder, outcomes, window


def bare_phase(port: int, args, measure):
    recorder = Recorder()

    def client(number: int, stop: threading.Event) -> None:
        browser = Browser(port, recorder, stop)
        with contextlib.suppress(Stopped):
            while True:
                with contextlib.suppress(StepFailed):
                    browser.get("bare", BARE_PATH)

    return recorder, run_clients(args, client, min(args.warmup, 5), lambda: True, measure)


# --------------------------------------------------------------------------------------------
# The database check
# --------------------------------------------------------------------------------------------


def check_database(env: dict, run_id: str, outcomes: list[Outcome], since: datetime) -> dict:
    """Compare what respondents were told was saved with what the database holds."""
    os.environ.update(env)
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.db.models import Count

    from engagement.models import Voice
    from surveys.models import Answer, Response, SurveyPage

    survey = SurveyPage.objects.get(url_path__endswith=SURVEY_PATH)
    number_of = {q.pk: n for n, q in enumerate(survey.active_questions(), start=1)}
    responses = Response.objects.filter(survey=survey, started_at__gte=since)
    answers = Answer.objects.filter(response__in=responses)
    tag_re = re.compile(rf"^bench-{run_id}-r(\d+) q(\d+) ")
    stored = collections.defaultdict(list)  # (respondent, number) -> [under that question?]
    response_ids = collections.defaultdict(set)  # respondent -> responses holding its answers
    for row in answers.values_list("response_id", "question_id", "comment"):
        if match := tag_re.match(row[2]):
            respondent, number = int(match.group(1)), int(match.group(2))
            stored[respondent, number].append(number_of.get(row[1]) == number)
            response_ids[respondent].add(row[0])
    expected = {(o.index, n) for o in outcomes for n in o.saved}
    same_question_twice = answers.values("response", "question").annotate(n=Count("id"))
    voices = Voice.including_withheld.filter(survey_answer__in=answers)
    completed = set(responses.exclude(completed_at=None).values_list("pk", flat=True))
    told_done = [o for o in outcomes if o.completed]
    return {
        "expected": len(expected),
        "stored": sum(len(rows) for rows in stored.values()),
        "lost": len(expected - stored.keys()),
        "duplicated": sum(len(rows) - 1 for rows in stored.values())
        + same_question_twice.filter(n__gt=1).count(),
        "wrong question": sum(not ok for rows in stored.values() for ok in rows),
        "stored, never confirmed": len(stored.keys() - expected),
        "split over responses": sum(len(ids) > 1 for ids in response_ids.values()),
        "voices": voices.count(),
        "voice duplicates": voices.values("text").annotate(n=Count("id")).filter(n__gt=1).count(),
        "told done": len(told_done),
        "told done, not completed": sum(
            not response_ids[o.index] or not response_ids[o.index] <= completed for o in told_done
        ),
        "responses": responses.count(),
    }


MUST_BE_ZERO = (
    "lost", "duplicated", "wrong question", "split over responses", "voice duplicates",
    "told done, not completed",
)  # fmt: skip


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(pct / 100 * len(ordered)))] if values else math.nan


def latencies(samples: list[Sample], points=(50, 95, 99)) -> str:
    seconds = [s.ended - s.started for s in samples]
    return "  ".join(f"p{p} {percentile(seconds, p) * 1000:6.0f} ms" for p in points)


@dataclass
class Window:
    """What happened in one phase's measured window."""

    seconds: float
    samples: list[Sample]  # those that succeeded and ended in the window
    gunicorn: float  # CPU seconds used in the window
    postgres: float
    driver: float
    machine: float

    @classmethod
    def of(cls, recorder: Recorder, start: float, end: float, before, after) -> Window:
        samples = [s for s in recorder.samples if s.ok and start <= s.ended <= end]
        return cls(end - start, samples, *(b - a for a, b in zip(before, after, strict=True)))

    def of_kind(self, *kinds: str) -> list[Sample]:
        return [s for s in self.samples if s.kind in kinds]

    def requests(self) -> list[Sample]:
        return [s for s in self.samples if s.kind != "answer_step"]

    def rate(self, kind: str) -> float:
        return len(self.of_kind(kind)) / self.seconds


def report(args, survey, bare, db: dict) -> tuple[float, int]:
    """Print the figures; return the ratio and the count of failures (errors, lost, ...)."""
    s_recorder, _, (warmed, *s_window) = survey
    b_recorder, (_, *b_window) = bare
    s, b = Window.of(s_recorder, *s_window), Window.of(b_recorder, *b_window)
    ratio = s.rate("answer_step") / max(b.rate("bare"), 1e-9)
    errors = s_recorder.errors + b_recorder.errors
    in_steps = len(s.of_kind("answer_post", "next_get")) / max(1, len(s.requests()))
    tasks = "deferred, as a worker would take them" if args.defer_tasks else "as the settings say"
    line = "-" * 94
    print(f"\n{line}\nSurvey load benchmark: gunicorn {args.workers} {args.worker_class} workers"
          f" x {args.threads} threads, PostgreSQL, {args.concurrency} clients, {os.cpu_count()}"
          f" CPUs. A {args.duration:.0f} s window per phase;\nthe survey's opened after "
          f"{warmed:.0f} s, once every respondent was answering questions. Background tasks "
          f"(analysing new comments): {tasks}. Each respondent spends "
          f"{args.think * 0.5:.0f}-{args.think * 1.5:.0f} s on a page before answering (--think)."
          f"\n{line}")  # fmt: skip
    step = "POST an answer + GET the page it leads to" if args.plain else "a chat tap: one POST"
    print(f"Answer steps ({step}) {s.rate('answer_step'):6.1f}"
          f" /s   {latencies(s.of_kind('answer_step'))}")  # fmt: skip
    if dashboard := s.of_kind("dashboard"):
        print(f"Dashboard pages, one commissioner in turn  {s.rate('dashboard'):16.1f} /s   "
              f"{latencies(dashboard)}")  # fmt: skip
    print(f"Bare view requests ({BARE_PATH})                 {b.rate('bare'):8.1f} /s   "
          f"{latencies(b.samples)}")  # fmt: skip
    print(f"RATIO answer steps/s / bare requests/s = {ratio:.3f}   (target >= 0.4)\n"
          f"  ({in_steps:.0%} of the survey window's requests were answer steps'; the others: "
          "start, who, first question, check, done)")  # fmt: skip
    sent, failed = len(s_recorder.samples) + len(b_recorder.samples), sum(errors.values())
    print(f"Errors: {failed} of {sent} requests ({failed / max(1, sent):.2%})")
    for kind, count in errors.most_common():
        print(f"  {kind}: {count}")
    per_request_table(s.samples + b.samples)
    cpu_breakdown(s, b)
    print("\nDatabase check (every response started in the survey phase)")
    for name, value in db.items():
        print(f"  {name:<26} {value}")
    failures = sum(errors.values()) + sum(db[name] for name in MUST_BE_ZERO)
    verdict = "MET" if ratio >= 0.4 and not failures else "NOT MET"
    p95 = percentile([x.ended - x.started for x in s.of_kind("answer_step")], 95) * 1000
    load_verdict = "MET" if p95 < 300 and not failures else "NOT MET"
    print(f"{line}\nSurveys' target (ratio >= 0.4, 0 lost, 0 duplicated): {verdict}.  Ratio "
          f"{ratio:.3f}, lost {db['lost']}, duplicated {db['duplicated']}, errors {failed}\n"
          f"Load target (p95 < 300 ms for answer steps, 0 errors, 0 lost, 0 doubled): "
          f"{load_verdict}.  p95 {p95:.0f} ms, {args.concurrency} respondents\n{line}")  # fmt: skip
    return ratio, failures


def per_request_table(samples: list[Sample]) -> None:
    print("\nIn the windows, by request: latency at the client; the server's CPU time in Django "
          "(middleware, view, template), queries, database time")  # fmt: skip
    print(f"  {'request':<13}{'count':>7}{'latency':>22}{'CPU mean':>10}{'CPU p50':>9}"
          f"{'queries':>9}{'db p50':>9}")  # fmt: skip
    by_kind = collections.defaultdict(list)
    for sample in samples:
        by_kind[sample.kind].append(sample)
    for kind, rows in by_kind.items():
        print(f"  {kind:<13}{len(rows):>7}  {latencies(rows, (50, 95))}"
              f"{statistics.fmean(r.cpu_ms for r in rows):>8.2f}ms"
              f"{statistics.median(r.cpu_ms for r in rows):>7.2f}ms"
              f"{statistics.median(r.queries for r in rows):>9.0f}"
              f"{statistics.median(r.db_ms for r in rows):>7.2f}ms")  # fmt: skip


def cpu_breakdown(s: Window, b: Window) -> None:
    """Where the CPU went, and what one answer step costs the server against a bare request."""
    print("\nCPU seconds used in the windows: survey | bare")
    for name in ("gunicorn", "postgres", "driver", "machine"):
        print(f"  {name:<9}{getattr(s, name):7.1f} |{getattr(b, name):7.1f}")
    per_request = {
        name: (
            getattr(s, name) / max(1, len(s.requests())),
            getattr(b, name) / max(1, len(b.samples)),
        )
        for name in ("gunicorn", "postgres", "driver")
    }
    print("  per request, ms: " + ";  ".join(
        f"{name} {survey * 1000:.2f} | {bare * 1000:.2f}"
        for name, (survey, bare) in per_request.items()
    ))  # fmt: skip
    # The server's cost of a step: Django's CPU for its requests (from the headers); gunicorn's
    # own work around each request (a bare request's CPU beyond Django's); PostgreSQL's CPU
    # shared out by query count (an estimate: writes cost it more than reads).
    steps = s.of_kind("answer_step")
    requests_per_step = len(s.of_kind("answer_post", "next_get")) / max(1, len(steps))
    bare_ms = per_request["gunicorn"][1] * 1000
    bare_django_ms = statistics.fmean(r.cpu_ms for r in b.samples) if b.samples else math.nan
    around_ms = (bare_ms - bare_django_ms) * requests_per_step
    django_ms = statistics.fmean(r.cpu_ms for r in steps) if steps else math.nan
    query_share = sum(r.queries for r in steps) / max(1, sum(r.queries for r in s.requests()))
    postgres_ms = s.postgres * 1000 * query_share / max(1, len(steps))
    step_ms = django_ms + around_ms + postgres_ms
    print(f"  An answer step costs the server ~{step_ms:.1f} ms of CPU: Django {django_ms:.1f} ms,"
          f" gunicorn around its {requests_per_step:.2f} requests {around_ms:.1f} ms, PostgreSQL"
          f" ~{postgres_ms:.1f} ms.\n  A bare request costs it {bare_ms:.2f} ms. Were the "
          f"server's CPU all that set the pace, the ratio would be ~{bare_ms / step_ms:.3f}."
          )  # fmt: skip


# --------------------------------------------------------------------------------------------


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--concurrency", type=int, default=100, help="simulated respondents")
    parser.add_argument("--duration", type=float, default=60, help="seconds measured, per phase")
    parser.add_argument("--warmup", type=float, default=15, help="seconds at least, per phase")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--seed", type=int, default=1, help="random seed for the respondents")
    parser.add_argument(
        "--defer-tasks",
        action="store_true",
        help="enqueue background tasks and leave them, as if a worker took them elsewhere",
    )
    parser.add_argument(
        "--think",
        type=float,
        default=0,
        help="seconds a respondent spends on each page before answering, on average (0: none, "
        "the most load the clients can make)",
    )
    parser.add_argument(
        "--officer",
        action="store_true",
        help="a commissioner signed in loads the dashboard's pages in turn during the survey phase",
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="answer as a browser without JavaScript does (POST with the comment, then GET)",
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 if the ratio is missed")
    args = parser.parse_args()
    if args.concurrency < 1 or args.duration <= 0 or args.warmup < 0:
        parser.error("concurrency and duration must be positive")
    return args


def prepare(args, root: Path, pg: Postgres) -> dict:
    """The environment gunicorn runs in, and a migrated, seeded database."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "engagement.settings.bench",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": pg.start("send_bench"),
        "BENCH_DIR": str(root),
        "BENCH_DEFER_TASKS": "1" if args.defer_tasks else "",
        "PYTHONUNBUFFERED": "1",
    }
    steps = (
        ["migrate", "--no-input"],
        ["createcachetable"],
        ["seed_demo"],
        ["collectstatic", "--no-input"],
    )
    if getattr(args, "officer", False):
        steps += (["shell", "--no-imports", "-c", MAKE_OFFICER],)
    for step in steps:
        log("manage.py " + " ".join(step[:2]))
        subprocess.run(
            [PY, "manage.py", *step], cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL
        )
    return env


def main() -> int:
    args = parse_args()
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(f"signal {signum}"))
    root = Path(tempfile.mkdtemp(prefix="send-bench-"))
    pg, server, run_id = BenchPostgres(root), None, secrets.token_hex(3)
    try:
        log(f"starting PostgreSQL in {root}")
        env = prepare(args, root, pg)
        server = Gunicorn(env, args, root / "gunicorn.log")
        log(f"gunicorn on 127.0.0.1:{server.port}; one respondent first, to fail fast")
        server.start()
        try:
            respond(Browser(server.port, Recorder()), Outcome(0), "first", random.Random())
        except StepFailed as exc:
            sys.exit(f"{server.log_tail()}\nThe first respondent failed ({exc}); log above.")
        since = datetime.now(UTC)

        def measure() -> tuple:
            return (
                server.cpu_seconds(),
                pg.cpu_seconds(),
                time.process_time(),
                machine_cpu_seconds(),
            )

        log(f"survey phase: {args.concurrency} respondents")
        survey = survey_phase(server.port, run_id, args, measure)
        log(f"bare view phase: {args.concurrency} clients")
        bare = bare_phase(server.port, args, measure)
        server.stop()
        log("checking the database")
        db = check_database(env, run_id, survey[1], since)
        ratio, failures = report(args, survey, bare, db)
        return 1 if failures or (args.strict and ratio < 0.4) else 0
    finally:
        log(f"stopping gunicorn and PostgreSQL, removing {root}")
        if server:
            server.stop()
        if "django.db" in sys.modules:
            from django.db import connections

            connections.close_all()
        with contextlib.suppress(subprocess.CalledProcessError):
            pg.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
