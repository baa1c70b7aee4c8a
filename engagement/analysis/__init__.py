"""Text analysis of comments: themes, sentiment, safeguarding and personal data.

A plain Python package that imports nothing from Django: typed functions that take and return
pandas DataFrames, so it can be tested, benchmarked and run on any CSV. The platform loads
comments, calls analyse() and stores what it returns (engagement/tasks.py).

    from engagement.analysis import analyse, default_codebook
    analysed = analyse(pd.DataFrame({"text": ["The taxi to school is always late"]}))
"""

from .codebook import Codebook, Theme, ThemeMatch, default_codebook
from .personal_data import find_personal_data, redact
from .pipeline import OUTPUT_COLUMNS, analyse, combine_themes
from .polarity import polarity
from .safeguarding import possible_disclosure
from .sentiment import PolarityThresholds, default_sentiment_model

__all__ = [
    "OUTPUT_COLUMNS",
    "Codebook",
    "PolarityThresholds",
    "Theme",
    "ThemeMatch",
    "analyse",
    "combine_themes",
    "default_codebook",
    "default_sentiment_model",
    "find_personal_data",
    "polarity",
    "possible_disclosure",
    "redact",
]
