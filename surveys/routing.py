"""Which question comes next: the survey's order, bent by skip rules. Pure functions."""

from collections.abc import Mapping, Sequence
from typing import Protocol


class QuestionLike(Protocol):
    pk: int
    skip_to_question: int | None

    def skip_labels(self) -> set[str]: ...


class AnswerLike(Protocol):
    labels: list[str]


def triggers_skip(question: QuestionLike, answer: AnswerLike | None) -> bool:
    skip = question.skip_labels()
    return bool(answer and skip and {label.casefold() for label in answer.labels} & skip)


def route(questions: Sequence[QuestionLike], answers: Mapping[int, AnswerLike]) -> list:
    """The questions on this respondent's way through, given the answers so far.

    A skip rule jumps forward to the question number it names (1-based, in the survey's
    order) or, with no number, to the end. A rule can never send anyone backwards.
    """
    on_route = []
    index = 0
    while index < len(questions):
        question = questions[index]
        on_route.append(question)
        if triggers_skip(question, answers.get(question.pk)):
            if question.skip_to_question is None:
                break
            index = max(question.skip_to_question - 1, index + 1)
        else:
            index += 1
    return on_route


def first_unanswered(on_route: Sequence[QuestionLike], answers: Mapping[int, AnswerLike]):
    return next((q for q in on_route if q.pk not in answers), None)


def after(on_route: Sequence[QuestionLike], question: QuestionLike):
    """The question after this one on the route, or None at the end."""
    pks = [q.pk for q in on_route]
    if question.pk not in pks:
        return None
    position = pks.index(question.pk)
    return on_route[position + 1] if position + 1 < len(on_route) else None


def before(on_route: Sequence[QuestionLike], question: QuestionLike):
    pks = [q.pk for q in on_route]
    if question.pk not in pks:
        return None
    position = pks.index(question.pk)
    return on_route[position - 1] if position > 0 else None
