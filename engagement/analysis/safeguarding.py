"""Possible disclosures of harm or risk, which go to the safeguarding lead and nowhere else.

Recall matters more than precision: a lead can clear a false alarm in seconds, but a missed
disclosure can cost a child. So the patterns are broad, forgive spelling, and catch indirect
wording ("I don't want to be here any more"). They are written against everyday safe uses
("hurt my knee at football", "I feel safe now the bullying has stopped", "this homework is
killing me"), which tests/analysis/test_safeguarding.py keeps out.
"""

import re
from dataclasses import dataclass

# Words people misspell when they write in a hurry or are upset, mended before matching.
_MENDED_PHRASES = {"my self": "myself", "step dad": "stepdad", "step mum": "stepmum"}
_MENDED = {
    "meself": "myself",
    "myslef": "myself",
    "mysef": "myself",
    "kil": "kill",
    "kll": "kill",
    "wanna": "want to",
    "wana": "want to",
    "gonna": "going to",
    "dont": "don't",
    "didnt": "didn't",
    "cant": "can't",
    "wont": "won't",
    "im": "i'm",
    "ive": "i've",
    "u": "you",
    "ded": "dead",
    "mam": "mum",
    "mom": "mum",
}
_NOT_A_WORD = re.compile(r"[^\w\s']+")

_FAMILY = (
    r"(?:mum|dad|stepdad|stepmum|mother|father|parents?|uncle|aunt(?:ie)?|brother|sister|"
    r"cousin|grandad|grandma|nan|carer|foster carer|boyfriend|girlfriend|partner|"
    r"mum'?s boyfriend|dad'?s girlfriend)"
)
_HARM_VERB = (
    r"(?:hits?|hitting|hurts?|hurting|hurted|kick(?:s|ed|ing)?|punch(?:es|ed|ing)?|"
    r"slap(?:s|ped|ping)?|beats?|beating|beaten|burn(?:s|t|ed)?|chok(?:es|ed|ing)|"
    r"strangl(?:es|ed|ing)|grab(?:s|bed)?|threw|throws?|shak(?:es|ing)|shook|"
    r"smack(?:s|ed)?|whack(?:s|ed)?|batter(?:s|ed)?|bit|bites?|locks?|locked|"
    r"touch(?:es|ed)|tie[sd]?|starv(?:es|ed))"
)


@dataclass(frozen=True, slots=True)
class Concern:
    kind: str
    starts: tuple[str, ...]  # a word starting with one of these must be there to look further
    pattern: re.Pattern


def _concern(kind: str, starts: str, *patterns: str) -> Concern:
    # One regular expression per kind of concern, however many ways it can be worded, and
    # only searched when a word it needs is there: most comments need no search at all.
    pattern = re.compile("|".join(f"(?:{pattern})" for pattern in patterns))
    return Concern(kind, tuple(starts.split()), pattern)


SELF_HARM = "self-harm or suicidal thoughts"
ABUSE = "abuse or violence"
NEGLECT = "neglect"
EXPLOITATION = "exploitation"
FEAR_OF_HOME = "fear of going home"
CARER_AT_BREAKING_POINT = "carer at breaking point"

