"""Officers' tools for the codebook in the Wagtail admin: merge and split themes, phrases from
unthemed comments that could become themes, and learning from decisions."""

from django import forms
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from wagtail.admin import messages

from . import themes
from .models import LearnedThemeModel, Theme, Voice
from .tasks import MIN_REVIEWED_TO_LEARN, RETRAIN_AFTER, queue_reanalysis, retrain_theme_model

THEME_LIST = "wagtailsnippets_engagement_theme:list"


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(queryset=Theme.objects.none(), label="Merge it into")

    def __init__(self, *args, theme: Theme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = Theme.objects.filter(active=True).exclude(pk=theme.pk)


def merge(request, pk: int):
    theme = get_object_or_404(Theme, pk=pk, active=True)
    form = MergeForm(request.POST or None, theme=theme)
    if request.method == "POST" and form.is_valid():
        into = form.cleaned_data["into"]
        themes.merge(theme, into, request.user)
        transaction.on_commit(queue_reanalysis)
        messages.success(request, f"'{theme.name}' is now part of '{into.name}'.")
        return redirect(THEME_LIST)
    return TemplateResponse(
        request, "engagement/admin/theme_merge.html", {"theme": theme, "form": form}
    )


class SplitForm(forms.Form):
    name = forms.CharField(label="Name of the new theme", max_length=100)
    key = forms.SlugField(label="Short name (key) of the new theme", max_length=40)
    keywords = forms.MultipleChoiceField(
        label="Keywords that move to the new theme",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    examples = forms.MultipleChoiceField(
        label="Examples that move to the new theme",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, theme: Theme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keywords"].choices = [(k, k) for k in theme.as_analysis_dict()["keywords"]]
        self.fields["examples"].choices = [(e, e) for e in theme.as_analysis_dict()["examples"]]

    def clean_key(self):
        key = self.cleaned_data["key"]
        if Theme.objects.filter(key=key).exists():
            raise forms.ValidationError("A theme already has this key: choose another.")
        return key

    def clean(self):
        data = super().clean()
        if not data.get("keywords") and not data.get("examples"):
            raise forms.ValidationError("Tick at least one keyword or example to move.")
        return data


def split(request, pk: int):
    theme = get_object_or_404(Theme, pk=pk, active=True)
    form = SplitForm(request.POST or None, theme=theme)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new = themes.split(theme, data["key"], data["name"], data["keywords"], data["examples"])
        transaction.on_commit(queue_reanalysis)
        messages.success(request, f"'{new.name}' was split from '{theme.name}'.")
        return redirect("wagtailsnippets_engagement_theme:edit", new.pk)
    return TemplateResponse(
        request, "engagement/admin/theme_split.html", {"theme": theme, "form": form}
    )


class UseSuggestionForm(forms.Form):
    NEW = "new"
    phrase = forms.CharField(max_length=100, widget=forms.HiddenInput)
    theme = forms.ChoiceField(label="Add it to")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [(self.NEW, "A new theme")] + [
            (str(theme.pk), theme.name) for theme in Theme.objects.filter(active=True)
        ]


def suggestions(request):
    form = UseSuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        phrase, choice = form.cleaned_data["phrase"], form.cleaned_data["theme"]
        field = "phrases" if " " in phrase else "keywords"
        if choice == UseSuggestionForm.NEW:
            theme = Theme.objects.create(
                key=_free_key(phrase), name=phrase.capitalize(), **{field: phrase}
            )
            messages.success(request, f"New theme '{theme.name}': add its description here.")
            transaction.on_commit(queue_reanalysis)
            return redirect("wagtailsnippets_engagement_theme:edit", theme.pk)
        theme = get_object_or_404(Theme, pk=choice, active=True)
        setattr(theme, field, "\n".join(filter(None, [getattr(theme, field).strip(), phrase])))
        theme.save(update_fields=[field])
        transaction.on_commit(queue_reanalysis)
        messages.success(request, f"'{phrase}' now points to '{theme.name}'.")
        return redirect("theme_suggestions")
    rows = [
        (phrase, count, UseSuggestionForm(initial={"phrase": phrase}))
        for phrase, count in themes.suggestions()
    ]
    return TemplateResponse(
        request,
        "engagement/admin/theme_suggestions.html",
        {"rows": rows, "unthemed": themes.unthemed().count()},
    )


def _free_key(phrase: str) -> str:
    base = slugify(phrase)[:36] or "theme"
    key, number = base, 2
    while Theme.objects.filter(key=key).exists():
        key, number = f"{base}-{number}", number + 1
    return key


def learning(request):
    reviewed = Voice.objects.filter(reviewed_at__isnull=False).count()
    if request.method == "POST":
        if reviewed < MIN_REVIEWED_TO_LEARN:
            messages.warning(
                request,
                f"Not enough reviewed comments yet: {reviewed} of {MIN_REVIEWED_TO_LEARN}. "
                "Review some more comments first; nothing has changed.",
            )
        else:
            retrain_theme_model.enqueue()
            messages.success(
                request, "Learning from your decisions. Comments will be themed again when it ends."
            )
        return redirect("theme_learning")
    latest = LearnedThemeModel.objects.first()
    return TemplateResponse(
        request,
        "engagement/admin/theme_learning.html",
        {
            "latest": latest,
            "reviewed": reviewed,
            "needed": MIN_REVIEWED_TO_LEARN,
            "retrain_after": RETRAIN_AFTER,
            "review_url": reverse("wagtailsnippets_engagement_voice:list") + "?reviewed=no",
        },
    )
