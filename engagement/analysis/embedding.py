"""Sentence embeddings shared by the safeguarding model and sentiment: WordLlama, offline.

WordLlama ships its weights inside its wheel, so loading never touches the network (the hub
download is disabled). A comment is embedded once per analysis; the detector and the sentiment
model both read the same vectors. Vectors are L2-normalised (a dot product is the cosine); an
empty comment gets a vector of zeros rather than NaN.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np

DIMENSIONS = 256


@cache
def _model() -> Any:
    import wordllama

    model = wordllama.WordLlama.load(
        cache_dir=Path(wordllama.__file__).parent, disable_download=True, dim=DIMENSIONS
    )
    model.tokenizer.no_padding()  # embed() below pools each text's own tokens: no padding
    return model


def embed(texts: Sequence[str]) -> np.ndarray:
    """One unit-length float32 row per text (zeros for a text with no words).

    The same average of token vectors as WordLlama's own embed(), computed without padding
    every batch to its longest comment (which made one long comment cost a whole batch): all
    tokens are looked up at once and summed per text with np.add.reduceat.
    """
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    model = _model()
    encoded = model.tokenizer.encode_batch(list(texts), add_special_tokens=False)
    counts = np.fromiter((len(e.ids) for e in encoded), dtype=np.int64, count=len(encoded))
    ids = np.fromiter(chain.from_iterable(e.ids for e in encoded), dtype=np.int64)
    np.clip(ids, 0, model.embedding.shape[0] - 1, out=ids)
    vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    present = counts > 0
    if ids.size:
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])[present]
        vectors[present] = np.add.reduceat(model.embedding[ids], starts, axis=0)
    vectors[present] /= counts[present, None]
    lengths = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, lengths, out=np.zeros_like(vectors), where=lengths > 0)