CONCERNS: tuple[Concern, ...] = (
    _concern(
        SELF_HARM,
        "myself self suic suis sucid suac susid suicd die dying dead alive live living exist "
        "disappear born gone point reason end overdos pill worth nobody jump wake here better "
        "cut eat thin sick tablet plan front step walk throw",
        r"\b(?:kill|hurt|harm|cut|burn|starv|hang|stab|punish|scratch|hit|bang)\w*\s+myself\b",
        r"\bself[\s-]?harm\w*|\bself[\s-]?injur\w*",
        r"\bsu+[ia]?[cs]+i?d(?:e|es|al|le|ally)?\b|\bsuicid\w*",
        r"\b(?:wants?|wanted|wish|wishes|wishing|going|try|tried|trying|thinking|thought|plan|planning|"
        r"feel like|felt like)\s+(?:to\s+|about\s+|of\s+)?(?:die|dying|be dead|being dead|"
        r"end it|ending it|end my life|ending my life|kill myself|disappear|not be here|"
        r"not wake up|never wake up|kill (?:himself|herself|themselves))\b",
        r"\b(?:don't|do not|didn't|did not)\s+want\s+to\s+(?:be\s+)?(?:alive|live|living|"
        r"be here|exist|wake up|be around)\b",
        r"\bbetter off (?:dead|without me)\b",
        r"\bwish (?:i|i'd) (?:was|were|had) (?:dead|never been born|never born|not born|gone)\b",
        r"\b(?:no point|no reason) (?:in |to )?(?:living|life|being alive|going on|being here)\b",
        r"\bend(?:ing)? (?:it all|my life|everything)\b",
        r"\boverdos\w*|\btake (?:all )?(?:my |the )?pills\b",
        r"\b(?:life|living) (?:is(?:n't| not)|isnt) worth\b|\bnot worth living\b",
        r"\bnobody would (?:care|miss me|notice) if i\b",
        r"\bjump (?:off|in front)\b",
        # Ways of harming oneself worded without "myself" ("I cut my arms").
        r"\bcut(?:s|ting)? (?:my|his|her|their) (?:arms?|wrists?|legs?|thighs?|skin|stomach)\b",
        r"\b(?:stopped|stop|not|never|don't|won't) eat(?:ing)?\b.{0,30}\b(?:thin|fat|weight|"
        r"punish|deserve|nobody|no one)\b|\bmake myself sick\b|\bmaking myself sick\b",
        r"\b(?:take|took|taking|steal|stole)\s+(?:some of\s+)?(?:my\s+)?(?:mum'?s|dad'?s|"
        r"nan'?s|parents'?)?\s*(?:tablets|pills|medicine|meds)\b",
        r"\b(?:a|my) plan (?:for how|to|of how|for when)\b.{0,30}\b(?:do it|end|die|kill|go)\b",
        r"\b(?:step|stepping|walk|walking|jump|jumping|throw myself|throwing myself)"
        r"\s+(?:out\s+)?in front of\b",
    ),
    _concern(
        ABUSE,
        "hit hurt kick punch slap beat burn chok strangl grab threw throw shak shook smack "
        "whack batter bit lock touch tie starv abus rap molest violen scared afraid frighten "
        "terrif bruis inappropriat private assault attack sexual stab threat call weird "
        "special sweet secret",
        # Someone does something violent to me ("he hits me", "my stepdad hurt me").
        r"\b(?:he|she|they|someone|somebody|people|man|men|"
        + _FAMILY
        + r")\s+(?:\w+\s+)?"
        + _HARM_VERB
        + r"\s+me\b",
        r"\b(?:been|get|got|getting|was|were)\s+(?:hit|beaten|hurt|kicked|punched|slapped|"
        r"touched|abused|assaulted|raped|attacked|strangled|choked|locked in|burnt|burned)\b"
        r"(?!\s+(?:by (?:a|the) (?:ball|car|door)|playing|at (?:football|rugby|pe|training)))",
        r"\babus(?:e|ed|es|ive|ing)\b|\bsexual(?:ly)?\s+(?:abus\w+|assault\w*|touch\w*)",
        r"\brap(?:e|ed|ing)\b|\bmolest\w*|\binappropriate(?:ly)? touch\w*",
        r"\bdomestic (?:violence|abuse)\b|\bviolen(?:t|ce) at home\b",
        r"\b(?:scared|afraid|frightened|terrified) of (?:my |our |his |her )?" + _FAMILY + r"\b",
        r"\btouch(?:es|ed)? me (?:in|on|under|where)\b|\bprivate parts\b",
        r"\bbeat(?:s)? me up\b|\bbeaten up\b",
        r"\bbruises?\b.{0,30}\b(?:dad|mum|stepdad|he|she|they|home)\b",
        r"\bbruis\w*\b.{0,40}\b(?:nobody|no one|couldn't|could not|can't|won't) "
        r"(?:could |can |would )?explain\b|\bunexplained (?:bruis|marks|injur)\w*",
        # Threats of violence, at home or from other young people.
        r"\b(?:getting|get|gonna get|going to get) (?:stabbed|jumped|shot|battered|beaten)\b",
        r"\b(?:going to|gonna|will|said they'll|says he'll|says she'll)\s+(?:stab|kill|hurt|"
        r"beat|batter|jump) (?:me|us|him|her|my)\b",
        r"\bthreat(?:en|ens|ened|ening)\s+(?:me|us|him|her|them|the (?:kids|children))\b",
        # Words that hurt, from the people at home ("my dad calls me useless").
        r"\b" + _FAMILY + r"\s+(?:\w+\s+)?(?:calls?|called) me\s+(?:a\s+)?(?:useless|stupid|"
        r"worthless|thick|retard\w*|idiot|fat|ugly|a waste|names)\b",
        # Grooming: special attention and secrets from an adult.
        r"\b(?:his|her) special (?:girl|boy|friend)\b|\bour (?:little )?secret\b",
        r"\b(?:man|men|adult|driver|he|she)\b.{0,40}\b(?:gives|gave|buys|bought) me (?:sweets|"
        r"gifts|presents|money)\b.{0,40}\b(?:weird|secret|don't tell|special)\b",
    ),
    _concern(
        NEGLECT,
        "food dinner tea breakfast meal cloth heating electric hungry starving nobody alone own "
        "left leave drunk high drug passed wasted fed washed drink forget forgot afford heat "
        "without fend look sibling",
        r"\b(?:no|not enough|never any|never have|never get|don't get|don't have|dont get)\s+"
        r"(?:food|dinner|tea|breakfast|meals?|clean clothes|heating|electric\w*)\b"
        r".{0,25}\b(?:at home|in the house|in our house|mum|dad)\b",
        r"\b(?:hungry|starving)\b.{0,30}\b(?:all the time|every day|at home|no food)\b",
        r"\bnobody (?:looks after|cares for|feeds|picks me up)\b",
        r"\bno one (?:looks after|feeds) me\b",
        r"\b(?:left|leaves|leave) (?:me|us) (?:alone|on (?:my|our) own|home alone)\b",
        r"\bhome alone\b|\bon my own all night\b",
        r"\b(?:mum|dad|parents?|stepdad|carer)\s+(?:is|are|gets|get|always|keeps)\s+"
        r"(?:drunk|high|on drugs|passed out|wasted)\b",
        r"\bdon't (?:get|have) (?:fed|washed|food)\b",
        r"\b(?:mum|dad|parents?|stepdad|carer)\s+(?:drinks|drinking|is drinking)\b"
        r"(?:\s+(?:a lot|alot|too much|all the time|every day|every night))?",
        r"\b(?:forgets?|forgot) (?:to )?(?:pick me up|feed|get me|collect me)\b",
        r"\b(?:isn't|is not|aren't|are not|wasn't|never|not being|not) (?:fed|washed|cleaned)\b",
        r"\b(?:can't|cannot|couldn't) afford (?:to heat|heating|food|to eat|to feed|electric\w*)\b",
        r"\b(?:gone|go|going|went) without (?:proper |any |a )?"
        r"(?:meals?|food|dinner|tea|heating)\b",
        r"\bfending for (?:themselves|himself|herself|myself|ourselves)\b",
        r"\bleft to (?:look after|care for|mind) (?:her|his|my|their) (?:younger |little )?"
        r"(?:siblings|brothers?|sisters?)\b",
    ),
    _concern(
        EXPLOITATION,
        "county groom carr sell sold deliver hold run move moving drug weed parcel package bag "
        "older give gave buy bought money met meet online snapchat instagram tiktok internet "
        "game roblox discord nude picture pic photo video secret owe keep stash hid say said "
        "tell told",
        r"\bcounty lines\b|\bgroom(?:ed|ing)\b",
        r"\b(?:carry|carrying|carried|sell|selling|sold|deliver\w*|hold|holding|run|running|"
        r"move|moving)\s+(?:drugs|weed|packages|parcels|bags)\b",
        r"\bolder (?:boys|men|lads|kids|people|guys|man|boy)\b.{0,50}\b(?:make|made|makes|"
        r"money|drugs|car|party|parties|alcohol|drink|gifts|phone)\b",
        r"\b(?:give|gave|gives|buy|buys|bought)\s+me\s+(?:money|drugs|weed|alcohol|gifts|"
        r"presents|a phone|phones|vapes?)\b",
        r"\b(?:met|meet|meeting|meets)\s+(?:up with\s+)?(?:someone|somebody|a man|a boy|a girl|"
        r"him|her|people|a person)\s+(?:i met\s+|from\s+)?(?:online|on snapchat|on instagram|"
        r"on tiktok|on the internet|on games|on roblox|on discord)\b",
        r"\b(?:asked|asks|ask|wants|wanted|made)\s+(?:me\s+)?(?:for|to send|to take)\s+"
        r"(?:pictures|pics|photos|nudes|videos)\b|\bnudes?\b",
        r"\bsecret (?:boyfriend|girlfriend)\b|\bkeep it (?:a )?secret\b",
        r"\b(?:hold|holding|keep|keeping|carry|carrying|stash|hide|hiding)\s+(?:stuff|things|"
        r"something|bags?|packages?|it)\s+for (?:them|him|her|some lads|older)\b",
        r"\b(?:say|says|said|tell me|told me) (?:that )?i owe (?:them|him|her)\b",
        r"\b(?:owe|owes|owed) (?:them|him|money)\b.{0,30}\b(?:hurt|scared|threat\w*)\b",
    ),
    _concern(
        FEAR_OF_HOME,
        "home house ran run sleep stay mate friend",
        r"\b(?:scared|afraid|frightened|terrified|don't want|do not want|hate|dread)\s+"
        r"(?:to\s+)?(?:go|going|being|get|getting)\s+(?:back\s+)?home\b",
        r"\b(?:not|don't|never|do not|dont)\b[^.]{0,15}\bsafe (?:at|in my|in our) (?:home|house)\b",
        r"\bunsafe at home\b|\bscared at home\b|\bafraid at home\b",
        r"\brun(?:ning)? away from home\b|\bran away\b|\brun away\b",
        r"\b(?:sleep|stay|sleeping|staying) (?:in the park|on the streets?|outside all night)\b",
        r"\bhate (?:being|going|living) (?:at )?home\b",
        r"\b(?:sleep|stay|sleeping|staying) (?:at|round) (?:my )?(?:mates?|friends?)'?s?"
        r"(?: house)? (?:most|every|all) (?:nights?|the time)\b",
    ),
    _concern(
        CARER_AT_BREAKING_POINT,
        "breaking tether wits cope take go keep care lost snapped lash hurt harm hit snap shake "
        "smack lose keep kid children",
        r"\bbreaking point\b|\bend of my tether\b|\bat my wits'? end\b",
        r"\bcan't (?:cope|take (?:it|this)|do (?:it|this)|go on)\s*(?:any ?more|any longer)\b",
        r"\bcan't go on\b|\bcannot go on\b|\bcan't cope\b.{0,30}\b(?:him|her|them|son|daughter)\b",
        r"\b(?:i'll|i will|i might|i'm going to|i am going to|scared i'll|afraid i'll|worried i'll|"
        r"worried i might|scared i might|could)\s+(?:end up\s+)?(?:hurt|harm|hit|snap at|"
        r"lash out at|shake|smack|lose it with|do something to)\s+"
        r"(?:him|her|them|my son|my daughter|my child)\b",
        r"\b(?:put|putting|give|giving)\s+(?:him|her|them|my son|my daughter|my child)\s+"
        r"(?:in|into|up to)\s+care\b",
        r"\b(?:can't|cannot)\s+keep\s+(?:him|her|them|my son|my daughter|my child|us)\s+safe\b",
        r"\b(?:lost it|snapped|lashed out)\s+(?:with|at)\s+(?:him|her|them|my son|my daughter)\b",
        r"\b(?:can't|cannot) keep going (?:like this|on like this|any ?more)\b",
    ),
)

