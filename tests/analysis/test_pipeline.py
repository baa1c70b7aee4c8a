"""analyse(): a DataFrame in, the same rows with themes, sentiment, flags and redaction out."""

import pandas as pd

from engagement.analysis import OUTPUT_COLUMNS, analyse, combine_themes
from engagement.analysis.codebook import ThemeMatch


def test_every_row_gets_every_column_and_keeps_its_own():
    frame = pd.DataFrame(
        {
            "id": [7, 8, 9],
            "text": [
                "The taxi to school is always late and the driver is rude",
                "Mrs Smith is lovely, call her on 07700 900123",
                None,
            ],
        }
    )
    result = analyse(frame)
    assert list(result["id"]) == [7, 8, 9]
    assert set(OUTPUT_COLUMNS) <= set(result.columns)
    first, second, empty = result.to_dict("records")
    assert "transport" in first["themes"]
    assert first["sentiment"] == "negative"
    assert second["personal_data"] and second["personal_data_kinds"] == ("name", "phone")
    assert second["redacted_text"] == "[name] is lovely, call her on [phone]"
    assert empty["themes"] == () and empty["sentiment"] == "neutral"


def test_a_disclosure_is_flagged():
    result = analyse(pd.DataFrame({"text": ["I'm scared to go home"]}))
    assert bool(result.loc[0, "safeguarding"])
    assert result.loc[0, "safeguarding_reasons"][0].startswith("fear of going home")


def test_the_text_column_can_have_any_name():
    frame = pd.DataFrame({"Your comments": ["We need more respite"]})
    result = analyse(frame, text_column="Your comments")
    assert "carers" in result.loc[0, "themes"]


def test_a_missing_text_column_is_a_clear_error():
    import pytest

    with pytest.raises(ValueError, match="no column called 'text'"):
        analyse(pd.DataFrame({"comment": ["hi"]}))


class _Prediction:
    def __init__(self, key, confidence, reasons):
        self.key, self.confidence, self.reasons = key, confidence, reasons


def test_codebook_and_model_themes_say_which_gave_them():
    combined = combine_themes(
        [ThemeMatch("waiting", 0.8, ("waited",))],
        [_Prediction("waiting", 0.9, ("list",)), _Prediction("health", 0.6, ("physio",))],
    )
    assert [(c["key"], c["source"], c["confidence"]) for c in combined] == [
        ("waiting", "both", 0.9),
        ("health", "model", 0.6),
    ]
    assert combined[0]["reasons"] == ("waited", 'model: "list"')
