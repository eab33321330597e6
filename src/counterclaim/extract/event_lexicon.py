"""Words that signal events on the ground. General military English only: no names, places or parties."""

# Verb lemma -> event type. Verbs that need a particular object or particle are decided in events._verb_type.
VERB_EVENTS = {
    "advance": "advance", "progress": "advance", "enter": "advance", "regain": "advance",
    "counterattack": "counterattack", "counter-attack": "counterattack",
    "capture": "capture", "recapture": "capture", "retake": "capture", "seize": "capture", "liberate": "capture",
    "occupy": "capture", "overrun": "capture", "conquer": "capture", "control": "capture",
    "withdraw": "withdrawal", "retreat": "withdrawal", "flee": "withdrawal",
    "regroup": "withdrawal", "reposition": "withdrawal", "evacuate": "withdrawal",
    "attack": "attack", "assault": "attack", "storm": "attack", "strike": "attack", "raid": "attack",
    "bomb": "attack", "target": "attack", "ambush": "attack",
    "shell": "shelling", "bombard": "shelling",
    "defeat": "defeat", "destroy": "defeat", "repel": "defeat", "rout": "defeat", "repulse": "defeat",
    "crush": "defeat",
    "kill": "casualties", "wound": "casualties", "injure": "casualties", "die": "casualties",
    "encircle": "encirclement", "surround": "encirclement", "besiege": "encirclement",
    "blockade": "encirclement",
    "replace": "replacement",
}
# Noun lemma -> event type.
NOUN_EVENTS = {
    "advance": "advance", "breakthrough": "advance", "push": "advance", "incursion": "advance",
    "counterattack": "counterattack", "counter-attack": "counterattack", "counteroffensive": "counterattack",
    "counter-offensive": "counterattack",
    "capture": "capture", "recapture": "capture", "liberation": "capture", "seizure": "capture",
    "takeover": "capture", "occupation": "capture",
    "withdrawal": "withdrawal", "retreat": "withdrawal", "pullback": "withdrawal", "flight": "withdrawal",
    "repositioning": "withdrawal",
    "attack": "attack", "assault": "attack", "offensive": "attack", "strike": "attack", "airstrike": "attack",
    "raid": "attack", "ambush": "attack",
    "shelling": "shelling", "bombardment": "shelling", "shell": "shelling",
    "encirclement": "encirclement", "siege": "encirclement",
    "casualty": "casualties", "loss": "casualties", "corpse": "casualties", "killing": "casualties",
    "toll": "casualties",
    "replacement": "replacement",
}
# Nouns that only name an event when something pins them to the war ("the flight of the brigade", "500 corpses").
NOUNS_NEEDING_ARGUMENT = {"flight", "loss", "push", "shell", "strike", "occupation", "corpse", "casualty", "killing",
                          "toll"}

# Hardware: destroying it is a strike on the other side's means, not a defeat that moves the front.
EQUIPMENT_NOUNS = {"drone", "drones", "tank", "tanks", "vehicle", "vehicles", "missile", "missiles", "rocket",
                   "rockets", "aircraft", "jet", "jets", "helicopter", "helicopters", "plane", "planes", "launcher",
                   "launchers", "depot", "depots", "equipment", "weapon", "weapons", "ammunition", "radar", "ship",
                   "boat", "boats", "warship", "howitzer", "howitzers", "system", "systems"}
# What warns of an attack: "air raid sirens", "a missile alert" are no raid or missile strike
WARNING_NOUNS = {"siren", "sirens", "alert", "alerts", "warning", "warnings", "alarm", "alarms", "shelter", "shelters",
                 "drill", "drills"}
# Works and strongholds: destroying them is a strike too ("destroyed two artillery positions", "destroyed three
# camps"); destroying a unit or a force is a defeat.
STRUCTURE_NOUNS = {"position", "positions", "bunker", "bunkers", "post", "posts", "outpost", "outposts", "checkpoint",
                   "checkpoints", "emplacement", "emplacements", "building", "buildings", "base", "bases", "camp",
                   "camps", "hideout", "hideouts", "headquarters", "bridge", "bridges", "nest", "nests", "depot",
                   "depots", "warehouse", "warehouses", "trench", "trenches", "tunnel", "tunnels", "facility",
                   "facilities", "infrastructure"}
