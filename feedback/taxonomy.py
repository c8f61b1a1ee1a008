"""The default theme taxonomy, aligned with the Patient Experience Qualitative Data Categorisation
(QDC) framework that NHS England funded and the pxtextmining project classifies by.

Source: the framework's version 6 sub-categories and their major categories, as listed in
pxtextmining's `params.py` (The Strategy Unit, pxtextmining 0.5.4, "v6 20230806") and described at
the-strategy-unit.github.io/PatientExperience-QDC/framework. Most themes are one sub-category;
where two are hard to tell apart by wording they are one theme here, and the name says so.
Left out, because words alone cannot find them reliably: "Labelling not possible", "Not assigned",
"Positive experience & gratitude", "Negative experience & dissatisfaction" (FFT answers and
sentiment already say these), "Funding & use of financial resources", "Mental Health Act",
"Patient appearance & grooming", "Activities & access to fresh air", "Electronic entertainment",
"Patient records", "Care plans", "Admission", "Provision of medical equipment". One theme is not in
the framework and kept from the earlier taxonomy: "Privacy & confidentiality".

Keyword lines (administrators edit them in the admin): a word matches its other forms ("wait"
matches "waited"); "stem*" matches any word starting with it; "word +" or "word -" says which way
the word leans when its sentence says nothing either way; "ignore: phrase" stops a phrase from
counting ("waiting room" is not a wait).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ThemeSpec:
    """One default theme: its name, slug, framework major category and keyword lines."""

    name: str
    slug: str
    category: str
    keywords: tuple[str, ...]


STAFF = "Staff"
COMMUNICATION = "Communication & involvement"
ACCESS = "Access to medical care & support"
MEDICATION = "Medication"
JOURNEY = "Patient journey & service coordination"
ENVIRONMENT = "Environment & equipment"
FOOD = "Food & diet"
LOCATION = "Service location, travel & transport"
GENERAL = "General"
TBC = "Category TBC"
LOCAL = "Local addition (not in the framework)"

# Who a comment about staff names: used in "word ~ who" lines (both in one clause).
PEOPLE = (
    "staff|nurse*|midwi*|doctor*|dr|gp|gps|team|receptionist*|reception|consultant*|"
    "surgeon*|pharmacist*|everyone|everybody|physio*|therapist*|worker|coordinator|"
    "paramedic*|crew|assistant*|porter*|volunteer*|people|student|anaesthetist*|"
    "psychiatrist*|health visitor*|carers|sister|matron|he|she|they|man|woman|lady"
)
PRAISE = "lovely|amazing|brilliant|fab|fantastic|wonderful|excellent|great|helpful|helpfull|superb"
FAULT = "unhelpful|horrible|awful|terrible|useless|nasty|arrogant|cold|abrupt"

DEFAULT_THEMES: tuple[ThemeSpec, ...] = (
    ThemeSpec("Staff manner & personal attributes", "staff-manner", STAFF, (
        "rude -", "rudely -", "rudeness -", "kind +", "kindness +", "unkind -", "friendly +",
        "frendly +", "unfriendly -", "caring +", "uncaring -", "compassion* +", "polite +",
        "impolite -", "courteous +", "dismissive -", "patronising -", "patronizing -",
        "condescending -", "attitude", "angels +", "gentle +", "supportive +", "cheerful +",
        "welcoming +", "respect +", "respectful +", "disrespect* -", "dignity +", "judged -",
        "judgemental -", "non judgemental +", "at ease +", "made me feel", "nuisance -",
        "wasting their time -", "rolled her eyes -", "rolled his eyes -", "empath* +",
        "nothing was too much trouble +", "nothing is too much trouble +", "shrugged -",
        "barely spoke -", "told off -", "feel stupid -", "treated like",
        f"{PRAISE} ~ {PEOPLE} +", f"{FAULT} ~ {PEOPLE} -", "calm ~ " + PEOPLE + " +",
        "warm +", "reassuring +", "reassured me +", "encouraging +", "smile +", "smiling +",
        "sighed -", "snappy -", "snapped -", "sarcastic -", "hostile -", "thoughtful +",
        "considerate +", "sympathetic +", "unsympathetic -", "approachable +", "unapproachable -",
        "attentive +", "inattentive -", "like a person +", "like a number -",
        "couldn't care less -", "bedside manner",
        f"grumpy|miserable|impatient|short with me ~ {PEOPLE} -",
        f"fabulous|outstanding|marvellous|incredible|stars|superstars|heroes ~ {PEOPLE} +",
        "patience +", "tenderness +", "took the time +", "took time to +", "talk to us properly +",
        "talked to me properly +", "never judged +",
    )),
    ThemeSpec("Number & deployment of staff", "staffing", STAFF, (
        "understaffed -", "short staffed -", "short-staffed -", "short of staff -",
        "short of doctors -", "short of nurses -", "not enough staff -", "enough staff",
        "enough nurses", "enough doctors", "enough midwives", "enough therapists",
        "agency nurse* -", "agency staff -", "overworked -", "stretched -",
        "run off their feet -", "too busy -", "no cover -", "staffing",
        "only one|one|two ~ serving|working|on the counter|nurses for|midwife for -",
        "short of midwives -", "skeleton staff -", "staff shortage* -", "shortage of -",
        "understaffing -", "one nurse|one midwife|one doctor ~ patients|women|beds -",
        "only two|only one ~ midwives|nurses|doctors|staff|nurse|midwife|doctor -",
        "weren't enough of them -", "run ragged -",
    )),
    ThemeSpec("Competence & training", "competence", STAFF, (
        "competent +", "incompetent -", "knowledgeable +", "knowledgable +", "professional* +",
        "unprofessional -", "thorough +", "experienced +", "inexperienced -", "skilled +",
        "skilful +", "unskilled -", "knew what they were doing +", "knew exactly what +",
        "know what they were doing", "know what he was doing", "know what she was doing",
        "knew her stuff +", "knew his stuff +", "trained", "training", "missed my fracture -",
        "expert +", "expertise +", "clueless -", "knew her job +", "knew his job +",
        "knew what to do +", "careless -", "qualified", "well trained +", "badly trained -",
        "noticed +", "spotted +", "knew straight away +",
    )),
    ThemeSpec("Staff listening, understanding & involving patients", "listening", COMMUNICATION, (
        "listen* +", "felt heard +", "understanding +", "involv* +", "decision*",
        "dismissed me -", "dismissed my -", "brushed off -", "my wishes", "what mattered",
        "birth plan", "as if i wasn't there -", "in control +", "agreed a plan +",
        "took|take|taken|taking ~ seriously +", "ignore: involved me as his carer",
        "heard +", "not heard -", "my concerns", "concerns", "made up his mind -",
        "made up her mind -", "my views", "my opinion", "asked what i wanted +", "asked me what +",
        "interested -", "respected my choice +", "my choice", "choices about", "supported me +",
        "said something was wrong",
        "asked how i was +", "coping", "kept saying -", "wasn't listened to -", "listened to me +",
    )),
    ThemeSpec("Information & being kept informed", "information", COMMUNICATION, (
        "explain* +", "explanation* +", "kept informed +", "kept me informed +",
        "kept me updated +", "kept updated +", "updated", "update*", "inform*",
        "nobody told -", "no one told -", "never told -", "didn't tell -", "without telling",
        "nobody could tell -", "nobody can tell -", "leaflet*", "jargon -", "plain english +",
        "what was happening", "what was going on", "what was wrong", "what to expect",
        "what to look out for", "who to contact", "no idea", "reminder* +", "where to go",
        "understanding what", "ignore: informed decision",
        "unclear -", "clear information +", "explained clearly +", "confusing information -",
        "conflicting -", "mixed messages -",
        "something different -", "in the dark -", "no information -", "written information",
        "diagram", "showed me", "what would happen", "step by step", "talked me through +",
        "said why", "told us everything +", "nobody said -", "don't know what -",
        "still don't know -", "everything we needed to know +",
    )),
    ThemeSpec("Interaction with family & carers", "family-and-carers", COMMUNICATION, (
        "visiting", "visitors", "as his mum", "as her mum", "as her daughter", "as his daughter",
        "as his son", "as her son", "as his carer", "as her carer", "as his wife", "as her husband",
        "stay with me", "stay with my", "stay overnight", "other children", "looked after me too",
        "partner|husband|wife|family|relatives|mum|dad|children ~ allowed|stay|stayed|staying|"
        "involv*|updated|sleep|visit*|meeting|eat|showed",
        "partner|husband|wife ~ sent home -",
        "next of kin",
        "daughter|son|nan|grandad|grandma|partner|husband|wife|mum|dad ~ "
        "phoned|phone|rang|meet|bed|update|informed",
        "birth partner",
    )),
    ThemeSpec("Contacting services", "contacting", ACCESS, (
        "phone line*", "get through", "got through", "getting through", "on hold -",
        "on the phone", "ringing at 8", "ring at 8", "8am", "rings and rings -", "rang out -",
        "answer the phone", "answers the phone", "nobody answered -", "nobody ever answers -",
        "nobody picked up -", "call back", "calls back", "crisis line", "left messages",
        "get hold of", "cuts you off -", "switchboard", "engaged tone -",
        "redial*", "duty line", "engaged -", "voicemail", "phoned me +", "email*", "online form",
        "no answer -", "ring back", "call the surgery", "phone lines",
        "the phones", "phones are", "emailed", "replied +",
    )),
    ThemeSpec("Appointment arrangements", "appointments", ACCESS, (
        "appointment*", "apointment*", "book", "booked", "booking", "slot*", "cancel* -",
        "rebook*", "reschedul*", "same day", "face to face", "video call", "phone call",
        "ignore: follow up appointment", "ignore: appointment time", "ignore: my appointment time",
        "ignore: antenatal appointment", "ignore: was late for my appointment",
        "postponed -", "rearranged", "availability", "time window", "no slots -",
        "has been moved -", "been moved -",
        "fitted me in +", "same week +", "school run",
    )),
    ThemeSpec("Timeliness of care", "timeliness", ACCESS, (
        "wait* -", "wating -", "waitng -", "kept waiting -", "delay* -", "queue* -",
        "quick* +", "prompt* +", "seen straight away +", "went straight in +", "on time +",
        "took ages -", "waited ages -", "slow -", "seen within +", "in and out +", "short wait +",
        "long wait -", "waiting list* -", "running ~ late|behind -", "took|take ~ hours -",
        "ignore: waiting room", "ignore: waiting area", "ignore: wait outside",
        "ignore: wait in all day", "ignore: queue of people", "ignore: on hold",
        "ignore: quick referral", "ignore: waiting to hear", "ignore: quick and painless",
        "ignore: while you wait",
        "took too long -", "waited over -", "in a queue -",
        "no delay +", "within minutes +", "within an hour +",
        "behind schedule -",

        "sat there for -", "seen within +", "served straight away +", "seen straight away +",
    )),
    ThemeSpec("Supplying & understanding medication", "medication", MEDICATION, (
        "medic*", "meds", "prescri*", "perscri*", "tablet*", "pill*", "dose*", "dosage",
        "drug*", "inhaler*", "insulin", "antibiotic*", "repeat", "dosette", "out of stock -",
        "side effects", "injection*", "chemist", "ignore: pain medication",
        "ignore: medical", "ignore: medication for my mental health",
        "take home medicine*", "contraception", "contraceptive*", "strength",
    )),
    ThemeSpec("Pain management", "pain-management", MEDICATION, (
        "pain relief", "painkiller*", "pain killer*", "pain medication", "in pain -",
        "in so much pain -", "in a lot of pain -", "agony -", "epidural*", "gas and air",
        "morphine", "pain team", "pain under control +", "pain free +", "back pain",
        "ignore: without pain", "ignore: painful ever since", "ignore: being a pain",
        "pain control", "pain management", "paracetamol", "codeine", "ibuprofen", "anaesthetic",
        "pain ~ relief|control|killers|medication|managed",
    )),
    ThemeSpec("Diagnosis & triage", "diagnosis", JOURNEY, (
        "diagnos*", "misdiagnos* -", "scan*", "x-ray*", "xray*", "mri", "ct", "blood test*",
        "test results", "tests", "results of my", "triage", "caught early +", "spotted",
        "sprain", "fracture", "ignore: triage nurse", "ignore: triage wait", "ignore: smear test",
        "ignore: fracture clinic",
        "ecg", "ultrasound", "biopsy", "assessment", "investigation*", "found the cause +",
        "found what was", "check-up", "checks",
        "caught it +",
    )),
    ThemeSpec("Referrals & continuity of care", "referrals", JOURNEY, (
        "referr*", "refer", "follow up", "follow-up", "followed up", "followed it up",
        "same doctor", "same midwife", "same nurse", "different midwife -",
        "different doctor -", "different locum -", "different care coordinator*",
        "different nurse -", "passed around -", "pillar to post -", "joined up +",
        "my gp", "health visitor", "consistency", "continuity", "fracture clinic",
        "start again -", "handover", "ignore: my gp said", "ignore: trip to the gp",
        "bounced -", "passed between -", "took responsibility", "talking to each other +",
        "communication between", "transferred", "handed over", "specialist",
        "tell my story -", "again and again -", "share notes +", "everyone knows",
    )),
    ThemeSpec("Discharge", "discharge", JOURNEY, (
        "discharg*", "sent home", "going home", "care package",
        "left hospital", "home the same day",
    )),
    ThemeSpec("Impact of treatment & care", "impact-of-treatment", JOURNEY, (
        "saved my life +", "saved his life +", "saved her life +", "owe them my life +",
        "husbands life +", "husband's life +", "alive because +", "changed my life +",
        "made a difference +", "massive difference +", "feel much better +",
        "feel so much better +", "feeling better +", "better place +", "walking again +",
        "walk without pain +", "pain free +", "complete success +", "helped my +", "helped me +",
        "really helped +", "did nothing -", "remission +", "healthy +", "back at work +",
        "painful ever since -", "new hip", "new knee", "side effects have gone +", "recover* +",
        "ignore: really helped my son", "ignore: really helped my dad",
        "life back +", "hear again +", "see again +", "made such a difference +",
        "worse than before -", "no better -",
        "improved +", "improvement +", "cured +", "better now +", "transformed +",
        "feel better +",
        "back to normal +", "healed +", "tools to",
    )),
    ThemeSpec("Cleanliness, tidiness & infection control", "cleanliness", ENVIRONMENT, (
        "clean* +", "spotless +", "dirty -", "filthy -", "disgusting -", "disgustin -",
        "hygien*", "washed their hands", "wash their hands", "hand gel", "dust* -", "stained -",
        "smelt -", "smelly -", "tidy +", "untidy -", "blood on the floor -", "overflowing -",
        "gloves", "infection", "bins", "not emptied -", "ignore: cleans up",
        "sticky -", "grubby -", "mess -", "messy -", "wash|washed|washing ~ hands", "gel",
        "used ~ left|bin -",
    )),
    ThemeSpec("Environment & facilities", "environment", ENVIRONMENT, (
        "waiting area", "waiting room is", "chairs", "chair", "seating", "nowhere to sit -",
        "cramped -", "noise -", "noisy -", "too loud -", "buzzers", "lights on", "too hot -",
        "so hot -", "freezing -", "side room", "birth centre", "building", "signs", "signage",
        "maze -", "comfortable +", "uncomfortable -", "bed was", "trolley", "corridor", "garden",
        "depressing -", "toys", "the lift", "pushchair", "view", "magazines", "blanket",
        "nowhere to sleep", "shower*", "bathroom*", "toilet*", "the shop",
        "quiet|bright|calm ~ room|rooms|area|ward|building|centre +",
        "ignore: quiet room", "ignore: nowhere quieter", "ignore: clean and tidy",
        "windows", "so loud -", "very loud -", "temperature", "boiling -", "tv", "telly",
        "decor", "furniture",
        "facilities", "cold ~ ward|room|area|waiting|building -",
        "broken ~ blind|door|chair|bed|toilet|lift|window|heating -", "cosy +", "clinical",
        "portacabin", "leak* -", "crying babies", "couldn't sleep -", "no chance of rest -",
    )),
    ThemeSpec("Food & drink provision & facilities", "food-and-drink", FOOD, (
        "food", "meal*", "drink*", "tea", "toast", "biscuits", "sandwich*", "water",
        "vending machine", "cafe", "menu", "hungry -", "thirsty -", "dehydrated -",
        "vegetarian", "vegan", "halal", "kosher", "diet", "fasting", "nil by mouth",
        "inedible -", "cold|inedible|awful|horrible|disgusting|tasteless ~ food|meal*|dinner|"
        "lunch|breakfast|toast -", "ignore: water and magazines",
        "ignore: birth centre with a pool",
        "snack*", "cuppa", "offered a drink", "cup of tea",
    )),
    ThemeSpec("Parking", "parking", LOCATION, (
        "parking", "park", "parked", "car park*", "parking space*", "pay and display",
        "ignore: parkinson*", "ignore: park and ride",
    )),
    ThemeSpec("Transport & service location", "transport", LOCATION, (
        "transport", "bus", "buses", "taxi*", "shuttle", "miles away -", "across town -",
        "other side of town -", "near me +", "close to home +", "get there",
        "no way of getting home -", "travel*", "city centre", "ignore: taxi dropped",
        "driver", "lift home", "way home", "no way home -", "ambulance home",
    )),
    ThemeSpec("Organisation & efficiency", "organisation", GENERAL, (
        "organised +", "disorganised -", "efficient +", "inefficient -", "well run +",
        "clockwork +", "shambles -", "shambolic -", "chaos -", "chaotic -", "lost my -",
        "went missing -", "mix up -", "mix-up -", "right hand -", "wasn't on the list -",
        "nobody knew -", "nobody seemed to know -", "no one knew -", "smooth +",
        "moved three times -",
        "someone else's -", "asked for my details -", "notes weren't there -", "admin -",
        "paperwork -",
        "lost the -", "wrong date -", "double booked -", "kiosk", "smoothly +", "ran smoothly +",
        "well planned +", "messed up -", "mistake* -", "muddle -", "confusion -",
        "on the system", "wasted trip -", "different letters -", "different dates -",
    )),
    ThemeSpec("Equality, diversity & inclusion", "equality-diversity-inclusion", TBC, (
        "interpreter*", "translat*", "wheelchair*", "ramp", "disab*", "reasonable adjustment*",
        "autis*", "bsl", "sign language", "deaf", "hearing loop", "easy read", "large print",
        "step free", "discriminat* -", "racis* -", "my race", "because of my age",
        "memory problems", "dementia", "bariatric", "hoist", "in polish", "pictures",
        "accessible", "ignore: wheelchair service only",
        "written notes", "stairs", "braille", "visually impaired",
        "partially sighted", "hearing impaired", "language", "english isn't", "wheelchair user",

        "speaks|speak|spoke|in ~ urdu|polish|punjabi|welsh|arabic|romanian|bengali|somali|"
        "gujarati|portuguese|lithuanian|cantonese +",
    )),
    ThemeSpec("Feeling safe", "feeling-safe", TBC, (
        "safe +", "unsafe -", "safe hands +", "security", "aggressive -", "at risk -",
        "nearly fell -", "had a fall -", "watching out for +",
        "safer +", "frightened -", "scared -", "vulnerable -", "threatening -", "protected +",
    )),
    ThemeSpec("Privacy & confidentiality", "privacy-and-confidentiality", LOCAL, (
        "privacy", "private", "confidential*", "overheard -", "could hear -", "curtain*",
        "in front of -", "personal questions -", "shouted my -", "could see me -",
        "without asking me -", "ignore: because of confidentiality",
        "discreet +", "overhear*", "consultation room",
        "notes open -", "on the screen", "heard what -", "everyone in the queue -",
    )),
)  # fmt: skip

# The taxonomy before the framework (migration 0003's demo themes): each old slug's theme keeps
# its row, tags and counts under its new name. "dignity-and-respect" has no theme of its own in
# the framework (dignity is part of staff manner): it is kept, inactive, with its past tags.
OLD_SLUGS = {
    "staff-attitude": "staff-manner",
    "communication": "information",
    "waiting-times": "timeliness",
    "access-and-appointments": "appointments",
    "environment-and-cleanliness": "environment",
    "food-and-drink": "food-and-drink",
    "pain-and-symptom-management": "pain-management",
    "discharge-and-transfers": "discharge",
    "parking-and-transport": "parking",
    "medication": "medication",
    "privacy-and-confidentiality": "privacy-and-confidentiality",
    "treatment-and-care": "impact-of-treatment",
    "clinical-staffing": "staffing",
    "accessibility": "equality-diversity-inclusion",
}
RETIRED_SLUGS = ("dignity-and-respect",)
