"""The public "You said, we did" index: the changes, newest first, filtered by outcome, theme
and status (a plain GET form, so it works without JavaScript)."""

from django import forms
from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from engagement.models import Theme
from outcomes_cms.models import OutcomePage

from .models import Status

PER_PAGE = 20


class ChangesFilter(forms.Form):
    outcome = forms.ModelChoiceField(
        queryset=OutcomePage.objects.live(), required=False, empty_label="All outcomes"
    )
    theme = forms.ModelChoiceField(
        queryset=Theme.objects.filter(active=True), required=False, empty_label="All themes"
    )
    status = forms.ChoiceField(choices=[("", "Any status"), *Status.choices], required=False)

    def filter(self, changes):
        if not self.is_valid():
            return changes
        data = self.cleaned_data
        if data["outcome"]:
            changes = changes.filter(outcomes=data["outcome"])
        if data["theme"]:
            changes = changes.filter(themes=data["theme"])
        if data["status"]:
            changes = changes.filter(status=data["status"])
        return changes.distinct()


def index(request, page):
    form = ChangesFilter(request.GET or None)
    changes = form.filter(page.changes())
    listing = Paginator(changes, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(
        request,
        "you_said_we_did/you_said_we_did_index_page.html",
        {
            "page": page,
            "self": page,
            "form": form,
            "changes": listing,
            "filtered": form.is_bound,
            "query": query.urlencode(),
        },
    )
