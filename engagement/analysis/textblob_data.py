"""TextBlob's data files (its sentiment lexicon and English word list), found without importing
TextBlob: importing it imports all of NLTK and SciPy, seconds on every start of a process."""

import importlib.util
from pathlib import Path


def textblob_file(name: str) -> Path:
    """The path of a file in TextBlob's English data, e.g. "en-sentiment.xml"."""
    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("TextBlob is not installed (pip install textblob).")
    return Path(spec.submodule_search_locations[0]) / "en" / name
