"""Possible disclosures of harm or risk, which go to the safeguarding lead and nowhere else.

Recall matters more than precision: a lead can clear a false alarm in seconds, but a missed
disclosure can cost a child. So the patterns are broad, forgive spelling, and catch indirect
wording ("I don't want to be here any more"). They are written against everyday safe uses
("hurt my knee at football", "I feel safe now the bullying has stopped", "this homework is
killing me"), which tests/analysis/test_safeguarding.py keeps out.
"""

import re
from dataclasses import dataclass

from .text import CONTRACTIONS

# Words people misspell when they write in a hurry or are upset, mended before matching; and
# contractions typed without their apostrophe ("dont", "wasnt"), as the rest of the analysis
# reads them.
_MENDED_PHRASES = {"my self": "myself", "step dad": "stepdad", "step mum": "stepmum"}
_MENDED = CONTRACTIONS | {
    "meself": "myself",
    "myslef": "myself",
    "mysef": "myself",
    "kil": "kill",
    "kll": "kill",
    "wanna": "want to",
    "wana": "want to",
    "gonna": "going to",
    "u": "you",
    "ded": "dead",
    "mam": "mum",
    "mom": "mum",
    "disapear": "disappear",
    "dissapear": "disappear",
    "dissappear": "disappear",
    "til": "till",
    "untill": "until",
}
_NOT_A_WORD = re.compile(r"[^\w\s']+")

