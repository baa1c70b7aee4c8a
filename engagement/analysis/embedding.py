"""Sentence embeddings shared by the safeguarding model and sentiment: WordLlama, offline.

WordLlama ships its weights inside its wheel, so loading never touches the network (the hub
download is disabled). A comment is embedded once per analysis; the detector and the sentiment
model both read the same vectors. Vectors are L2-normalised (a dot product is the cosine); an
empty comment gets a vector of zeros rather than NaN.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

DIMENSIONS = 256


@cache
def _model() -> Any:
    import wordllama

    return wordllama.WordLlama.load(
        cache_dir=Path(wordllama.__file__).parent, disable_download=True, dim=DIMENSIONS
    )


def embed(texts: Sequence[str]) -> np.ndarray:
    """One unit-length float32 row per text (zeros for a text with no words)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = np.asarray(_model().embed(list(texts), norm=False), dtype=np.float32)
    lengths = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, lengths, out=np.zeros_like(vectors), where=lengths > 0)
