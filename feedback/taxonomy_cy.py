"""Welsh keywords for the default themes (feedback.taxonomy), by theme slug.

Matched like the English ones, against Welsh word forms (simplemma's Welsh lemmas). Welsh
mutates a word's first letter after some words ("poen", "ei phoen"), so common mutated forms are
listed beside the radical one. Signs as in English: "budr -" leans negative. Both languages'
keywords are matched against every response, so a word English shares ("staff", "ward") is left
to the English list: listed here too, it would give English text themes its own list leaves out.
"""

WELSH_KEYWORDS: dict[str, tuple[str, ...]] = {
    "staff-manner": (
        "caredig +", "garedig +", "cyfeillgar +", "gyfeillgar +", "gofalgar +", "ofalgar +",
        "cwrtais +", "gwrtais +", "anghwrtais -", "digywilydd -", "amyneddgar +", "hyfryd +",
        "nyrs*", "meddyg*", "feddyg*", "bydwrag*", "fydwrag*",
    ),
    "staffing": (
        "prinder staff -", "dim digon o staff -", "staff asiantaeth -", "gorweithio -",
        "rhy brysur -",
    ),
    "competence": (
        "proffesiynol +", "broffesiynol +", "medrus +", "gwybodus +", "hyfforddi*",
        "profiadol +",
    ),
    "listening": (
        "gwrando*", "wrando*", "deall", "ddeall", "anwybyddu -", "anwybyddwyd -",
    ),
    "information": (
        "gwybodaeth", "wybodaeth", "esbonio", "egluro", "eglurhad", "llythyr*",
        "diweddariad*", "neb wedi dweud -",
    ),
    "family-and-carers": (
        "teulu", "deulu", "gofalwr", "gofalwyr", "ymwelwyr", "ymweld",
    ),
    "contacting": (
        "ffôn", "ffonio", "galwad", "cysylltu", "gysylltu", "derbynfa", "dderbynfa",
    ),
    "appointments": (
        "apwyntiad*", "trefnu", "drefnu", "canslo -", "ganslo -", "archebu",
    ),
    "timeliness": (
        "aros -", "disgwyl -", "oedi -", "oediad*", "hwyr -", "amser aros -", "cyflym +",
        "gyflym +", "prydlon +", "ignore: ystafell aros",
    ),
    "medication": (
        "meddyginiaeth*", "feddyginiaeth*", "presgripsiwn*", "tabledi", "fferyll*",
        "pigiad*", "moddion", "foddion",
    ),
    "pain-management": (
        "poen*", "boen*", "phoen", "dolur*", "brifo -",
    ),
    "diagnosis": (
        "profion", "prawf", "sganiau", "pelydr-x",
    ),
    "referrals": (
        "atgyfeiri*", "meddyg teulu", "feddyg teulu", "parhad gofal",
    ),
    "discharge": (
        "rhyddhau", "ryddhau", "mynd adref", "mynd adre",
    ),
    "impact-of-treatment": (
        "triniaeth*", "driniaeth*", "thriniaeth*", "llawdriniaeth*", "gwella", "wella",
    ),
    "cleanliness": (
        "glân +", "lân +", "glanweithdra", "budr -", "fudr -", "brwnt -", "frwnt -",
        "haint", "heintiau", "toiledau",
    ),
    "environment": (
        "swnllyd -", "sŵn -", "oer -", "rhy boeth -", "cyfforddus +", "gyfforddus +",
        "anghyfforddus -", "gwely", "wely", "adeilad", "ystafell aros",
    ),
    "food-and-drink": (
        "bwyd", "fwyd", "prydau", "diod*", "paned", "coffi", "dŵr", "brecwast", "cinio",
        "swper", "newynog -", "sychedig -",
    ),
    "parking": (
        "parcio", "maes parcio", "lle parcio",
    ),
    "transport": (
        "bws", "trafnidiaeth", "tacsi", "ambiwlans", "teithio", "deithio",
    ),
    "organisation": (
        "trefnus +", "drefnus +", "anhrefnus -", "di-drefn -", "gwaith papur",
    ),
    "equality-diversity-inclusion": (
        "cymraeg", "iaith", "cyfieithydd", "anabl*", "cadair olwyn", "gadair olwyn",
        "gwahaniaethu -", "cydraddoldeb",
    ),
    "feeling-safe": (
        "diogel +", "ddiogel +", "anniogel -", "ofnus -",
    ),
    "privacy-and-confidentiality": (
        "preifatrwydd", "breifatrwydd", "preifat", "breifat", "cyfrinachol*", "gyfrinachol*",
        "llen*",
    ),
}  # fmt: skip