OTHER_RISK = "other words of harm or risk"

# The catch-all, for what the patterns above do not word: a word of harm or fear said in the
# same sentence as home, family or "me", or two such words together. It costs the lead some
# false alarms; it is what catches the disclosures nobody wrote a pattern for.
RISK_WORDS = frozenset(
    """hit hits hitting hurt hurts hurting kicked kicks punched punches slapped slaps beaten
    beats beat bruise bruises bruised bleeding bled cut cuts cutting scratched burnt burned
    strangled choked threatened threatens threat threats scared afraid frightened terrified
    unsafe die dying dead kill killed killing hungry starving starved drunk drinking drugs
    weed secret owe owed weird touched touches touching locked knife knives weapon stabbed
    rape raped abuse abused abusive overdose pills
    tablets groomed nudes police disappear runaway""".split()
)
CLOSE_TO_HOME = frozenset(
    """me myself my home house mum dad stepdad stepmum mother father parents parent boyfriend
    girlfriend uncle auntie aunt brother sister cousin family carer nan grandad grandma
    partner ex bedroom night""".split()
)
_SENTENCES = re.compile(r"[.!?\n]+")


def _other_risk(text: str) -> str | None:
    """The first sentence with words of harm close to home (or two such words), or None."""
    for sentence in _SENTENCES.split(text):
        words = SAFE_USES.sub(" ", normalise(sentence)).split()
        risky = [word for word in words if word in RISK_WORDS]
        if risky and (len(set(risky)) >= 2 or any(word in CLOSE_TO_HOME for word in words)):
            return " ".join(dict.fromkeys(risky))
    return None


