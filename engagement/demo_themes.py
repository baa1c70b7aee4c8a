"""Demo: link the codebook's themes to the outcome pages they speak to, by statement."""

from outcomes_cms.models import OutcomePage

from .analysis.codebook import DEFAULT_CODEBOOK, Codebook
from .models import Theme


def link_themes_to_outcomes() -> int:
    """Link each default theme to the outcomes codebook.md names for it (Rochdale's). Themes
    officers have linked already are left as they are. Returns the links made."""
    outcomes = {page.title: page for page in OutcomePage.objects.all()}
    made = 0
    for entry in Codebook.from_json(DEFAULT_CODEBOOK).themes:
        theme = Theme.objects.filter(key=entry.key).first()
        if theme is None or theme.outcomes.exists():
            continue
        pages = [outcomes[title] for title in entry.outcomes if title in outcomes]
        theme.outcomes.add(*pages)
        made += len(pages)
    return made
