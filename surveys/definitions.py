"""A survey's questions, scales and options, kept in each process between steps.

Every step of every respondent needs the whole definition, and it changes only when an officer
publishes the survey or edits an answer scale. So it is read once per process and kept under
the page's last_published_at (the page row is loaded by every request anyway, so a publish is
seen by every process at its next request). An answer scale is a snippet edited on its own:
saving one clears this process's copy at once, and other processes' copies are read again
after at most SCALE_EDIT_DELAY_SECONDS.
"""

import threading
import time

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import AnswerScale, ScaleOption, SurveyQuestion

SCALE_EDIT_DELAY_SECONDS = 30

_kept: dict[int, tuple] = {}  # survey pk -> (last_published_at, read at, questions)
_lock = threading.Lock()


def active_questions(survey) -> list:
    """survey.active_questions(), read again only after a publish (or a scale's edit)."""
    now = time.monotonic()
    kept = _kept.get(survey.pk)
    if kept and kept[0] == survey.last_published_at and now - kept[1] < SCALE_EDIT_DELAY_SECONDS:
        return kept[2]
    questions = survey.active_questions()
    with _lock:
        _kept[survey.pk] = (survey.last_published_at, now, questions)
    return questions


@receiver(post_save, sender=SurveyQuestion)
@receiver(post_delete, sender=SurveyQuestion)
@receiver(post_save, sender=AnswerScale)
@receiver(post_save, sender=ScaleOption)
@receiver(post_delete, sender=ScaleOption)
def forget_all(**kwargs) -> None:
    """Read every survey again (a scale or question was saved here; tests between tests)."""
    with _lock:
        _kept.clear()