# Everyday uses of the same words that are not a disclosure, taken out before matching.
SAFE_USES = re.compile(
    r"\b(?:it|that|this|which|homework|school work|work)\s+(?:really\s+)?"
    r"(?:hurts?|is killing|was killing|kills?)\s+me\b"
    r"|\b(?:head|legs?|arms?|back|tummy|stomach|feet|foot|knee|teeth|ears?)\s+hurts?\b"
    r"|\b(?:hurt|cut|burnt|burned|bruised|scratched)\s+(?:my|his|her)\s+(?:knee|leg|ankle|"
    r"foot|toe|finger|thumb|hand|elbow|shoulder|head|back|neck|lip|chin|nose)\b"
    r"|\b(?:cuts?|cut back|cutbacks)\s+(?:to|in|on)\b|\bbudget cuts?\b|\bcut (?:short|off|out)\b"
    r"|\bscared of (?:the dark|spiders|dogs|heights|needles|the dentist|thunder|loud noises)\b"
    r"|\bhealth and safety\b"
    r"|\bdying to\b"
    r"|\bcan't wait\b",
)


def normalise(text: str) -> str:
    """Lower case, words only, common misspellings mended."""
    return " ".join(_words(text))


def _words(text: str) -> list[str]:
    text = _NOT_A_WORD.sub(" ", text.lower().replace("’", "'").replace("‘", "'"))
    for phrase, mended in _MENDED_PHRASES.items():
        if phrase in text:
            text = text.replace(phrase, mended)
    words = text.split()
    if _MENDED.keys().isdisjoint(words):
        return words
    return " ".join(_MENDED.get(word, word) for word in words).split()


