"""The respondent's way through a survey, as plain server-rendered pages.

start -> who is answering -> one question per page -> check your answers -> confirmation.
The session holds the response's token; it appears elsewhere only in a "save and come back"
link, which works once: using it gives the response a new token, held by that browser alone.
"""

import segno
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from you_said_we_did.models import YouSaidWeDidIndexPage

from . import definitions, erasure, routing, sharing, throttle
from .answers import change_audience, complete, save_answer, save_comment
from .forms import (
    DisplayOptionsForm,
    FollowUpForm,
    HearBackForm,
    QuestionForm,
    StartForm,
    TheirNameForm,
    WhoIsAnsweringForm,
)
from .limits import RESPONDENT_TEXT_LIMIT
from .models import Answer, Audience, Response, SurveyLink, SurveyPage

SESSION_PREFIX = "survey-"  # every key this flow keeps in the session starts so
DISPLAY_KEY = f"{SESSION_PREFIX}display"
EXIT_TO = "https://www.bbc.co.uk/weather"  # GOV.UK's "Exit this page" goes to an everyday site


def _response_key(survey: SurveyPage) -> str:
    return f"{SESSION_PREFIX}{survey.pk}-response"


def _link_key(survey: SurveyPage) -> str:
    return f"{SESSION_PREFIX}{survey.pk}-link"


def _name_key(survey: SurveyPage) -> str:
    """The young person's first name, if a helper answering for them gave it: session only."""
    return f"{SESSION_PREFIX}{survey.pk}-name"


def is_chat(request) -> bool:
    """chat.js asks for the next message alone (a fragment), not a whole page."""
    return request.headers.get("X-Survey-Chat") == "1"


def _go(request, url: str):
    """Move on: a redirect, or for the chat an empty answer saying where to (a full page)."""
    if is_chat(request):
        moved = HttpResponse(status=204)
        moved["X-Survey-Location"] = url
        return moved
    return redirect(url)


def current_response(request, survey: SurveyPage) -> Response | None:
    """The response this browser holds: by its token, so a swap elsewhere takes it away."""
    held = request.session.get(_response_key(survey))
    if isinstance(held, int):  # a session from before sessions held the token: by number
        response = Response.objects.filter(pk=held, survey=survey).first()
        if response is not None:
            hold(request, survey, response)
        return response
    return Response.objects.filter(token=held, survey=survey).first() if held else None


def _held_with_answers(request, survey: SurveyPage):
    """The response this browser holds and its answers, in one query when it has any."""
    held = request.session.get(_response_key(survey))
    if not isinstance(held, str) or not held:
        response = current_response(request, survey)
        return response, None
    answers = list(
        Answer.objects.filter(response__token=held, response__survey=survey).select_related(
            "response"
        )
    )
    if not answers:
        return Response.objects.filter(token=held, survey=survey).first(), []
    for answer in answers[1:]:
        answer.response = answers[0].response
    return answers[0].response, answers


def hold(request, survey: SurveyPage, response: Response) -> None:
    request.session[_response_key(survey)] = response.token


def display_options(request) -> dict:
    return request.session.get(DISPLAY_KEY, {})


def _easy_read(request) -> bool:
    return bool(display_options(request).get("easy_read"))


def save_label(display: dict) -> str:
    """The "Save and come back later" button's name as this person's screens show it (easy
    read: "Stop ..."). Every page that names it uses this, so the name told is the one seen."""
    return "Stop and come back later" if display.get("easy_read") else "Save and come back later"


def _render(request, survey, template, context=None, status=200):
    display = display_options(request)
    context = {
        "page": survey,
        "survey": survey,
        "display": display,
        "save_label": save_label(display),
        "text_limit": RESPONDENT_TEXT_LIMIT,
        **(context or {}),
    }
    return TemplateResponse(request, f"surveys/{template}", context, status=status)


def _closed(request, survey, status=410):
    return _render(request, survey, "closed.html", status=status)