_FAMILY = (
    r"(?:mum|dad|stepdad|stepmum|mother|father|parents?|uncle|aunt(?:ie)?|brother|sister|"
    r"cousin|grandad|grandma|nan|carer|foster carer|boyfriend|girlfriend|partner|"
    r"mum'?s boyfriend|dad'?s girlfriend|fella|bloke)"
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
    # Every pattern starts at the start of a word: said once in front of them all, the regex
    # engine skips the middle of words before trying each pattern (a third quicker).
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{pattern})" for pattern in patterns) + ")")
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
        "cut eat thin sick tablet plan front step walk throw happier easier burden waste "
        "scratch bite biting burn bleed harm everything life carry wasn weren died hate over "
        "swallow paracetamol meds medicine death forever scar around arm wrist thigh bled cover",
        r"\b(?:kill|hurt|harm|cut|burn|starv|hang|stab|punish|scratch|hit|bang)\w*\s+myself\b",
        r"\bself[\s-]?harm\w*|\bself[\s-]?injur\w*",
        r"\bsu+[ia]?[cs]+i?d(?:e|es|al|le|ally)?\b|\bsuicid\w*",
        r"\b(?:wants?|wanted|wanting|wish|wishes|wishing|going|try|tried|trying|thinking|thought|"
        r"plan|planning|"
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
        # Indirect ways of saying it: a burden, no point, better without me, giving up.
        r"\b(?:happier|better|easier) without me\b",
        r"\bif i (?:wasn't|was not|weren't|were not) (?:here|around|alive)\b"
        r"|\bif i (?:was|were) (?:gone|dead)\b|\bif i (?:died|disappeared)\b",
        r"\b(?:i'm|i am|feel like|feels like|felt like|being|just) (?:a |such a )?"
        r"(?:burden|waste of space)\b",
        r"\b(?:no|see the|see any|not any) point (?:in |of )?(?:anything|anymore|any more|it all|"
        r"(?:me )?being (?:here|alive)|living|going on)\b",
        r"\b(?:not|stop|stopped) (?:being |to be )?(?:alive|existing)\b"
        r"|\bwant to (?:not |stop )?exist\b",
        r"\b(?:swallow\w*|took|taken|take|taking) (?:a load of|loads of|lots of|a lot of|"
        r"all (?:my|the)|a whole|a packet of|a box of|too many) "
        r"(?:paracetamol|pills|tablets|meds|medicine)\b(?!\s+for\b)",
        r"\bsleep and (?:not|never) wake up\b|\b(?:not|never) (?:to )?wake up again\b"
        r"|\b(?:hope|pray|wish)\b.{0,10}\b(?:don't|do not|never|won't) wake up\b",
        r"\b(?:think|thinking|thought|thoughts)\s+(?:a lot\s+)?(?:about|of)\s+(?:dying|death|"
        r"being dead|not being here|ending (?:it|my life))\b",
        r"\b(?:go away|disappear|be gone) forever\b",
        r"\bscars?\b.{0,30}\b(?:what i do|i did|myself|on my (?:arms?|wrists?|legs?))\b"
        r"|\b(?:arms?|wrists?|legs?) (?:are |is )?(?:covered in|full of) (?:scars|cuts|marks)\b",
        r"\b(?:scratch|scratches|scratched|scratching|bite|bites|biting|bit|burn|burns|burning)"
        r"\s+(?:at\s+)?(?:my|his|her|their) (?:arms?|wrists?|legs?|thighs?|skin|hands?)\b",
        r"\b(?:till|until) (?:they|it|he|she|i|my \w+) (?:bleeds?|bled)\b",
        r"\b(?:started|start|been|keep|keeps|still|back to)\s+(?:self\s+)?(?:cutting|harming)"
        r"(?=\s*$|\s+(?:again|myself|himself|herself|themselves|and|when|because|cos|since|"
        r"at night|(?:my|his|her|their) (?:arms?|wrists?|legs?|thighs?|skin|stomach))\b)"
        r"|\b(?:cutting|harming) again\b",
        r"\b(?:giving up|give up|gave up|given up) on (?:everything|life|living|myself)\b",
        r"\b(?:take|took|taking|end|ended|ending) (?:my|his|her|their) own life\b"
        r"|\btried to (?:take|end) (?:my|his|her|their) (?:own )?life\b",
        r"\b(?:can't|cannot|couldn't) carry on\b(?!\s+(?:with|doing|going to|waiting)\b)",
        r"\bhate (?:my life|myself)\b|\bwant (?:it all|everything|my life|it) to (?:be over|end)\b",
    ),
    _concern(
        ABUSE,
        "hit hurt kick punch slap beat burn chok strangl grab threw throw shak shook smack "
        "whack batter bit lock touch tie starv abus rap molest violen scared afraid frighten "
        "terrif bruis inappropriat private assault attack sexual stab threat call weird "
        "special sweet secret pin held hold push shov drag restrain makes room bed belt "
        "stick slipper fight shout scream smash stuff thing scares twist yank pull make wooden "
        "spoon",
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
        # Rough handling, things thrown, held down; restraint at school is for the lead too.
        r"\b(?:throws?|threw|throwing) (?:things|stuff|plates|cups|chairs|shoes|objects) at "
        r"(?:me|us|mum|dad|my)\b",
        r"\b(?:pins?|pinned|holds?|held|push(?:es|ed)?|shov(?:es|ed)?|drags?|dragged)\s+(?:me|us)"
        r"\s+(?:down|about|around|over|against|up against|across)\b",
        r"\brestrain(?:s|ed|ing)? (?:him|her|me|them|us|my|our|the (?:kids|children|pupils))\b"
        r"|\brestraints?\b",
        r"\b(?:does|did|doing|do) (?:stuff|things) to me\b",
        r"\b(?:he|she|they|" + _FAMILY + r")\b.{0,20}\b(?:scares|frightens|terrifies) me\b",
        r"\b(?:grabs?|grabbed|twists?|twisted|yanks?|yanked|pulls?|pulled) (?:me by )?(?:my|the) "
        r"(?:arm|hair|neck|wrist|throat)\b",
        r"\bmakes? me (?:do|touch|watch) \w+\b.{0,25}\b(?:don't want|do not want|don't like|"
        r"uncomfortable|secret|weird|not to tell|scared)\b",
        r"\b(?:comes?|came|coming|gets?|got) (?:in|into|in to) (?:my (?:bed|bedroom|room) at night|"
        r"my bed|bed with me)\b",
        r"\b(?:get|gets|got|getting|hit|hits|hitting|smacks?|smacked|beat|beats)\s+(?:me |us )?"
        r"(?:with )?(?:the|a|his|her) (?:belt|stick|slipper|wooden spoon)\b",
        # Violence between the adults at home.
        r"\b(?:shouting and fighting|fighting and shouting|screaming and fighting|violence|"
        r"smash(?:es|ing)? things)\b.{0,20}\b(?:at home|in the house|in our house)\b",
        r"\b(?:mum and dad|my parents|mum and (?:her|his) \w+|dad and (?:his|her) \w+)\s+"
        r"(?:fight|fighting|fights|hit each other|hurt each other)\b(?!\s+(?:for|to|so|hard)\b)",
    ),
    _concern(
        NEGLECT,
        "food dinner tea breakfast meal cloth heating electric hungry starving nobody alone own "
        "left leave drunk high drug passed wasted fed washed drink forget forgot afford heat "
        "without fend look sibling bed wash clean iron wake smell mind collect eat pick feed "
        "cares comes gets",
        r"\b(?:no|not enough|never any|never have|never get|don't get|don't have|dont get)\s+"
        r"(?:food|dinner|tea|breakfast|meals?|clean clothes|heating|electric\w*)\b"
        r".{0,25}\b(?:at home|in the house|in our house|mum|dad)\b",
        r"\b(?:hungry|starving)\b.{0,30}\b(?:all the time|every day|at home|no food)\b",
        r"\b(?:nobody|no one) (?:looks after|cares for|feeds|picks (?:me|us) up|collects (?:me|us)|"
        r"comes for (?:me|us)|makes (?:me|us) (?:any )?(?:dinner|tea|food|breakfast|meals?))\b",
        r"\b(?:won't|will not|doesn't|don't|never) let (?:me|us) "
        r"(?:eat|have (?:food|tea|dinner))\b",
        r"\bsent to bed (?:with )?(?:no|without) (?:tea|dinner|food)\b",
        r"\b(?:days|weeks|a day|whole days) without (?:eating|food|a meal|meals)\b",
        r"\b(?:left|leaves|leave) (?:me|us) (?:alone|on (?:my|our) own|home alone)\b",
        r"\bhome alone\b|\bon my own all night\b",
        r"\b(?:mum|dad|parents?|stepdad|carer)\s+(?:is|are|gets|get|always|keeps)\s+"
        r"(?:drunk|high|on drugs|passed out|wasted)\b",
        r"\bdon't (?:get|have) (?:fed|washed|food)\b",
        r"\b(?:mum|dad|parents?|stepdad|carer)\s+(?:drinks|drinking|is drinking)\b"
        r"(?!(?:\s+\w+){0,3}\s+(?:tea|coffee|water|juice|squash|milk|pop)\b)"
        r"(?:\s+(?:a lot|alot|too much|all the time|every day|every night))?",
        r"\b(?:forgets?|forgot) (?:to )?(?:pick me up|feed|get me|collect me)\b",
        r"\b(?:isn't|is not|aren't|are not|wasn't|never|not being|not) (?:fed|washed|cleaned)\b",
        r"\b(?:can't|cannot|couldn't) afford (?:to heat|heating|food|to eat|to feed|electric\w*)\b",
        r"\b(?:gone|go|going|went) without (?:proper |any |a )?"
        r"(?:meals?|food|dinner|tea|heating)\b",
        r"\bfending for (?:themselves|himself|herself|myself|ourselves)\b",
        r"\bleft to (?:look after|care for|mind) (?:her|his|my|their) (?:younger |little )?"
        r"(?:siblings|brothers?|sisters?)\b",
        r"\b(?:have to|has to|got to|always|every (?:night|day)) (?:make|get) "
        r"(?:my|our|his|her) own (?:tea|dinner|food|breakfast|meals?)\b",
        r"\b(?:mum|dad|parents?|carer)\b.{0,15}\b(?:in bed all day|stays? in bed|never gets up|"
        r"doesn't get up)\b",
        r"\b(?:nobody|no one) (?:washes|cleans|irons|feeds|wakes) (?:my|me|us)\b",
        r"\b(?:say|says|said|tell me) i smell\b",
        r"\b(?:look after|mind) (?:my|our) (?:little |younger |baby )?"
        r"(?:sisters?|brothers?|siblings)\b.{0,40}\b(?:goes out|go out|went out|out all night|"
        r"drunk|every night)\b",
    ),
    _concern(
        EXPLOITATION,
        "county groom carr sell sold deliver hold run move moving drug weed parcel package bag "
        "older give gave buy bought money met meet online snapchat instagram tiktok internet "
        "game roblox discord nude picture pic photo video secret owe keep stash hid say said "
        "tell told earn given whatsapp",
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
        r"\bearn (?:some |good |easy |quick )?(?:money|cash)\b.{0,40}\b(?:take|taking|carry|"
        r"carrying|drop|dropping|deliver\w*|stuff|parcels?|packages?|another town|other towns?)\b",
        r"\b(?:man|men|someone|somebody|person|people|adult|boy|girl|guy)\b.{0,15}\bonline\b"
        r".{0,40}\b(?:meet|messag\w*|send|pics|secret)\b",
        r"\b(?:keep|keeping|hold|holding|hide|hiding|stash|stashing|look after)\s+(?:a |the |some |"
        r"their )?(?:bags?|packages?|parcels?|stuff|things|drugs|weed|money|phones?|knife|it)\b"
        r".{0,25}\b(?:for|from) (?:some )?(?:older|lads|boys|men|them|him)\b",
        r"\b(?:wants?|wanted|asks?|asked|asking|begging) (?:me )?(?:for )?(?:pics|nudes|"
        r"(?:pictures|photos|videos) of me)\b",
        r"\b(?:on|from) (?:snapchat|instagram|tiktok|discord|roblox|whatsapp|online|the internet)\b"
        r".{0,30}\b(?:loves me|my boyfriend|my girlfriend|meet|secret|pics)\b",
        r"\bgiven (?:me )?(?:a )?(?:new )?(?:phone|money|trainers|clothes|vapes?|drugs)\b.{0,30}"
        r"\b(?:someone|somebody|a man|older|don't know|stranger)\b",
    ),
    _concern(
        FEAR_OF_HOME,
        "home house ran run sleep stay mate friend rather",
        r"\b(?:scared|afraid|frightened|terrified|don't want|do not want|hate|dread)\s+"
        r"(?:to\s+)?(?:go|going|being|get|getting)\s+(?:back\s+)?home\b",
        r"\b(?:not|don't|never|do not|dont)\b[^.]{0,15}\bsafe (?:at|in my|in our) (?:home|house)\b",
        r"\bunsafe at home\b|\bscared at home\b|\bafraid at home\b",
        r"\brun(?:ning)? away from home\b|\bran away\b|\brun away\b",
        r"\b(?:sleep|stay|sleeping|staying) (?:in the park|on the streets?|outside all night)\b",
        r"\bhate (?:being|going|living) (?:at )?home\b",
        r"\b(?:sleep|stay|sleeping|staying) (?:at|round) (?:my |a )?(?:mates?|friends?)'?s?"
        r"(?: house)? (?:most|every|all) (?:nights?|the time)\b",
        r"\b(?:so|then) i (?:don't|do not) have to (?:be|go) (?:at |back )?home\b",
        r"\b(?:it's|its|it is|things are|everything is|life is|it gets) (?:really |so )?"
        r"(?:bad|horrible|awful|scary|violent) at home\b",
        r"\b(?:don't|do not) like being (?:at )?home when\b",
        r"\brather be anywhere (?:but|than|else)\b|\brather (?:sleep|stay|be) (?:outside|on the "
        r"streets?)\b",
    ),
    _concern(
        CARER_AT_BREAKING_POINT,
        "breaking tether wits cope take go keep care lost snapped lash hurt harm hit snap shake "
        "smack lose keep kid children rope scared frightened long stupid driv walk knees "
        "go leav left",
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
        r"\bend of my rope\b|\b(?:scared|frightened) myself\b|\bon my knees\b",
        r"\bgo on like this\b|\bhow much more (?:i|we) can take\b|\bdo something stupid\b",
        r"\b(?:leave|leaving|left) (?:him|her|them)\b.{0,30}\b(?:not|never) (?:coming|come) back\b",
        r"\bhow (?:much )?(?:long|longer) i can (?:do this|cope|keep going|go on|carry on)\b",
        r"\b(?:driving|drive|walk|walking|run|running) (?:off|out|away)\b.{0,20}\bnever "
        r"(?:coming|come) back\b|\bwalk(?:ing)? out on (?:them|him|her|my family|the kids)\b",
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
    tablets paracetamol groomed nudes police disappear runaway smacked smack smacks""".split()
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
    r"(?<!\w)(?:"  # each use starts a word (quicker to search, as in _concern)
    r"\b(?:it|that|this|which|homework|school work|work)\s+(?:really\s+)?"
    r"(?:hurts?|is killing|was killing|kills?)\s+me\b"
    r"|\b(?:head|legs?|arms?|back|tummy|stomach|feet|foot|knee|teeth|ears?)\s+hurts?\b"
    r"|\b(?:hurt|cut|burnt|burned|bruised|scratched)\s+(?:my|his|her)\s+(?:knee|leg|ankle|"
    r"foot|toe|finger|thumb|hand|elbow|shoulder|head|back|neck|lip|chin|nose)\b"
    r"|\b(?:cuts?|cut back|cutbacks)\s+(?:to|in|on)\b|\bbudget cuts?\b|\bcut (?:short|off|out)\b"
    r"|\bscared of (?:the dark|spiders|dogs|heights|needles|the dentist|thunder|loud noises)\b"
    r"|\bhealth and safety\b"
    r"|\bdying to\b"
    r"|\bkill(?:ed)? it\b"
    r"|\bowe (?:you|my \w+|the \w+|everyone) (?:a )?(?:big |huge )?(?:thank you|thanks)\b"
    r"|\bgave (?:me|him|her|us) (?:some )?(?:tablets|pills|medicine) for\b"
    r"|\bcan't wait\b)",
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
        matched = concern.pattern.search(normalised)
        if matched:
            reasons.append(f'{concern.kind}: "{matched.group().strip()}"')
    if not reasons:
        risky = _other_risk(text)
        if risky:
            reasons.append(f'{OTHER_RISK}: "{risky}"')
    return tuple(reasons)