_needing: dict[str, frozenset[int]] = {}


def _concerns_needing(word: str) -> frozenset[int]:
    """The concerns (by position in CONCERNS) whose patterns this word could start: worked out
    once per distinct word, so most comments cost a few dictionary look-ups."""
    found = _needing.get(word)
    if found is None:
        if len(_needing) > 200_000:  # bounded, for long-running workers
            _needing.clear()
        found = _needing[word] = frozenset(
            number for number, concern in enumerate(CONCERNS) if word.startswith(concern.starts)
        )
    return found


def possible_disclosure(text: str) -> tuple[str, ...]:
    """Why this comment may disclose harm or risk: one "kind: words" per concern found."""
    words = _words(text)
    needed: set[int] = set()
    for word in words:
        found = _needing.get(word)  # most words start no pattern: an empty set, kept
        if found is None:
            found = _concerns_needing(word)
        if found:
            needed |= found
    if not needed and RISK_WORDS.isdisjoint(words):
        return ()  # most comments stop here, with no pattern searched
    concerns = [concern for number, concern in enumerate(CONCERNS) if number in needed]
    normalised = SAFE_USES.sub(" ", " ".join(words))
    reasons = []
    for concern in concerns:
        found = concern.pattern.search(normalised)
        if found:
            reasons.append(f'{concern.kind}: "{found.group().strip()}"')
    if not reasons:
        risky = _other_risk(text)
        if risky:
            reasons.append(f'{OTHER_RISK}: "{risky}"')
    return tuple(reasons)
