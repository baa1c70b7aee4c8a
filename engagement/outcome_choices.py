"""One council at a time: outcomes offered in every picker grouped by framework (council), the
site's own framework first.

"The site's own framework" is the one the default Wagtail Site's home page shows
(HomePage.framework(): the featured framework, or else the first live one), the same rule as
the dashboard's council filter (engagement/dashboard/filters.py).
"""

from typing import TYPE_CHECKING

from django import forms
from django.db.models import Q
from django.utils.choices import CallableChoiceIterator
from wagtail.models import Site

if TYPE_CHECKING:
    from outcomes_cms.models import OutcomesFrameworkPage


ALL_COUNCILS = "all"


def site_framework(request=None) -> "OutcomesFrameworkPage | None":
    from outcomes_cms.models import HomePage, OutcomesFrameworkPage

    site = Site.find_for_request(request) if request else None
    site = site or Site.objects.filter(is_default_site=True).first()
    root = site.root_page.specific if site else None
    framework = root.framework() if isinstance(root, HomePage) else None
    return framework or OutcomesFrameworkPage.objects.live().order_by("path").first()


def frameworks_in_order(request=None) -> "list[OutcomesFrameworkPage]":
    """Every framework, the site's own first, then the others in page-tree order."""
    from outcomes_cms.models import OutcomesFrameworkPage

    own = site_framework(request)
    # Drafts too: an officer links questions to a new council's outcomes before publishing.
    others = OutcomesFrameworkPage.objects.order_by("path")
    return ([own] if own else []) + [f for f in others if not own or f.pk != own.pk]


def framework_label(framework, own) -> str:
    name = framework.area_name or framework.title
    return f"{name} (this site)" if own and framework.pk == own.pk else name


def grouped_outcome_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """[(council, [(outcome id, statement), ...]), ...], the site's own council first."""
    from outcomes_cms.models import OutcomePage

    frameworks = frameworks_in_order()
    own = frameworks[0] if frameworks else None
    outcomes = OutcomePage.objects.order_by("path").values_list("pk", "title", "path")
    groups = []
    for framework in frameworks:
        inside = [(pk, title) for pk, title, path in outcomes if path.startswith(framework.path)]
        if inside:
            groups.append((framework_label(framework, own), inside))
    return groups


class GroupedOutcomeWidget:
    """A choice widget offering outcomes grouped by council, the site's own first, read when
    the form is shown. The field's own flat list (which Django assigns to its widget) is
    ignored; the field still validates the value against its queryset."""

    blank_label: str | None = None

    def _grouped(self):
        blank = [("", self.blank_label)] if self.blank_label is not None else []
        return blank + grouped_outcome_choices()

    def _get_choices(self):
        return CallableChoiceIterator(self._grouped)

    choices = property(_get_choices, lambda self, value: None)


class GroupedOutcomeSelect(GroupedOutcomeWidget, forms.Select):
    """One outcome: a select with a group per council (type a few letters to jump to one)."""

    def __init__(self, attrs=None, blank_label: str = "No outcome"):
        super().__init__(attrs)
        self.blank_label = blank_label


class GroupedOutcomeCheckboxes(GroupedOutcomeWidget, forms.CheckboxSelectMultiple):
    """Several outcomes: checkboxes under a heading per council."""


def framework_filter_choices(request=None) -> list[tuple[str, str]]:
    frameworks = frameworks_in_order(request)
    own = frameworks[0] if frameworks else None
    return [(str(f.pk), framework_label(f, own)) for f in frameworks] + [
        (ALL_COUNCILS, "All councils")
    ]


def about_council(framework, field: str = "outcome") -> Q:
    """Rows about this council's outcomes, or about no outcome (words heard on the council's
    own site are its own, whatever they are about): the one rule for "this council"."""
    if framework is None:
        return Q()
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__path__startswith": framework.path})


def in_framework(voices, value: str | None, request=None):
    """Comments about the chosen council's outcomes (or about none): by default the site's."""
    from outcomes_cms.models import OutcomesFrameworkPage

    if value == ALL_COUNCILS:
        return voices
    framework = OutcomesFrameworkPage.objects.filter(pk=value).first() if value else None
    return voices.filter(about_council(framework or site_framework(request)))
