"""Fault injection: kill a gunicorn worker, then the whole server, then the task worker, mid-run.

Run with `make bench-faults` (or `.venv/bin/python benchmarks/faults.py --help`).

1. A throwaway PostgreSQL cluster and gunicorn with production settings (as bench-surveys does,
   benchmarks/survey_load.py); the demo's comments wait in the database task queue.
2. Web faults: N respondents answer the Bradford survey, again and again. After --phase seconds
   one gunicorn worker gets SIGKILL (the master starts another); after another --phase seconds
   the master and every worker get SIGKILL, and a new gunicorn starts on the same port 3 s
   later. A respondent whose request fails (refused, reset, no reply) waits half a second and
   does what a person would: opens the survey link again and presses the start button. The
   page it is sent to must be where it left off: the question whose answer got no reply, or the
   one after it (if that answer was stored before the reply was lost), never an earlier one.
3. The database check of bench-surveys: every answer a respondent was told was saved (a 302) is
   stored once, under its question, in its one response (LOST and DUPLICATED must be 0).
4. Task worker fault: `manage.py db_worker` starts on the queue and gets SIGKILL as soon as it
   has taken a task. No comment may be half-analysed (themes without the analysis fields, or
   the reverse). Then `manage.py resume_interrupted_work` and a new worker (--batch): every
   comment must end up analysed.
Exit 0 only if every check holds.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from survey_load import (
    PY,
    QUESTION_RE,
    RADIO_RE,
    REPO,
    SURVEY_PATH,
    BenchPostgres,
    Browser,
    Gunicorn,
    Outcome,
    Recorder,
    StepFailed,
    check_database,
    csrf_token,
    log,
    prepare,
)

COMMENT = "It would help if someone explained what happens next."


@dataclass
class Resumption:
    """Where a respondent was sent after a failure, and where it could rightly be sent."""

    landed: str
    allowed: set[str]

    @property
    def ok(self) -> bool:
        return self.landed in self.allowed


def step_name(url: str) -> str:
    match = QUESTION_RE.search(url)
    return f"q{match.group(1)}" if match else url.rstrip("/").rsplit("/", 1)[-1]


def respond_through_faults(
    browser: Browser, outcome: Outcome, tag: str, rng: random.Random, stop, resumptions: list
) -> None:
    """One respondent to the end, starting again from the survey link after every failure."""
    url, in_flight, failed = None, None, False
    while not stop.is_set():
        try:
            if url is None:  # open the link (again) and press start / carry on
                page = browser.get("start_get", SURVEY_PATH).text
                url = browser.post(
                    "start_post", SURVEY_PATH, {"csrfmiddlewaretoken": csrf_token(page)}
                ).location
                if failed:
                    landed = step_name(url)
                    resumptions.append(Resumption(landed, allowed_after(outcome, in_flight)))
                    failed = False
                    if in_flight == "check" and landed == "who":
                        # Sent before the reply was lost: the link now starts a new survey.
                        outcome.completed = True
                        return
            page = browser.get("page_get", url).text
            form = {"csrfmiddlewaretoken": csrf_token(page)}
            if url.endswith("/who/"):
                in_flight, form["answered_by"] = "who", "me"
            elif match := QUESTION_RE.search(url):
                number = int(match.group(1))
                options = RADIO_RE.findall(page)
                in_flight = number
                form |= {
                    "answer": rng.choice(options),
                    "comment": f"{tag} q{number} {COMMENT}",
                    "may_quote": "on",
                }
            elif url.endswith("/check/"):
                in_flight = "check"
            else:
                raise StepFailed(f"unexpected step {url}")
            reply = browser.post("answer_post", url, form)
            if isinstance(in_flight, int):
                outcome.saved[in_flight] = form["comment"]
            if in_flight == "check":
                outcome.completed = reply.location.endswith("/done/")
                return
            in_flight, url = None, reply.location
        except StepFailed:
            url, failed = None, True
            time.sleep(0.5)


def allowed_after(outcome: Outcome, in_flight) -> set[str]:
    """Where carrying on may rightly lead: the step that got no reply, or the next one."""
    last = max(outcome.saved, default=0)
    following = f"q{last + 1}" if last < 10 else "check"
    if in_flight is None:  # the failure was between steps: nothing was in doubt
        return {following} if outcome.saved else {"who", "q1"}
    if in_flight == "who":
        return {"who", "q1"}
    if in_flight == "check":
        return {"check", "who"}  # not sent yet, or sent (the link then starts afresh)
    return {f"q{in_flight}", f"q{in_flight + 1}" if in_flight < 10 else "check"}


def gunicorn_workers(master_pid: int) -> list[int]:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    return [int(pid) for pid in children]


def web_faults(args, env: dict, root: Path, run_id: str) -> tuple[list, list, Recorder]:
    server = Gunicorn(env, args, root / "gunicorn.log")
    server.start()
    recorder, outcomes, resumptions, stop = Recorder(), [], [], threading.Event()
    numbers = itertools.count()

    def client(number: int) -> None:
        rng = random.Random(args.seed * 1000 + number)
        while not stop.is_set():
            outcome = Outcome(next(numbers))  # next() on a count is atomic under the GIL
            outcomes.append(outcome)
            tag = f"bench-{run_id}-r{outcome.index}"
            browser = Browser(server.port, recorder)
            respond_through_faults(browser, outcome, tag, rng, stop, resumptions)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.concurrency)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(args.phase)
        victim = gunicorn_workers(server.proc.pid)[0]
        log(f"SIGKILL to gunicorn worker {victim}")
        os.kill(victim, signal.SIGKILL)
        time.sleep(args.phase)
        log(f"SIGKILL to the whole server (master {server.proc.pid} and its workers)")
        os.killpg(server.proc.pid, signal.SIGKILL)
        server.proc.wait()
        time.sleep(3)
        log("starting gunicorn again on the same port")
        server.start()
        time.sleep(args.phase)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
        server.stop()
    return outcomes, resumptions, recorder


def task_worker_fault(env: dict) -> dict:
    """Kill db_worker inside a task; check nothing is half-analysed; resume; check all done."""
    from django.db.models import Q
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from engagement.models import ThemeAssignment, Voice
    from engagement.tasks import analyse_voices

    def pending() -> int:
        return Voice.including_withheld.needing_analysis().count()

    def half_analysed() -> int:
        themed_not_analysed = ThemeAssignment.objects.filter(voice__analysed_at=None)
        analysed_incomplete = Voice.including_withheld.exclude(analysed_at=None).filter(
            Q(sentiment="") | Q(redacted_text="")
        )
        return themed_not_analysed.count() + analysed_incomplete.count()

    before = pending()
    worker = subprocess.Popen(
        [PY, "manage.py", "db_worker", "--interval", "0.1"], cwd=REPO, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    big_chunk = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, task_path=analyse_voices.module_path
    )
    # Let it finish some work first, so the kill falls in the middle of the queue.
    while pending() > before - min(100, before // 2) and time.monotonic() < deadline:
        time.sleep(0.05)
    while not (running := big_chunk.values_list("args_kwargs", flat=True).first()):
        if time.monotonic() > deadline:
            raise RuntimeError("the worker took no analysis task in 120 s")
        time.sleep(0.02)
    time.sleep(random.random() * 0.05)  # somewhere inside the task
    worker.kill()
    worker.wait()
    after_kill = {
        "comments waiting before": before,
        "comments in the task killed": len(running["args"][0]),
        "waiting after the kill": pending(),
        "tasks left running": DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count(),
        "half-analysed after the kill": half_analysed(),
    }
    resumed = subprocess.run(
        [PY, "manage.py", "resume_interrupted_work"], cwd=REPO, env=env, check=True,
        capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    log(resumed)
    subprocess.run([PY, "manage.py", "db_worker", "--batch"], cwd=REPO, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    return after_kill | {
        "waiting after resuming": pending(),
        "half-analysed at the end": half_analysed(),
        "tasks failed": sorted(
            DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).values_list(
                "task_path", "exception_class_path"
            )
        ),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--concurrency", type=int, default=30, help="simulated respondents")
    parser.add_argument("--phase", type=float, default=15, help="seconds between faults")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.threads, args.worker_class, args.defer_tasks = 1, "sync", False
    root = Path(tempfile.mkdtemp(prefix="send-faults-"))
    pg, run_id = BenchPostgres(root), secrets.token_hex(3)
    try:
        log(f"starting PostgreSQL in {root}")
        env = prepare(args, root, pg)
        since = datetime.now(UTC)
        outcomes, resumptions, recorder = web_faults(args, env, root, run_id)
        log("checking the database")
        db = check_database(env, run_id, outcomes, since)
        tasks = task_worker_fault(env)
    finally:
        if "django.db" in sys.modules:
            from django.db import connections

            connections.close_all()
        pg.stop()
        shutil.rmtree(root, ignore_errors=True)

    wrong = [r for r in resumptions if not r.ok]
    http_errors = {k: n for k, n in recorder.errors.items() if "HTTP" in k}
    print(f"\nWeb faults: {args.concurrency} respondents, one worker killed, then the server.")
    print(f"  answers confirmed {db['expected']}, stored {db['stored']}, lost {db['lost']}, "
          f"duplicated {db['duplicated']}, wrong question {db['wrong question']}, "
          f"split over responses {db['split over responses']}")  # fmt: skip
    print(f"  surveys completed {sum(o.completed for o in outcomes)}; told done but not "
          f"completed {db['told done, not completed']}")  # fmt: skip
    print(f"  requests that failed at the connection: "
          f"{sum(n for k, n in recorder.errors.items() if 'HTTP' not in k)}; "
          f"HTTP errors: {http_errors or 'none'}")  # fmt: skip
    print(
        f"  respondents who carried on after a failure: {len(resumptions)}; sent somewhere "
        f"other than where they left off: {len(wrong)} {[vars(r) for r in wrong[:5]]}"
    )
    print("Task worker killed inside a task:")
    for name, value in tasks.items():
        print(f"  {name}: {value}")
    failures = (
        db["lost"] + db["duplicated"] + db["wrong question"] + db["split over responses"]
        + db["told done, not completed"] + len(wrong) + sum(http_errors.values())
        + tasks["half-analysed after the kill"] + tasks["half-analysed at the end"]
        + (tasks["tasks left running"] != 1)  # else the kill missed the task it aimed at
        + tasks["waiting after resuming"] + len(tasks["tasks failed"])
    )  # fmt: skip
    print("ALL CHECKS HOLD" if not failures else f"{failures} CHECKS FAILED")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
