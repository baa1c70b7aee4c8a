"""The answer scales the platform ships with (created by the seed command when missing)."""

from .models import AnswerScale, CountsAs

P, U, N, X = CountsAs.POSITIVE, CountsAs.NEUTRAL, CountsAs.NEGATIVE, CountsAs.NOT_COUNTED

YES_NO_MOST_NOW = "Yes / No / Most of the time / Now and then"
YES_NO_OTHER = "Yes / No / Other"
FIVE_FACES = "Five faces"
PROGRESS = "Middlesbrough progress scale"
WHERE_SUPPORT = "Multiple choice: where I get support"
FREE_TEXT = "Free text only"

# name: (kind, prefer-not-to-say offered, [(label, easy-read label, symbol, counts as)]).
# Every option has a symbol: a key in surveys/symbols.py's set (OpenMoji's hexcode).
SCALES = {
    YES_NO_MOST_NOW: (
        AnswerScale.Kind.CHOOSE_ONE,
        True,
        [
            ("Yes", "", "1F44D", P),
            ("No", "", "1F44E", N),
            ("Most of the time", "Mostly", "1F642", P),
            ("Now and then", "Sometimes", "1F610", U),
        ],
    ),
    YES_NO_OTHER: (
        AnswerScale.Kind.CHOOSE_ONE,
        True,
        [("Yes", "", "1F44D", P), ("No", "", "1F44E", N), ("Other", "Something else", "1F4AC", X)],
    ),
    FIVE_FACES: (
        AnswerScale.Kind.CHOOSE_ONE,
        True,
        [
            ("Very happy", "", "1F604", P),
            ("Happy", "", "1F642", P),
            ("Okay", "", "1F610", U),
            ("Sad", "", "1F641", N),
            ("Very sad", "", "1F622", N),
        ],
    ),
    # Middlesbrough's 8-point scale: achieved counts as positive, good progress as neutral.
    PROGRESS: (
        AnswerScale.Kind.CHOOSE_ONE,
        False,
        [
            ("Outcome achieved much better than expected", "Much better than we hoped", "1F3C6", P),
            ("Outcome achieved a little better than expected", "Better than we hoped", "1F31F", P),
            ("Expected outcome achieved", "We did what we hoped", "2705", P),
            ("Working towards expected outcome. Excellent progress", "Going very well", "1F680", U),
            ("Working towards expected outcome. Good progress", "Going well", "1F4C8", U),
            ("Working towards expected outcome. Little progress", "Going slowly", "1F422", N),
            ("No progress", "Not getting better", "23F8", N),
            ("Regressed", "Got worse", "1F4C9", N),
        ],
    ),
    WHERE_SUPPORT: (
        AnswerScale.Kind.CHOOSE_ANY,
        True,
        [
            ("School or college", "", "1F3EB", X),
            ("Home", "", "1F3E0", X),
            ("Clubs and activities", "Clubs", "26BD", X),
            ("Health services", "Doctors and nurses", "1FA7A", X),
            ("Somewhere else", "", "1F4CD", X),
        ],
    ),
    FREE_TEXT: (AnswerScale.Kind.FREE_TEXT, False, []),
}


def seed_scales() -> dict[str, AnswerScale]:
    scales = {}
    for name, (kind, prefer_not, options) in SCALES.items():
        scale = AnswerScale.objects.filter(name=name).first()
        if scale is None:
            scale = AnswerScale(name=name, kind=kind, offers_prefer_not_to_say=prefer_not)
            for order, (label, easy, symbol, counts_as) in enumerate(options):
                scale.options.add(
                    scale.options.model(
                        label=label,
                        easy_read_label=easy,
                        symbol_key=symbol,
                        counts_as=counts_as,
                        sort_order=order,
                    )
                )
            scale.save()
        else:
            _add_missing_symbols(scale, options)
        scales[name] = scale
    return scales


def _add_missing_symbols(scale: AnswerScale, options) -> None:
    """A shipped scale made before it had symbols gets them; a symbol already set is kept."""
    symbol_by_label = {label: symbol for label, _easy, symbol, _counts in options}
    for option in scale.options.filter(symbol_key="", symbol_image__isnull=True):
        if symbol_by_label.get(option.label):
            option.symbol_key = symbol_by_label[option.label]
            option.save(update_fields=["symbol_key"])