class Journey:
    """A response's answers and where they lead. Built once per request: two queries."""

    def __init__(self, survey: SurveyPage, response: Response, answers=None):
        self.questions = definitions.active_questions(survey)
        # An answer's options are loaded only where they are shown (QuestionForm.initial_from).
        if answers is None:
            answers = response.answers.all()
        self.answers = {answer.question_id: answer for answer in answers}
        self.route = routing.route(self.questions, self.answers)

    def record(self, answer) -> None:
        """Take in an answer just saved: it may change the route."""
        self.answers[answer.question_id] = answer
        self.route = routing.route(self.questions, self.answers)

    def first_unanswered(self):
        return routing.first_unanswered(self.route, self.answers)

    def number_of(self, question) -> int:
        return self.questions.index(question) + 1

    def next_question_after(self, question=None):
        """The question to ask next (None: all answered, check them)."""
        following = routing.after(self.route, question) if question else None
        unanswered = self.first_unanswered()
        return following if following and following.pk not in self.answers else unanswered

    def next_step_after(self, survey, question=None) -> str:
        target = self.next_question_after(question)
        if target is None:
            return survey.reverse_subpage("check")
        return survey.reverse_subpage("question", args=[self.number_of(target)])


def _url(request, survey: SurveyPage, step: str = "", *args) -> str:
    """A step's address. The survey's own address is worked out once per request."""
    known = request.__dict__.setdefault("_survey_addresses", {})
    if survey.pk not in known:
        known[survey.pk] = survey.get_url(request)
    base = known[survey.pk]
    return base + survey.reverse_subpage(step, args=list(args)) if step else base


@require_http_methods(["GET", "POST"])
def start(request, survey: SurveyPage):
    if not survey.is_open():
        return _closed(request, survey, status=200)
    response = current_response(request, survey)
    in_progress = response is not None and not response.completed_at
    if request.method == "POST":
        if StartForm(request.POST).filled_by_a_bot():
            # No response is made; a person who somehow typed in the hidden box is told calmly.
            return _start_page(request, survey, in_progress, refused="honeypot", status=400)
        if not in_progress:
            if not throttle.may_start_response(request):
                return _start_page(request, survey, in_progress, refused="busy", status=429)
            link = SurveyLink.objects.filter(
                pk=request.session.get(_link_key(survey)), page=survey
            ).first()
            response = Response.objects.create(
                survey=survey,
                audience=(
                    Audience.YOUNG_PEOPLE if survey.audience == Audience.BOTH else survey.audience
                ),
                link=link,
                **({"channel": link.channel} if link else {}),
            )
            hold(request, survey, response)
        if response.answered_by:  # carrying on: straight back to where they were
            return redirect(
                _url(request, survey) + Journey(survey, response).next_step_after(survey)
            )
        return redirect(_url(request, survey, "who"))
    return _start_page(request, survey, in_progress)


def _start_page(request, survey, in_progress: bool, refused: str = "", status: int = 200):
    context = {"in_progress": in_progress, "form": StartForm(), "refused": refused}
    return _render(request, survey, "start.html", context, status=status)


def _require_response(request, survey):
    """(the session's response, None), or (None, a redirect to the start, the confirmation or
    the closed page)."""
    if not survey.is_open():
        return None, _closed(request, survey)
    response = current_response(request, survey)
    return response, _stop_unless_answering(request, survey, response)


def _require_answers(request, survey):
    """As _require_response, with the response's answers read in the same query."""
    if not survey.is_open():
        return None, _closed(request, survey), None
    response, answers = _held_with_answers(request, survey)
    return response, _stop_unless_answering(request, survey, response), answers


def _stop_unless_answering(request, survey, response):
    if response is None:
        return _go(request, _url(request, survey))
    if response.completed_at:
        return _go(request, _url(request, survey, "done"))
    return None


def _fragment(response):
    """A piece of the chat (the next message), not a whole page."""
    response["X-Survey-Fragment"] = "1"
    return response


class Wording:
    """How this respondent sees the questions and answers: easy read if chosen, and asked
    about the young person (by the first name the helper gave, if any) when someone answers
    for them."""

    def __init__(self, request, survey, response):
        self.easy_read = _easy_read(request)
        self.parent_carer = response.is_parent_carer
        self.about_them = response.answered_for_them
        self.name = request.session.get(_name_key(survey), "") if self.about_them else ""

    def question(self, question) -> str:
        return question.wording_for(
            parent_carer=self.parent_carer,
            easy_read=self.easy_read,
            about_them=self.about_them,
            name=self.name,
        )

    def answer(self, answer, question) -> str:
        """The answer in the words the respondent chose it by (easy read when chosen)."""
        if answer.special:
            return answer.get_special_display()
        labels = {o.label: o.label_for(self.easy_read) for o in question.scale.options.all()}
        parts = [labels.get(label, label) for label in answer.labels]
        return ", ".join([*parts, answer.text] if answer.text else parts)


