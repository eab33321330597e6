"""Word lists the rules read. General English reporting vocabulary only: no names, places or parties."""

# Verbs that introduce what someone said, claimed, wrote or believes (PolNeAR counts beliefs and intentions too).
REPORTING_VERBS = frozenset("""
say tell claim allege deny suggest predict accuse boast write counter signal confirm add state announce report
insist warn acknowledge admit concede argue assert declare note explain reply respond stress emphasize emphasise
maintain believe think estimate promise vow threaten urge describe dismiss post tweet reveal indicate ask repeat
reiterate mention brag complain contend recall observe conclude forecast expect hope fear predict charge testify
speculate agree disagree caution acknowledge assure inform notify remark comment quip joke lament concede allege
pledge demand propose recommend advise claim boast announce proclaim dispute question doubt suspect guess figure
""".split())

# Verbs whose noun object can be the content: "claimed victory", "denied the reports", "confirmed the capture".
NOMINAL_CONTENT_VERBS = frozenset("""
claim deny confirm announce report acknowledge admit predict reject dismiss dispute boast concede reveal promise
""".split())

# Nouns that take up the claim just told: "X claimed C, a claim the army dismissed as propaganda", "X said it
# killed 40, a figure the group rejected".
RESUMING_NOUNS = frozenset("""
claim charge accusation allegation assertion account version assessment figure toll tally estimate count
""".split())

# Verbs that take a noun object but are not speech on their own ("told reporters" needs a clause or quote).
NEEDS_CLAUSE = frozenset({"tell", "ask", "inform", "notify", "assure", "urge", "advise", "add"})

# Medium of a speech act, matched on lower-cased lemmas near the cue.
CHANNELS = {
    "telegram": "telegram",
    "video": "video",
    "statement": "statement",
    "communique": "statement",
    "release": "statement",
    "interview": "interview",
    "twitter": "social media",
    "x": "social media",
    "facebook": "social media",
    "instagram": "social media",
    "tiktok": "social media",
    "tweet": "social media",
    "post": "social media",
    "television": "tv",
    "tv": "tv",
    "broadcast": "tv",
    "radio": "radio",
    "conference": "press conference",
    "briefing": "press conference",
    "reporters": "press",
    "journalists": "press",
    "podcast": "podcast",
    "blog": "blog",
    "letter": "letter",
    "speech": "speech",
    "address": "speech",
}
MULTIWORD_CHANNELS = {("social", "media"): "social media", ("press", "conference"): "press conference",
                      ("news", "conference"): "press conference", ("state", "television"): "tv"}

# Nouns that mark a source as a relaying outlet rather than the speaker: "according to a Pravda report".
MEDIA_NOUNS = frozenset("""
report reports agency newspaper paper outlet broadcaster channel tv television radio network daily weekly
magazine journal wire service station website news
""".split())

# Role nouns that let "the X chief" or "a spokesperson" stand for a person.
PERSON_ROLES = frozenset("""
chief leader head boss commander spokesman spokeswoman spokesperson minister president prime premier general
colonel major captain lieutenant sergeant officer official envoy ambassador diplomat secretary governor mayor
founder director chairman chairwoman chair adviser advisor aide analyst expert researcher fellow professor
correspondent reporter journalist editor deputy lawmaker senator legislator mp mufti cleric monk priest bishop
president king queen emir sheikh prince negotiator representative delegate administrator soldier fighter admiral
brigadier marshal commodore blogger commentator coordinator rapporteur commissioner prosecutor investigator mediator
coronel comandante capitán capitan teniente sargento commandant capitaine
""".split())  # (the last line: ranks that translated copy leaves in Spanish or French, "el coronel X")
# Who speaks in a transcript's turns besides named people: "Q:", "HOST:", "REPORTER:".
TURN_ROLES = frozenset({"q", "a", "host", "guest", "moderator", "interviewer", "anchor", "caller", "audience",
                        "questioner", "participant", "speaker", "voice", "witness", "resident", "journalists",
                        "reporter", "reporters", "question", "answer"})
ROLE_SYNONYMS = [
    {"chief", "leader", "head", "boss", "founder", "chairman", "chairwoman", "chair", "director"},
    {"spokesman", "spokeswoman", "spokesperson", "representative"},
    {"commander", "general", "colonel", "major", "captain", "lieutenant", "coronel", "comandante", "capitán",
     "capitan", "teniente", "commandant", "capitaine"},
]
ANALYST_WORDS = frozenset("""
analyst analysts expert experts think tank institute university researcher researchers professor fellow
observer observers monitor monitors scholar academic consultancy specialist specialists
""".split())
# Words that make a run of capitalised names an organisation's name, not a person's ("Human Rights Watch" is
# often left untyped by the entity tagger, and then reads like a first name and a surname).
ORG_NAME_WORDS = frozenset("""
watch rights international amnesty lab laboratory observatory foundation committee commission organization
organisation association society union coalition network centre center project initiative alliance agency
federation fund crescent institute university council
""".split())
GROUP_WORDS = frozenset("""
officials sources commanders analysts experts residents witnesses people observers diplomats soldiers fighters
""".split())
ARMED_GROUP_WORDS = frozenset("""
group militia brigade regiment battalion army forces force front movement rebels rebel guard guards legion
division corps unit units company mercenaries paramilitary paramilitaries militants insurgents cartel gang gangs
""".split())
# Adjectives that describe forces without naming a party: "Western forces", "jihadist fighters".
GENERIC_FORCE_ADJECTIVES = frozenset({"western", "allied", "coalition", "foreign", "international", "special",
                                      "federal", "national", "islamist", "jihadist", "militant", "armed", "rebel"})
# Words that say what kind of body a group is without naming it: "Fano militia" and "Fano" are one group.
GENERIC_GROUP_WORDS = frozenset("""
militia militias group movement militants fighters rebels insurgents gunmen militiamen guerrillas jihadists
""".split())
UNIT_WORDS = frozenset("brigade regiment battalion division corps unit company squadron platoon battlegroup".split())
GOVERNMENT_WORDS = frozenset("""
ministry government kremlin presidency cabinet office council parliament administration department state
embassy junta police gendarmerie
""".split())
MILITARY_WORDS = frozenset("army military navy forces command staff troops air force".split())
# The Arabic article as names spell it before a hyphen ("al-Nusra", "ash-Sham"), assimilated or not
ARABIC_ARTICLES = ("al", "el", "ad", "an", "as", "ash", "at", "ar")
# "the Houthi-run health ministry", "the Saudi-led coalition": the verb after the hyphen says who runs the body
RUNNING_VERBS = frozenset({"run", "control", "lead", "administer"})

# Seats of power used as metonyms for a state ("the Kremlin said"). General knowledge, not per-conflict data.
SEAT_METONYMS = {
    "kremlin": "Russia", "white house": "United States", "pentagon": "United States",
    "state department": "United States", "downing street": "United Kingdom", "whitehall": "United Kingdom",
    "elysee": "France", "élysée": "France", "quai d'orsay": "France", "zhongnanhai": "China",
    "bankova": "Ukraine", "knesset": "Israel", "blue house": "South Korea",
}