# What a capture verb can take that is no ground: "seized seven rifles", "captured 20 soldiers", "seized a tanker"
SEIZED_GOODS = (EQUIPMENT_NOUNS - {"depot", "depots", "system", "systems"}) | {
    "rifle", "gun", "arms", "ammunition", "ammo", "cargo", "supply", "supplies", "document", "phone", "vessel",
    "tanker", "ship", "hostage", "prisoner", "soldier", "fighter", "civilian", "man", "crew", "sailor",
    "journalist", "passport", "money", "cash", "fuel", "grain", "aid", "trophy", "weapon", "munition",
    "power"}  # "the junta, which seized power in 2022": a coup, no ground
# Objects that make "take", "gain", "lose", "leave", "hold" military: "took the heights", "lost ground".
GROUND_NOUNS = {"ground", "territory", "position", "positions", "foothold", "initiative", "terrain", "area",
                "line", "lines", "flank", "flanks", "height", "heights", "hill", "hills", "ridge", "trench",
                "trenches", "bridgehead", "stronghold", "village", "villages"}
SETTLEMENT_NOUNS = {"town", "city", "village", "garrison", "base", "airport", "airbase", "port", "bridge",
                    "camp", "headquarters", "outpost", "checkpoint", "settlement", "district", "neighbourhood",
                    "neighborhood", "control", "capital", "building", "buildings"}
FORCE_WORDS = {"army", "forces", "force", "troops", "troop", "soldiers", "soldier", "military", "units", "unit",
               "brigade", "battalion", "regiment", "division", "fighters", "fighter", "defenders", "defender",
               "men", "infantry", "artillery", "militia", "rebels", "rebel", "mercenaries", "paramilitaries",
               "convoy", "column", "garrison", "aircraft", "jets", "drones", "navy", "air", "terrorists",
               "insurgents", "gunmen", "militants", "ministry", "command", "commanders", "positions", "police",
               "elements",  # "the army elements": translated Arabic copy's word for fighters
               "policemen", "officers", "servicemen", "serviceman", "personnel", "sailors", "marines", "pilots",
               "guard", "guards", "guardsmen", "patrol", "patrols"}
ENEMY_WORDS = {"enemy", "adversary", "occupier", "occupiers", "invader", "invaders", "foe", "opponent"}
STATE_WORDS = {"army", "military", "troops", "soldiers", "government", "forces", "air force", "aircraft",
               "garrison", "navy", "jets"}
GROUP_WORDS = {"militia", "militias", "rebels", "rebel", "terrorists", "insurgents", "mercenaries",
               "paramilitaries", "paramilitary", "gunmen", "militants", "jihadists", "bandits", "mujahideen",
               "gangs", "gang", "attackers", "assailants", "raiders",
               # adjectives that make any fighters a non-state group's: "jihadist fighters", "Islamist gunmen"
               "jihadist", "islamist", "militant", "insurgent", "separatist", "extremist", "resistance",
               "opposition", "dissident", "dissidents"}
# Victims who are no side's forces: their deaths are nobody's loss of men.
CIVILIAN_WORDS = {"civilian", "civilians", "people", "residents", "children", "women", "villagers", "bystanders",
                  "passengers", "patients", "worshippers", "worshipers", "students", "refugees", "families",
                  "journalists", "aid workers", "medics", "farmers",
                  "peacekeepers", "peacekeeper", "monitors", "observers"}  # a neutral mission's are no side's either
SELF_WORDS = {"we", "us", "our", "ours", "my"}