@require_http_methods(["GET", "POST"])
def who_is_answering(request, survey: SurveyPage):
    response, stop = _require_response(request, survey)
    if stop:
        return stop
    ask_audience = survey.audience == Audience.BOTH
    form = WhoIsAnsweringForm(
        request.POST or None,
        ask_audience=ask_audience,
        easy_read=_easy_read(request),
        initial={
            "answered_by": response.answered_by,
            "audience": response.audience,
            "their_name": request.session.get(_name_key(survey), ""),
        },
    )
    if request.method == "POST" and form.is_valid():
        response.answered_by = form.cleaned_data["answered_by"]
        response.save(update_fields=["answered_by", "updated_at"])
        name = form.cleaned_data["their_name"] if response.answered_for_them else ""
        _remember_their_name(request, survey, name)
        if ask_audience and form.cleaned_data["audience"] != response.audience:
            change_audience(response, form.cleaned_data["audience"])
        return redirect(_url(request, survey) + Journey(survey, response).next_step_after(survey))
    return _render(
        request,
        survey,
        "who.html",
        {"form": form, "ask_audience": ask_audience, "response": response},
        status=400 if form.errors else 200,
    )


def _remember_their_name(request, survey, name: str) -> None:
    """The young person's first name, in the session only (never stored with the answers). No
    name clears any earlier one, so a shared device never asks about another young person."""
    if name:
        request.session[_name_key(survey)] = name
    else:
        request.session.pop(_name_key(survey), None)


def _exchange(request, survey, journey, wording, question) -> dict:
    """One question and its answer, as the chat shows them (the answer's bubble changes it)."""
    answer = journey.answers[question.pk]
    number = journey.number_of(question)
    return {
        "number": number,
        "question": question,
        "wording": wording.question(question),
        "answer": answer,
        "answer_words": wording.answer(answer, question),
        "change_url": _url(request, survey, "question", number),
        "more_url": _url(request, survey, "more", number),
    }


@require_http_methods(["GET", "POST"])
def question(request, survey: SurveyPage, number: int):
    response, stop, answers = _require_answers(request, survey)
    if stop:
        return stop
    journey = Journey(survey, response, answers)
    if not 1 <= number <= len(journey.questions):
        raise Http404("No such question")
    asked = journey.questions[number - 1]
    wording = Wording(request, survey, response)
    returning = request.GET.get("return") == "check" or request.POST.get("return") == "check"
    if request.method == "POST":
        saving_for_later = "save_for_later" in request.POST
        form = QuestionForm(
            request.POST, question=asked, easy_read=wording.easy_read, saving=saving_for_later
        )
        if form.is_valid():
            if not saving_for_later or form.something_given():
                earlier = journey.answers.get(asked.pk)
                journey.record(save_answer(response, asked, form.cleaned_data["given"], earlier))
            if saving_for_later:  # answered or not: a child can stop at any question
                return _go(request, _url(request, survey, "save"))
            following = None if returning else journey.next_question_after(asked)
            if is_chat(request) and following is not None:
                return _chat_step(request, survey, journey, wording, asked, following)
            return _go(request, _after_answering(request, survey, journey, asked, returning))
    else:
        initial = QuestionForm.initial_from(journey.answers.get(asked.pk), asked)
        form = QuestionForm(question=asked, easy_read=wording.easy_read, initial=initial)
    context = _question_context(request, survey, journey, wording, asked, form, returning)
    if is_chat(request):  # the same question again, with what to change: the form alone
        return _render(request, survey, "includes/question_form.html", context, status=400)
    previous = routing.before(journey.route, asked)
    context["back_url"] = (
        _url(request, survey, "check")
        if returning
        else _url(request, survey, "question", journey.number_of(previous))
        if previous
        else _url(request, survey, "who")
    )
    context["history"] = [
        _exchange(request, survey, journey, wording, q) for q in _earlier_answered(journey, asked)
    ]
    return _render(request, survey, "question.html", context, status=400 if form.errors else 200)


