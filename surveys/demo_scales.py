"""The answer scales the platform ships with (created by the seed command when missing)."""

from .models import AnswerScale, CountsAs

P, U, N, X = CountsAs.POSITIVE, CountsAs.NEUTRAL, CountsAs.NEGATIVE, CountsAs.NOT_COUNTED

YES_NO_MOST_NOW = "Yes / No / Most of the time / Now and then"
YES_NO_OTHER = "Yes / No / Other"
FIVE_FACES = "Five faces"
PROGRESS = "Middlesbrough progress scale"
WHERE_SUPPORT = "Multiple choice: where I get support"
FREE_TEXT = "Free text only"

# name: (kind, prefer-not-to-say offered, [(label, easy-read label, symbol, counts as)])
SCALES = {
    YES_NO_MOST_NOW: (
        AnswerScale.Kind.CHOOSE_ONE,
        True,
        [
            ("Yes", "", "👍", P),
            ("No", "", "👎", N),
            ("Most of the time", "Mostly", "🙂", P),
            ("Now and then", "Sometimes", "😐", U),
        ],
    ),
    YES_NO_OTHER: (
        AnswerScale.Kind.CHOOSE_ONE,
        True,
        [("Yes", "", "👍", P), ("No", "", "👎", N), ("Other", "Something else", "💬", X)],
    ),
    FIVE_FACES: (
        AnswerScale.Kind.CHOOSE_ONE,
        True,
        [
            ("Very happy", "", "😄", P),
            ("Happy", "", "🙂", P),
            ("Okay", "", "😐", U),
            ("Sad", "", "🙁", N),
            ("Very sad", "", "😢", N),
        ],
    ),
    # Middlesbrough's 8-point scale: achieved counts as positive, good progress as neutral.
    PROGRESS: (
        AnswerScale.Kind.CHOOSE_ONE,
        False,
        [
            ("Outcome achieved much better than expected", "Much better than we hoped", "", P),
            ("Outcome achieved a little better than expected", "Better than we hoped", "", P),
            ("Expected outcome achieved", "We did what we hoped", "", P),
            ("Working towards expected outcome. Excellent progress", "Going very well", "", U),
            ("Working towards expected outcome. Good progress", "Going well", "", U),
            ("Working towards expected outcome. Little progress", "Going slowly", "", N),
            ("No progress", "Not getting better", "", N),
            ("Regressed", "Got worse", "", N),
        ],
    ),
    WHERE_SUPPORT: (
        AnswerScale.Kind.CHOOSE_ANY,
        True,
        [
            ("School or college", "", "🏫", X),
            ("Home", "", "🏠", X),
            ("Clubs and activities", "Clubs", "⚽", X),
            ("Health services", "Doctors and nurses", "🩺", X),
            ("Somewhere else", "", "📍", X),
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
                        symbol=symbol,
                        counts_as=counts_as,
                        sort_order=order,
                    )
                )
            scale.save()
        scales[name] = scale
    return scales