# Verbs that continue a fight or a hold rather than change control: the claims that deny a capture.
FIGHT_NOUNS = {"battle", "battles", "fighting", "fight", "fights", "clash", "clashes", "combat", "hostilities"}
CONTINUE_VERBS = {"continue", "rage", "go", "persist", "resume"}

# Cue lemmas of accusations: "accused X of shelling" makes X the actor; own losses told in one are no admission.
ACCUSING = {"accuse", "blame", "charge"}
# Cue lemmas that set the modality of what they introduce.
DENYING_CUES = {"deny", "reject", "dismiss", "refute", "dispute"}
PREDICTING_CUES = {"predict", "vow", "promise", "threaten", "forecast", "pledge"}
HEDGING_CUES = {"suggest", "believe", "think", "hint", "speculate", "estimate", "guess", "fear"}
PREDICTING_HEADS = {"plan", "intend", "aim", "prepare", "threaten", "vow", "promise", "going", "about", "try",
                    "seek", "want", "hope"}
FAILING_HEADS = {"unable", "fail", "incapable"}
# A speaker who says it cannot tell whether something happened ("could not determine who controlled the base", "it
# is unclear whether the town fell") neither asserts nor denies it.
TELLING_VERBS = {"verify", "confirm", "corroborate", "check", "determine", "establish", "ascertain", "know", "say",
                 "tell", "assess", "judge", "prove"}
UNCERTAIN_WORDS = {"unclear", "uncertain", "unknown", "impossible", "unable", "not", "never", "n't", "no"}
HEDGING_AUX = {"may", "might", "could"}
PREDICTING_AUX = {"will", "shall", "'ll", "would", "wo"}

# Prepositions that put an event somewhere; compound ones are read as "<direction> of".
# "the X area", "the X direction": a name before these nouns is a place
AREA_NOUNS = {"area", "areas", "region", "district", "front", "direction", "axis", "sector", "outskirts",
              "suburbs", "countryside", "province", "municipality", "oblast", "governorate", "state"}
PLACE_PREPS = {"in": "in", "at": "in", "inside": "in", "within": "in", "near": "near", "around": "near",
               "outside": "near", "by": "near", "from": "from", "to": "towards", "towards": "towards",
               "toward": "towards", "into": "in", "on": "on", "across": "in", "of": "in", "over": "over",
               "beyond": "near"}
DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
              "northern", "southern", "eastern", "western"}

# Independent evidence a claim can cite, matched on the claim's sentence.
EVIDENCE_PATTERN = (r"\b(?:geolocated|geo-located|satellite|drone|verified)\s+(?:images?|imagery|footage|videos?|"
                    r"photos?|photographs?|pictures)\b|\bgeolocated\b|\bsatellite (?:images?|imagery)\b|"
                    r"\b(?:video|footage|images|photos)\s+(?:shows?|showed|posted|filmed)\b"
                    r"|\b(?:video|footage|images|photos)\s+(?:verified|geolocated)\s+by\b")

# Nearest PLOVER type (the POLECAT ontology) for each event type; subtype overrides first. PLOVER has no
# personnel-change type, so a replacement gets none.
PLOVER = {"advance": "FIGHT", "withdrawal": "RETREAT", "capture": "SEIZE", "counterattack": "FIGHT",
          "attack": "FIGHT", "defeat": "FIGHT", "casualties": "FIGHT", "encirclement": "FIGHT",
          "shelling": "FIGHT", "fighting": "FIGHT", "holding": "FIGHT",
          "control": "SEIZE"}

# Words that call a claim false: "do not correspond to reality", "pure propaganda", "baseless".
DENIAL_PATTERN = (r"\b(?:baseless|groundless|propaganda|lies|lying|a lie|false|fake|untrue|not true|fabricat\w+|"
                  r"not correspond to reality|no truth|nonsense|fibbed|misinformation|disinformation|rumou?rs|"
                  r"taken out of context|old and filmed|figment|fantasy|fantasies|fiction|fairy tales?|"
                  r"exaggerated|overstated)\b")  # "the claim is likely exaggerated", not "reasons to exaggerate"
