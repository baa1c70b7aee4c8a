"""Invented comments for the demo responses, by the outcome a question measures.

Written to sound like young people and parent carers in SEND surveys (spelling and all); no real
person said them, and none names anyone.
"""

COMMENTS: dict[str, list[str]] = {
    "": [
        "its ok i guess",
        "Nothing to add.",
        "More help at school would be good",
    ],
    # Rochdale
    "My opinions are valued": [
        "My TA listens to me and lets me use my picture cards",
        "At my annual review nobody asked me what I thought, they just talked to mum",
        "I like it when they ask me what I want to do",
        "sometimes they dont listen when I say I need a break",
        "I was asked about my EHCP goals for the first time this year and it felt good",
    ],
    "I am emotionally well": [
        "I get really anxious before school and the worry room helps",
        "Waiting for CAMHS has been so long, over a year now",
        "I am happy when I am at my club",
        "bad days are when its too loud and nobody notices",
        "My son's anxiety has got worse since he moved to secondary",
    ],
    "I am as healthy as possible": [
        "We have waited 18 months for speech and language therapy",
        "The OT was brilliant but we only got 6 sessions",
        "Waiting lists for everything, physio, SALT, the lot",
        "I can't sleep and nobody helps with that",
        "Getting an autism assessment took nearly two years",
    ],
    "I am safe and supported at home, at school, and in the community": [
        "I feel safe now the bullying has stopped",
        "Some kids call me names at lunch and the teachers dont see",
        "The SENCo really understands my daughter",
        "Staff need more training in autism, they think he is being naughty",
        "He was on a part time timetable for months and nobody told us why",
    ],
    "I am active and involved": [
        "There are no clubs near me that take kids with my needs",
        "I love swimming club, the coach helps me",
        "The taxi to the youth club costs too much",
        "I dont have many friends outside school",
        "Short breaks saturday club is the best thing we have",
    ],
    "I am hopeful and prepared for the future": [
        "I want to go to college and learn to be a chef",
        "Nobody has talked to us about what happens at 16",
        "I am learning to get the bus on my own with travel training",
        "Worried about moving to adult services, it feels like a cliff edge",
        "My plan says preparing for adulthood but nothing has happened",
    ],
    "Those that care for me are supported": [
        "I have had to repeat our story to every new professional",
        "The parent carer forum coffee mornings are a lifeline",
        "We need respite, I am exhausted",
        "Information on the Local Offer is hard to find and out of date",
        "Nobody tells you what support exists until you fight for it",
    ],
    # Bradford
    "I am loved and cared for by those around me and supported if and when I need it.": [
        "My family helps me every day",
        "My key worker at school is really kind",
        "I get help when I ask for it",
    ],
    "I feel supported and safe": [
        "I feel safe at home and at school",
        "Sometimes the corridors are scary when its busy",
        "I know I can go to the safe space",
    ],
    "I am confident and able to achieve my dreams": [
        "My EHCP doesnt really say what I want",
        "I want to work with animals and school is helping me find work experience",
        "My annual review was late again",
    ],
    "I am valued and accepted in society": [
        "People stare at me on the bus",
        "I like my youth group because everyone gets me",
        "The cinema has quiet screenings now which is great",
    ],
    "My voice is heard and I'm able to live my life to the fullest": [
        "I can't get into the shops in my wheelchair",
        "They asked me what I wanted in my plan",
        "I would like to choose my own activities",
    ],
    "I try to remain positive and stay healthy": [
        "I talk to my mum when I feel down",
        "I go swimming to keep healthy",
        "I don't know who to talk to when I'm sad",
    ],
}