def _question_context(request, survey, journey, wording, asked, form, returning) -> dict:
    number = journey.number_of(asked)
    return {
        "form": form,
        "question": asked,
        "number": number,
        "total": len(journey.questions),
        "wording": wording.question(asked),
        "returning": returning,
        "action": _url(request, survey, "question", number),
    }


def _chat_step(request, survey, journey, wording, answered, following):
    """The chat's answer to a tap: the exchange just had and the next question, nothing else
    (the plain page renders the same two includes)."""
    initial = QuestionForm.initial_from(journey.answers.get(following.pk), following)
    form = QuestionForm(question=following, easy_read=wording.easy_read, initial=initial)
    context = _question_context(request, survey, journey, wording, following, form, False)
    context["exchange"] = _exchange(request, survey, journey, wording, answered)
    context["in_chat"] = True
    return _fragment(_render(request, survey, "chat_step.html", context))


def _after_answering(request, survey, journey: Journey, asked, returning: bool) -> str:
    if returning and journey.first_unanswered() is None:
        return _url(request, survey, "check")
    return _url(request, survey) + journey.next_step_after(survey, asked)


def _earlier_answered(journey: Journey, asked) -> list:
    """The questions before this one on the route that have answers: the chat's history."""
    earlier = journey.route[: journey.route.index(asked)] if asked in journey.route else []
    return [q for q in earlier if q.pk in journey.answers]


@require_http_methods(["GET", "POST"])
def tell_us_more(request, survey: SurveyPage, number: int):
    """ "Do you want to tell us more?": the "Your voice" comment, asked after the answer."""
    response, stop, answers = _require_answers(request, survey)
    if stop:
        return stop
    journey = Journey(survey, response, answers)
    if not 1 <= number <= len(journey.questions):
        raise Http404("No such question")
    asked = journey.questions[number - 1]
    answer = journey.answers.get(asked.pk)
    if answer is None or not asked.comment_prompt:
        return _go(request, _url(request, survey, "question", number))
    form = FollowUpForm(
        request.POST or None,
        initial={"comment": answer.comment, "may_quote": answer.may_quote},
        auto_id=f"more-{number}-%s",  # as the chat's follow-up names its fields
        easy_read=_easy_read(request),
    )
    wording = Wording(request, survey, response)
    if request.method == "POST" and form.is_valid():
        save_comment(answer, form.cleaned_data["comment"], form.cleaned_data["may_quote"])
        if is_chat(request):
            context = {"exchange": _exchange(request, survey, journey, wording, asked)}
            return _fragment(_render(request, survey, "includes/exchange.html", context))
        return redirect(_url(request, survey) + journey.next_step_after(survey, asked))
    context = {
        "form": form,
        "exchange": _exchange(request, survey, journey, wording, asked),
        "next_url": _url(request, survey) + journey.next_step_after(survey, asked),
    }
    if is_chat(request):
        return _render(request, survey, "includes/follow_up_form.html", context, status=400)
    return _render(request, survey, "more.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def check_answers(request, survey: SurveyPage):
    response, stop = _require_response(request, survey)
    if stop:
        # A second "Submit" (double click, retry) after completion lands on the confirmation.
        return stop
    journey = Journey(survey, response)
    missing = journey.first_unanswered()
    if missing is not None:
        return redirect(_url(request, survey, "question", journey.number_of(missing)))
    form = HearBackForm(request.POST or None, easy_read=_easy_read(request))
    if request.method == "POST" and form.is_valid():
        complete(response, form.cleaned_data["email"] if survey.offer_hear_back else "")
        return redirect(_url(request, survey, "done"))
    wording = Wording(request, survey, response)
    rows = [
        {
            "number": journey.number_of(q),
            "wording": wording.question(q),
            "answer": journey.answers[q.pk],
            "answer_words": wording.answer(journey.answers[q.pk], q),
        }
        for q in journey.route
    ]
    return _render(
        request,
        survey,
        "check.html",
        {"rows": rows, "form": form, "response": response},
        status=400 if form.errors else 200,
    )


def confirmation(request, survey: SurveyPage):
    response = current_response(request, survey)
    if response is None or not response.completed_at:
        return redirect(_url(request, survey))
    changes = YouSaidWeDidIndexPage.objects.live().first()
    return _render(request, survey, "done.html", {"response": response, "changes": changes})


def save_for_later(request, survey: SurveyPage):
    response, stop = _require_response(request, survey)
    if stop:
        return stop
    resume_url = request.build_absolute_uri(_url(request, survey, "resume", response.token))
    qr = segno.make(resume_url, error="m")
    return _render(
        request,
        survey,
        "save.html",
        {"resume_url": resume_url, "qr_svg": qr.svg_inline(scale=4, dark="#0b0c0c")},
    )


@require_http_methods(["GET", "POST"])
def resume(request, survey: SurveyPage, token: str):
    """A "come back later" link. Opening it changes nothing (chat apps and mail scanners open
    links to preview them); its button swaps the link for this browser's session."""
    response = Response.objects.filter(survey=survey, token=token).first()
    if response is None:
        return _render(request, survey, "resume_used.html", status=404)
    # A helper is offered the young person's first name again: it was never stored.
    for_them = not response.completed_at and response.answered_for_them
    form = TheirNameForm(request.POST or None, easy_read=_easy_read(request)) if for_them else None
    if request.method == "GET" or (form is not None and not form.is_valid()):
        status = 400 if form is not None and form.errors else 200
        context = {"response": response, "form": form}
        return _render(request, survey, "resume.html", context, status=status)
    if not response.swap_token(used=token):  # another browser used it a moment ago
        return _render(request, survey, "resume_used.html", status=404)
    hold(request, survey, response)
    _remember_their_name(request, survey, form.cleaned_data["their_name"] if form else "")
    if response.completed_at:
        return redirect(_url(request, survey, "done"))
    messages.info(
        request,
        "Welcome back. The link you used does not work any more: to come back again later, "
        f"choose “{save_label(display_options(request))}” for a new one.",
    )
    return redirect(_url(request, survey) + Journey(survey, response).next_step_after(survey))


@require_http_methods(["GET", "POST"])
def delete_my_answers(request, survey: SurveyPage):
    """For the browser that holds this response (its own, or one that used its link): a page
    that says what will go, and a button that deletes it all."""
    response = current_response(request, survey)
    if request.method == "POST" and response is not None:
        erasure.erase(response)
        request.session.pop(_response_key(survey), None)
        return _render(request, survey, "deleted.html")
    if response is None:
        return _render(request, survey, "deleted.html", {"nothing_to_delete": True})
    return _render(request, survey, "delete.html", {"response": response})


@require_http_methods(["GET", "POST"])
def display_options_view(request, survey: SurveyPage):
    form = DisplayOptionsForm(request.POST or None, initial=display_options(request))
    if request.method == "POST" and form.is_valid():
        request.session[DISPLAY_KEY] = form.cleaned_data
        back = request.POST.get("next", "")
        return redirect(back if back.startswith(survey.url) else survey.url)
    return _render(
        request,
        survey,
        "options.html",
        {"form": form, "next": request.GET.get("next", survey.url)},
    )


def qr_code(request, url: str) -> HttpResponse:
    """A printable QR code (a standalone SVG file) for any public survey address."""
    return HttpResponse(sharing.qr_svg(url), content_type="image/svg+xml")


def tagged_link_qr(request, code: str):
    link = get_object_or_404(SurveyLink.objects.select_related("page"), code=code)
    return qr_code(request, sharing.tagged_link(link).url)


def tagged_link(request, code: str):
    """/s/<code>/: remember which tagged link brought this person, then show the survey."""
    link = get_object_or_404(SurveyLink.objects.select_related("page"), code=code)
    survey = link.page.specific
    request.session[_link_key(survey)] = link.pk
    return redirect(survey.url)


@require_safe
@never_cache
def exit_this_page(request):
    """ "Exit this page": this browser lets go of the answers, then goes to an everyday site.

    Back afterwards finds nothing to show: respondent pages are never stored (no-store) and
    the session held them. A saved "come back later" link still brings them back. Staff (who
    may be trying a survey) stay signed in; anyone else's session ends altogether.
    """
    if request.user.is_authenticated:
        held = list(request.session.keys())  # a session can be asked for its keys, not iterated
        for key in filter(lambda key: key.startswith(SESSION_PREFIX), held):
            del request.session[key]
    else:
        request.session.flush()
    leave = redirect(EXIT_TO)
    leave["Referrer-Policy"] = "no-referrer"  # the everyday site is not told where from
    return leave
