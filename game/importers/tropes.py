"""A trope page saved as plain text -> a draft fact pack that plays as a who-is-it quiz at once.

Real pages differ: the list of tropes may follow "X provides examples of:", "Tropes in this show
include:", "Tropes related to X:" or nothing at all, and the site's furniture ("Follow TV Tropes",
"Go To", "Advertisement:", episode navigation, quotes) sits around and inside it. So the list is
found by its shape (bulleted "Trope Name: text" entries, nested bullets under them), and the
headings are only hints.

Characters are the capitalized names the page uses the way people are named: with a possessive,
as the subject of a verb, after "her brother", in a cast credit ("starring X as Y", "X (Y)"), in
a bare list of names. Everything else capitalized (episode titles in quotes, actors and makers
in the credits, languages, places after "in", things after "a"/"the", trope names) is left out,
and the draft says which names were considered and why each was refused, so the author can see
the cast and correct it (`--cast`). Each example is pinned on the character it is about (the
subject, the possessive); everyone else it names is kept as involved (`also`). Clues are the
page's own text with every character's names masked, which is why the pack is a draft.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from .. import schema
from ..models import Pack
from ..text import edit_distance, normalize
from .common import MAX_ID, Draft, InputError, Skip, curly_double_quotes, slug, typeset

TODO_DEFINITION = "TODO: define this trope in your own words"
MASK = "___"  # where the example's own character was named
OTHER = "someone"  # where another character was named
# The pack format's limits, read from its specs so a draft never holds what `check` refuses.
MAX_CLUE = schema.EXAMPLE.fields["clue"].spec.max_len
MAX_TROPE_NAME = schema.TROPE.fields["name"].spec.max_len
MIN_CLUE_WORDS = 3  # a clue with fewer words of its own than this says nothing

# --- the page's layout ----------------------------------------------------------------

_TITLE_LINE = re.compile(r"^\s*([A-Z][\w' ]*?)\s*/\s*(\S.*?)\s*$")
# Namespaces whose right-hand side is the work's title; "Show 1959 / Tropes Q to Z" keeps the left.
_NAMESPACES = {"series", "recap", "film", "literature", "anime", "manga", "westernanimation", "videogame",
               "comicbook", "webcomic", "theatre", "music", "franchise", "main", "characters", "audioplay",
               "radio", "podcast", "webanimation", "webvideo", "lightnovel", "visualnovel", "ymmv", "trivia"}
_BULLET = re.compile(r"^(\s*)(•+|[◦▪‣]+|[*\-]+(?=\s))\s*(.*)$")
_SUB_BULLETS = "◦▪‣"  # what some browsers mark nested bullets with when saving a page as text
_ENTRY = re.compile(r"^(.+?):(?:\s+|$)(.*)$", re.DOTALL)
_FURNITURE = re.compile(
    r"^(follow tv tropes|following|go to|advertisement:?|open/close all folders|top|main|more|"
    r"is there an issue\?.*|send a message.*|trailer here\.?|see also.*|recap:.*|aka:.*|"
    r"alternative title\(s\):.*|(season|series|book|volume|part)\s+\w+|[a-z]-[a-z])$", re.IGNORECASE)
# "ofnote :", "cheesy".note : the marker of a folded footnote, glued on when a page is saved as text.
_NOTE = re.compile(r"(?:(?<=[.!?\"”’)\]])|(?<=\bof))note(?=\s*:?\s*$)")
_DIALOGUE = re.compile(r"^([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):\s+\S")
_TROPE_HINT = re.compile(r"tropes?|provides examples|examples of|include", re.IGNORECASE)
_CAST_HINT = re.compile(r"\b(characters?|cast|starring)\b", re.IGNORECASE)
_QUOTE_OPEN = "\"“"


@dataclass
class Example:
    text: str
    line: int


@dataclass
class Entry:
    name: str
    line: int
    examples: list[Example] = field(default_factory=list)


@dataclass
class Page:
    title: str
    intro: list[str]  # prose outside the list of tropes: where cast lists and credits are
    cast: list[str]  # bullets under a "characters" heading
    entries: list[Entry]
    skipped: list[Skip]


def read_page(text: str, display: str) -> Page:
    lines = [_NOTE.sub("", line.rstrip()) for line in text.splitlines()]
    title, title_index = _title(lines, display)
    blocks, intro = _blocks(lines, title_index)
    cast = [body for kind, rows in blocks if kind == "cast" for _, _, body in rows]
    intro += [body for kind, rows in blocks if kind == "other" for _, _, body in rows]
    entries: list[Entry] = []
    skipped: list[Skip] = []
    for kind, rows in blocks:
        if kind == "tropes":
            found, lost = _entries(rows)
            entries += found
            skipped += lost
    if not entries and not skipped:
        raise InputError(display, "no list of tropes found (no bulleted \"Trope Name: text\" entries); "
                                  "is this a trope page saved as text?")
    return Page(title, intro, cast, entries, skipped)


def _title(lines: list[str], display: str) -> tuple[str, int]:
    for index, line in enumerate(lines[:40]):
        found = _TITLE_LINE.match(line)
        if found and "://" not in line and not _BULLET.match(line):
            space, rest = found.group(1), found.group(2)
            if space.replace(" ", "").casefold() in _NAMESPACES or not rest.casefold().startswith("tropes"):
                return rest, index
            return space, index
    for line in lines:
        heading = re.match(r"^\s*(?:tropes used in )?(.+?)(?: provides examples of| include)\s*:?\s*$", line, re.I)
        if heading and not _BULLET.match(line):
            return heading.group(1), -1
    stem = display.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem.replace("-", " ").replace("_", " ").title(), -1


def _kind(line: str) -> str:
    """What one non-bullet line is: blank, furniture, quote, heading, dialogue, folder or text."""
    stripped = line.strip()
    if not stripped:
        return "blank"
    if _FURNITURE.match(stripped) or "://" in stripped or " | " in stripped \
            or (len(re.findall(r"[a-z][A-Z]", stripped)) >= 2 and not re.search(r"[.!?,]\s", stripped)):
        return "furniture"  # site navigation, links, run-together episode lists
    if stripped[0] in _QUOTE_OPEN or stripped.startswith(("—", "-- ")):
        return "quote"
    if stripped.endswith(":") and len(stripped.split()) <= 15:
        return "heading"
    if _DIALOGUE.match(stripped):
        return "dialogue"
    if line[:2] == "  " and len(stripped.split()) <= 8 and not stripped.endswith((".", "!", "?")):
        return "folder"  # a folder's label: a segment's or a letter range's title
    return "text"


def _blocks(lines: list[str], title_index: int):
    """The page's bullet lists, each with what it holds ("tropes", "cast" or "other"), and the
    intro's prose lines. A list's kind comes from the heading above it when there is one, else
    from its shape: mostly "Trope Name: text" entries is a list of tropes."""
    blocks: list[tuple[str | None, list[tuple[int, str, str]]]] = []
    intro: list[str] = []
    hint: str | None = None
    current: list | None = None
    in_quote = False
    previous = "blank"
    for number, line in enumerate(lines, 1):
        if number - 1 <= title_index:
            continue
        bullet = _BULLET.match(line)
        if in_quote:  # a quote spread over several lines, and the attribution under it
            in_quote = not any(c in line for c in "\"”") and bool(line.strip())
            continue
        if bullet:
            body = bullet.group(3).strip()
            if _FURNITURE.match(body) or not body:
                continue
            if current is None:
                current = []
                blocks.append((hint, current))
            # The marker's indent and length say how deep a bullet is ("**" is under "*").
            depth = bullet.group(1) + bullet.group(2) + (" " if bullet.group(2)[0] in _SUB_BULLETS else "")
            current.append((number, depth, body))
            previous = "bullet"
            continue
        kind = _kind(line)
        if kind == "text" and previous == "bullet" and current:
            row = current[-1]  # a bullet's text carried onto the next line
            current[-1] = (row[0], row[1], f"{row[2]} {line.strip()}")
            continue
        if kind == "blank" or kind == "furniture":
            previous = "blank" if kind == "blank" else previous
            continue
        current = None
        previous = kind
        if kind == "quote":
            stripped = line.strip()
            in_quote = stripped[0] in _QUOTE_OPEN and sum(stripped.count(c) for c in "\"“”") % 2 == 1
            continue
        if kind == "heading":
            hint = "cast" if _CAST_HINT.search(line) and not re.search(r"tropes?", line, re.I) else \
                "tropes" if _TROPE_HINT.search(line) else None
        elif kind == "text":
            intro.append(line.strip())
            hint = None
    return [(_block_kind(hint, rows), rows) for hint, rows in blocks], intro


def _block_kind(hint: str | None, rows) -> str:
    if hint:
        return hint
    top = _top_marker(rows)
    tops = [body for _, marker, body in rows if len(marker) <= top]
    shaped = [body for body in tops if _looks_like_entry(body)]
    return "tropes" if tops and len(shaped) * 2 >= len(tops) else "other"


def _top_marker(rows) -> int:
    """How long the indent and marker of a top-level bullet are; longer ones are nested."""
    return min(len(marker) for _, marker, _ in rows)


def _looks_like_entry(body: str) -> bool:
    entry = _ENTRY.match(body)
    if not entry or len(entry.group(1)) > MAX_TROPE_NAME:
        return False
    words = [w for w in re.findall(r"[\w'’\-]+", entry.group(1)) if w.casefold() not in _SMALL_WORDS]
    return bool(words) and len(words) <= 10 and sum(w[0].isupper() or w[0].isdigit() for w in words) * 2 >= len(words)


def _entries(rows) -> tuple[list[Entry], list[Skip]]:
    entries: list[Entry] = []
    skipped: list[Skip] = []
    top = _top_marker(rows)
    for number, marker, body in rows:
        if len(marker) > top:
            if entries and entries[-1].line >= 0:
                entries[-1].examples.append(Example(body, number))
            else:
                skipped.append(Skip(number, "a nested bullet with no trope entry above it"))
            continue
        entry = _ENTRY.match(body)
        if not entry or len(entry.group(1)) > MAX_TROPE_NAME:
            skipped.append(Skip(number, "not a \"Trope Name: text\" entry"))
            entries.append(Entry("", -1))  # its nested bullets belong to no trope
            continue
        entries.append(Entry(entry.group(1).strip(), number))
        if entry.group(2).strip():
            entries[-1].examples.append(Example(entry.group(2).strip(), number))
    for entry in entries:
        if entry.line >= 0 and not entry.examples:
            skipped.append(Skip(entry.line, f"{entry.name!r} has no text and no nested examples"))
    return [e for e in entries if e.line >= 0], skipped


# --- finding the characters -------------------------------------------------------------

_SMALL_WORDS = set("a an and the of in on at to for with from by is are or as into vs".split())
# Capitalized words that start sentences or titles but are not names.
STOPWORDS = set("""
a about above after again against all also although always am among an and another any anyone
anything are as at back be because been before being below between both but by can could did do
does doing down during each either even eventually ever every everyone everybody everything few finally
first for from further had has have having he her here hers herself him himself his how however i if in
instead into is it its itself just last later lastly let like many maybe me meanwhile more most much
my myself neither never next no nobody none nor not nothing now of off on once one only or other
others otherwise our ours ourselves out over own perhaps rather same second she should similarly
since so some someone something sometimes soon still such than that the their theirs them themselves
then there these they third this those though through thus to together too under unfortunately
unless until up upon us very was we well were what whatever when whenever where whereas whether which
while who whoever whom whose why will with within without would yet you your yours yourself
yourselves whilst both despite thanks yes oh ok okay
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december
season episode episodes series film movie book game show chapter part volume
""".split())
# Words that are never a character's name: languages, nationalities, faiths, holidays.
_LEXICON = {
    "language, nationality or faith": set("""
english french german spanish italian portuguese dutch danish swedish norwegian finnish icelandic polish
czech slovak hungarian romanian russian ukrainian greek turkish arabic hebrew persian chinese japanese
korean hindi vietnamese thai american british irish scottish welsh canadian australian mexican brazilian
argentinian european african asian latin jewish christian muslim catholic protestant buddhist hindu
nazi nazis soviet german-speaking french-speaking english-speaking western eastern northern southern
""".split()),
    "a holiday": set("christmas easter halloween thanksgiving hanukkah ramadan diwali valentine valentine's".split()),
}
_COMPANY = set("ltd inc corp corporation co llc gmbh plc company studios studio records productions "
               "entertainment pictures network channel".split())
_TITLES = {"mr", "mrs", "ms", "miss", "dr", "doctor", "captain", "capt", "sir", "lady", "lord", "king",
           "queen", "prince", "princess", "professor", "prof", "detective", "agent", "officer", "sergeant",
           "sgt", "lieutenant", "lt", "commander", "colonel", "general", "major", "judge", "mayor",
           "inspector", "nurse", "father", "sister", "brother", "uncle", "aunt", "saint", "st", "chief"}
_RELATIONS = set("""
brother sister wife husband son daughter mother father mom mum dad friend lover partner boyfriend
girlfriend fiance fiancé fiancée cousin uncle aunt grandmother grandfather grandma grandpa nurse boss
colleague mate roommate flatmate neighbour neighbor girl boy man woman navigator doctor teacher captain
detective agent officer student named called nicknamed child children kid kids twin niece nephew
stepmother stepfather stepson stepdaughter widow widower ex-wife ex-husband sibling siblings assistant
maid butler driver pilot soldier guard priest rival
""".split())
_AUXILIARIES = set("""
is was are were has had have does did do can could will would should may might must isn't wasn't
doesn't didn't can't won't hasn't hadn't aren't weren't couldn't wouldn't shouldn't gets got seems
becomes became finally also still never always then just really only actually later eventually
""".split())
_PLACE_WORDS = set("a an the in on at during after before since until into onto across near inside "
                   "outside throughout via".split())
_PREPOSITIONS = set("to with for from toward towards of by about against than like as over under "
                    "between among behind beside".split()) | _PLACE_WORDS
# Verbs that, after a name in the introduction, make that name the work's maker or a cast member.
_CREDIT_VERBS = set("published produced directed wrote created developed composed stars starred plays played "
                    "voices voiced hosts hosted narrates narrated adapted designed".split())
_CREDIT_BY = re.compile(r"\b(?:directed|written|created|developed|produced|published|composed|narrated|hosted|"
                        r"presented|adapted|edited|animated|illustrated|scored|showrun|run)\s+by\s+", re.I)
# "based on the book of the same name by Shirley Jackson": a work, then who made it.
_WORK_BY = re.compile(r"\b(?:book|novel|novels|film|movie|play|story|stories|series|show|comic|manga|game|"
                      r"adaptation|screenplay|script|name|song|poem)\b[^.;]{0,40}?\bby\s+", re.I)
_WORK_ITSELF = re.compile(r"\s+(?:is|was)\s+(?:an?|the)\s+[^.]{0,60}?\b(?:series|show|drama|sitcom|comedy|"
                          r"film|movie|anthology|miniseries|programme|program|novel|game|thriller|soap|"
                          r"adaptation|episode)\b", re.I)
_STARRING = re.compile(r"\b(?:starring|stars|starred|featuring|also starring|voiced by|played by|"
                       r"portrayed by)\s+", re.I)
_CREDIT_LEADS = set("starring stars featuring directed written created developed produced published "
                    "narrated hosted".split())
_GROUP_NOUNS = {"family", "clan", "household", "siblings", "brothers", "sisters", "twins", "kids", "family's"}
_SPOILER_WORDS = re.compile(r"\b(reveal|reveals|revealed|turns? out|turned out|die|dies|died|dying|death|"
                            r"dead|twists?|actually|secretly|ending|finale|in the end|kill|kills|killed|"
                            r"murder\w*|suicide|destroy|destroys|destroyed|coma|adopt|adopts|adopted|"
                            r"adopting|arrested|betray\w*|cheat|cheats|cheated|cheating|kiss|kisses|"
                            r"pregnan\w*|real identity|all along)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_CAPITAL = "A-ZÀ-ÖØ-ÞŁŚŹŻČŠŽŘĎŤŇĚŮŐŰ"
# A capitalized word; an apostrophe may be part of it (O'Brien) but not a possessive ('s).
_NAME_PART = rf"[{_CAPITAL}][\w\-]*(?:['’](?!s\b)[^\W\d_][\w\-]*)*"
_RUN = re.compile(rf"(?:(?:Mr|Mrs|Ms|Dr|Prof|St|Sgt|Lt|Capt)\. )?{_NAME_PART}(?: {_NAME_PART})*")
_PARTICLES = "de|da|di|du|van|von|der|den|le|la|bo|del|ter|al|bin|ibn"


@dataclass
class Person:
    """A character the page names: every way it writes them, and why we think they are one."""

    name: str
    surfaces: list[str]  # every name on the page for them, the main one first
    reasons: Counter = field(default_factory=Counter)
    order: int = 0
    place: str = ""  # where the page first names them

    @property
    def aliases(self) -> list[str]:
        seen = {self.name.casefold()}
        return [s for s in self.surfaces if not (s.casefold() in seen or seen.add(s.casefold()))]

    def where(self) -> str:
        why = ", ".join(f"{reason} ×{n}" if n > 1 else reason for reason, n in self.reasons.most_common(4))
        return f"{self.place}: {why}" if self.place else why


_LOOKS_LIKE_A_WORD = re.compile(r"(ly|ed|ing)$")  # an adverb or participle opening a sentence

# Signs that only a person's name gets: enough to take a word the page also writes in lower case
# ("her son Will", "Hope's diary") for a name.
_PERSONAL = {"possessive", "after a word like brother or friend", "a role in the credits",
             "in the list of characters", "with a title", "given a nickname", "in brackets alone",
             "described beside the name"}


@dataclass
class _Seen:
    """What the page shows about one capitalized name (a word or a run of words)."""

    strong: Counter = field(default_factory=Counter)  # signs it names someone, with how often
    weak: int = 0  # mid-sentence, in no telling context
    starts: int = 0  # opening a sentence, nothing else to tell
    negative: Counter = field(default_factory=Counter)  # signs it names a place, a thing, a title
    order: int = 0
    place: str = ""  # where the page first names it: "intro", "entry 'Trope Name'"
    beside: set = field(default_factory=set)  # names listed with it ("Tom, Karen and Anne")


@dataclass
class Cast:
    people: dict[str, Person]  # key -> person, in order of first mention
    rejected: dict[str, str]  # name -> why it is not taken for a character


def _mask_quotes(text: str) -> str:
    """The text with every quoted span blanked out (same length, so positions still match):
    episode titles and quoted speech are not where characters are named."""
    return re.sub(r"\"[^\"]*\"|“[^”]*”", lambda m: " " * len(m.group()), text)


def _mask_asides(text: str) -> str:
    """Brackets blanked out, except a bracket holding nothing but a name ("(Kelly)")."""
    return re.sub(r"\(([^()]*)\)",
                  lambda m: m.group() if re.fullmatch(_NAME_PART + r"(?: [A-Z][\w'’\-]*){0,2}", m.group(1).strip())
                  else " " * len(m.group()), text)


def _sentence_start(text: str, index: int) -> bool:
    before = text[:index].rstrip().rstrip("\"“‘'([*").rstrip()
    return not before or before[-1] in ".!?:;"


def _words_before(text: str, index: int, count: int = 1) -> list[str]:
    return re.findall(r"[\w'’\-]+|[,(]", text[max(0, index - 60):index])[-count:]


def find_characters(page: Page, cast: str | None = None) -> Cast:
    if cast:
        return _given_cast(page, cast)
    title_words = {w.casefold() for w in _WORD.findall(page.title)}
    texts = [("intro", t) for t in page.intro] + [("cast", t) for t in page.cast] + \
            [(f"entry {entry.name}", e.text) for entry in page.entries for e in entry.examples]
    lower_words = {w.casefold() for _, text in texts for w in _WORD.findall(_mask_quotes(text)) if w[0].islower()}
    soft = {w.casefold() for w in _WORD.findall(page.title)} | \
        {w.casefold() for entry in page.entries for w in _WORD.findall(entry.name)}
    seen: dict[str, _Seen] = {}
    hard: dict[str, str] = {}
    credits = _credits(page)
    groups: set[str] = set()
    for source, text in texts:
        analysed = _mask_asides(_mask_quotes(text))
        for match in re.finditer(r"\(\s*([A-Z][\w'’\-]*(?: [A-Z][\w'’\-]*){0,2})\s*\)", analysed):
            _note(seen, match.group(1), "in brackets alone", source)
        for match in re.finditer(r"\(([^()]*)\)", _mask_quotes(text)):
            if "," in match.group(1) and _is_name_list(match.group(1) + "."):  # "(Steve, Shirley, and Nell)"
                for name in re.findall(_NAME_PART, match.group(1)):
                    _note(seen, name, "in a bare list of names", source)
        for start, end, name, possessive in _runs(analysed):
            _observe(seen, hard, analysed, text, start, end, name, possessive, source, groups, page.title)
        if _is_name_list(analysed):
            for name in re.findall(_NAME_PART, analysed):
                if name.casefold() not in STOPWORDS:
                    _note(seen, name, "in a bare list of names", source)
    for name, reason in credits.items():
        if reason == "credited role":
            _note(seen, name, "a role in the credits")
        else:
            hard[name] = reason
    for line in page.cast:
        head = re.match(rf"\s*((?:{_NAME_PART})(?: (?:{_NAME_PART}))*)\s*[:,(–-]", line)
        if head:
            _note(seen, head.group(1), "in the list of characters", "cast")
    for name in seen:
        if " " in name and all(w.casefold() in title_words for w in name.split(" ")):
            hard[name] = "the work's title"
    return _decide(seen, hard, lower_words, soft, groups)


def _note(seen: dict[str, _Seen], name: str, reason: str, source: str = "intro") -> None:
    item = seen.setdefault(name, _Seen(order=len(seen), place=_place(source)))
    item.strong[reason] += 1


def _place(source: str) -> str:
    return {"intro": "in the intro", "cast": "in the list of characters"}.get(
        source, f"first in the entry {source.removeprefix('entry ')!r}")


def _runs(text: str):
    """(start, end, name, possessive) of each run of capitalized words: "Esther Vanhove",
    "Dr. Jay Ferguson", "Lacie's", "the Winslows'"."""
    for match in _RUN.finditer(text):
        start, end = match.span()
        if start and (text[start - 1].isalnum() or text[start - 1] in "'’-"):
            continue
        name = match.group()
        possessive = False
        tail = text[end:end + 2]
        if re.match(r"['’]s\b", tail) or (tail[:1] in "'’" and name.endswith("s")):
            possessive = True
        words = name.split(" ")
        # A run starting a sentence may start with an ordinary word ("Meanwhile Esther",
        # "Starring Mackenzie Davis"): drop it.
        previous = re.search(r"([\w'’\-]+)[\s,]*$", text[max(0, start - 30):start])
        # ...but not a name that happens to be a word, used as a name: "her son Will" ("It's" is no
        # possessive, so only a word like "son" tells).
        named = bool(previous and previous.group(1).casefold() in _RELATIONS)
        while words and not named and (words[0].rstrip(".").casefold() in STOPWORDS | _CREDIT_LEADS) and \
                words[0].rstrip(".").casefold() not in _TITLES:
            start += len(words[0]) + 1
            words = words[1:]
        if not words:
            continue
        yield start, end, " ".join(words), possessive


def _observe(seen, hard, text, raw, start, end, name, possessive, source, groups, title) -> None:
    words = name.split(" ")
    titled = words[0].rstrip(".").casefold() in _TITLES and len(words) > 1
    if any(w.isupper() and len(w.rstrip(".")) > 1 for w in words) or \
            all(len(w.rstrip(".")) < 2 for w in words):
        return  # acronyms and initials (HOA, POW, NOSEDIVE)
    if any(re.search(r"-[a-z]", w) for w in words):
        hard[name] = "a compound word (In-universe, Off-screen), not a name"
        return
    if any(w.rstrip(".").casefold() in _COMPANY for w in words[1:]):
        hard[name] = "a company's name"
        return
    item = seen.setdefault(name, _Seen(order=len(seen), place=_place(source)))
    gap = re.search(r"([\w'’\-]+)?([\s,]*)$", text[max(0, start - 60):start])
    previous = (gap.group(1) or "").casefold()
    comma = "," in gap.group(2)
    beside = re.search(rf"({_NAME_PART})(?:['’]s)?\s*(?:,|,? and|,? or|&)\s*(?:the [a-z]+ )?$",
                       text[max(0, start - 60):start])  # "Tom, Karen", "the cold Martin, the cheerful Lea"
    if beside:
        item.beside.add(beside.group(1))
    plural_possessive = possessive and name.endswith("s") and not text[end + 1:end + 2].isalpha()
    if possessive:
        end += 1 if plural_possessive else 2
    after = text[end:end + 40]
    next_words = re.findall(r"[\w'’\-]+", after)[:2]
    at_start = _sentence_start(text, start)
    if titled:
        item.strong["with a title"] += 1
    if possessive:
        item.strong["possessive"] += 1
        if plural_possessive:
            groups.add(name)  # "the Winslows' house": a family
    if next_words and next_words[0].casefold() in _GROUP_NOUNS and previous in ("the", "a", "an"):
        groups.add(name)
        item.strong["a family's name"] += 1
        return
    if previous in ("a", "an", "the") and not comma and not titled and not possessive:
        item.negative["after a/the"] += 1
        return
    if previous in _PLACE_WORDS and not comma and not possessive:
        item.negative[f"after '{previous}'"] += 1
        return
    if normalize(name) == normalize(title) and (_WORK_ITSELF.match(after) or source == "intro"):
        # "Saltmarsh is a horror series", "Ferryhouse follows...": the work; Dexter in the entries
        # may still be someone.
        item.negative["the work itself"] += 1
        return
    if source == "intro" and next_words and next_words[0].casefold() in _CREDIT_VERBS:
        hard.setdefault(name, "credited with making the work (intro)")
        return
    subject = bool(re.match(r"\s*\w", after)) and _is_verb(next_words)
    apposition = re.match(r"\s*(,\s*(a|an|the|who|whose|his|her|their)\b|\(\s*(a|an|the|his|her|their)\b)", after)
    relation = previous in _RELATIONS
    if relation:
        item.strong["after a word like brother or friend"] += 1
    if subject and not possessive:
        item.strong["subject of a verb"] += 1
    elif apposition and previous not in _PREPOSITIONS:
        item.strong["described beside the name"] += 1
    elif re.match(r"\s+as\s+[\"“]", raw[end:end + 10]):
        item.strong["given a nickname"] += 1
    elif at_start and re.match(r"\s*,", after) and not _LOOKS_LIKE_A_WORD.search(words[-1]):
        item.strong["opens a sentence"] += 1
    elif at_start and source.startswith("entry") and text[:start].strip() == "" and \
            re.match(rf"\s*([.,;:]|(and|to|towards?|with|for|vs\.?|versus) [{_CAPITAL}])", after) and \
            not _LOOKS_LIKE_A_WORD.search(words[-1]):  # "Naomi.", "Louise to Paul, ..."
        item.strong["the entry names them"] += 1
    elif at_start and not relation:
        item.starts += 1
    elif not possessive and not titled and not relation:
        item.weak += 1


def _is_verb(words: list[str]) -> bool:
    """Whether the words after a name look like its verb: "is", "wants", "promised", "later appears"."""
    for word in words[:2]:
        folded = word.casefold()
        if not word[:1].islower():
            return False
        if folded in _AUXILIARIES:
            return folded not in ("finally", "also", "still", "never", "always", "then", "just", "really",
                                  "only", "actually", "later", "eventually") or _is_verb(words[1:])
        if folded.endswith("ly"):
            continue  # an adverb: look at the next word
        if folded in STOPWORDS:
            return False  # "as", "this", "his": not verbs
        if not re.search(r"([^su's]s|ed)$", folded):
            return False
        # "Electric cars are": a plural noun followed by its own verb, not a verb.
        rest = words[words.index(word) + 1:words.index(word) + 2]
        return not (folded.endswith("s") and rest and rest[0].casefold() in _AUXILIARIES)
    return False


def _credits(page: Page) -> dict[str, str]:
    """Names the intro credits: makers and actors (never characters) and the roles actors play."""
    found: dict[str, str] = {}
    name_list = rf"((?:{_NAME_PART})(?: (?:(?:{_PARTICLES}) )?(?:{_NAME_PART}))*)"
    for text in page.intro:
        for match in [*_CREDIT_BY.finditer(text), *_WORK_BY.finditer(text)]:
            for name in _name_list(text[match.end():], name_list):
                found[name] = "credited with making the work (intro)"
        for match in _STARRING.finditer(text):
            rest = text[match.end():]
            position = 0
            while True:
                actor = re.match(rf"\s*(?:,\s*)?(?:and\s+)?{name_list}", rest[position:])
                if not actor:
                    break
                found[actor.group(1)] = "an actor, in the credits (intro)"
                position += actor.end()
                role = re.match(rf"\s*(?:as\s+{name_list}|\(\s*{name_list}\s*\))", rest[position:])
                if role:
                    found[role.group(1) or role.group(2)] = "credited role"
                    position += role.end()
    return found


def _name_list(text: str, name_list: str) -> list[str]:
    names = []
    position = 0
    while True:
        found = re.match(rf"\s*(?:,\s*)?(?:and\s+|&\s*)?{name_list}", text[position:])
        if not found or (names and not re.match(r"\s*(,|and\b|&)", text[position:])):
            return names
        names.append(found.group(1))
        position += found.end()


def _is_name_list(text: str) -> bool:
    """A bare list of names, like "Simon and Ana." or "Lucas, Antoine, and/or Leópold.". A text
    cut short ("Averte") is not one: the list ends with its full stop."""
    if not text.rstrip().endswith((".", "!", ";")):
        return False
    words = re.sub(r"[,.;!?]", " ", text).split()
    names = [w for w in words if w.casefold() not in ("and", "or", "and/or", "&", "with")]
    return 0 < len(names) <= 6 and all(w[0].isupper() for w in names) and \
        not any(w.casefold() in STOPWORDS for w in names)


def _decide(seen: dict[str, _Seen], hard: dict[str, str], lower_words, soft, groups) -> Cast:
    """Who the names seen are: characters, or refused with the reason the draft shows."""
    rejected: dict[str, str] = {}
    accepted: dict[str, _Seen] = {}
    credited_words = {w for name in hard for w in name.split(" ")}
    for name, item in seen.items():
        reason = _hard_reason(name, hard) or _word_reason(name, item, lower_words)
        strong = sum(item.strong.values())
        if reason:
            rejected[name] = reason
        elif name in groups or name[:-1] in groups:
            accepted[name] = item
        elif not strong and any(w in credited_words for w in name.split(" ")):
            rejected[name] = "part of a name the intro credits (an actor or a maker)"
        elif any(w.casefold() in soft for w in name.split(" ")) and \
                not (strong and (" " not in name or item.strong.keys() - {"subject of a verb"})):
            # "a complete Downer Ending is ...": a trope's name, not a full name, even as a subject.
            rejected[name] = "a word of the title or of a trope's name, never used as someone's name"
        elif strong or item.weak - sum(item.negative.values()) >= 2 or \
                (item.starts >= 2 and not _LOOKS_LIKE_A_WORD.search(name)):
            accepted[name] = item
            if not strong:
                item.strong["named mid-sentence" if item.weak >= 2 else "opens sentences"] += 1
        elif item.negative:
            rejected[name] = f"used like a place or a thing ({', '.join(item.negative)})"
        else:
            rejected[name] = "named once, with nothing to show it is someone"
    for name, reason in hard.items():  # refused before they were looked at: say so too
        if name not in seen and reason != "credited role":
            rejected.setdefault(name, reason)
    _listed_together(seen, accepted, rejected)
    return _people(accepted, rejected, groups, seen, hard)


def _word_reason(name: str, item: _Seen, lower_words) -> str | None:
    """A single word that is also an ordinary word needs a sign only a name gets ("her son Will";
    for a stopword a possessive is no such sign: "It's")."""
    if " " in name:
        return None
    personal = item.strong.keys() & _PERSONAL
    if name.rstrip(".").casefold() in STOPWORDS and not personal - {"possessive"}:
        return "a common word"
    if name.casefold() in lower_words and not personal:
        return "also written in lower case on the page: a common word"
    return None


def _listed_together(seen: dict[str, _Seen], accepted: dict[str, _Seen], rejected: dict[str, str]) -> None:
    """Names listed together are alike: three or more named once each ("the cold Martin, the
    cheerful Lea and the shy Bob"), or one listed with a character ("his children Tom, Karen and
    Anne") are characters too."""
    def take(name: str, why: str) -> None:
        accepted[name] = seen[name]
        seen[name].strong[why] += 1
        del rejected[name]

    for name, item in seen.items():
        chain = {name} | item.beside | {other for other, it in seen.items() if name in it.beside}
        if len(chain) >= 3 and all(rejected.get(n, "").startswith("named once") or n in accepted for n in chain):
            for other in chain - accepted.keys():
                take(other, "in a list of names")
    grew = True
    while grew:
        grew = False
        for name, why in list(rejected.items()):
            item = seen.get(name)
            if item and why.startswith("named once") and item.beside & accepted.keys():
                take(name, f"listed with {sorted(item.beside & accepted.keys())[0]}")
                grew = True


def _hard_reason(name: str, hard: dict[str, str]) -> str | None:
    """Why a name can never be a character's, whatever else the page says of it."""
    if name in hard:
        return hard[name]
    for credited, reason in hard.items():
        if " " in credited and f" {credited} " in f" {name} ":
            return reason
    words = [w.rstrip(".") for w in name.split(" ")]
    core = [w for w in words if w.casefold() not in _TITLES] or words
    for word in core:
        folded = word.casefold()
        for reason, words_of_kind in _LEXICON.items():
            if folded in words_of_kind:
                return reason
    return None



def _people(accepted: dict[str, _Seen], rejected: dict[str, str], groups: set[str], seen, hard) -> Cast:
    """Runs of words become full names, single words their aliases ("Esther" of "Esther Vanhove",
    "McGrew" of "Rance McGrew"); a surname two people share is nobody's alias; spelling
    variants (Ana/Anna) and a family's names ("Winslow", "the Winslows") merge."""
    people: dict[str, Person] = {}

    def add(key: str, name: str, surfaces: list[str], item: _Seen) -> None:
        person = people.setdefault(key, Person(name, [], order=item.order, place=item.place))
        person.surfaces += [s for s in surfaces if s not in person.surfaces]
        person.reasons.update(item.strong)
        if item.order < person.order or not person.place:
            person.order, person.place = item.order, item.place or person.place

    def add_run(run: str, item: _Seen) -> None:
        words = run.split(" ")
        titled = words[0].rstrip(".").casefold() in _TITLES
        bare = " ".join(words[1:]) if titled else run
        name = run if titled and len(words) == 2 else bare
        add(bare, name, [name, run, bare] + ([words[-1]] if titled and len(words) == 2 else []), item)

    for run, item in accepted.items():
        if " " in run:
            add_run(run, item)
    # A run seen unproven ("tells Jesse James") is the full name of a proven single ("James thinks").
    unproven_runs = [n for n in seen if " " in n and n not in accepted and n not in hard
                     and n.split(" ")[0].rstrip(".").casefold() not in STOPWORDS]
    for single, item in accepted.items():
        if " " in single:
            continue
        if single in groups or single[:-1] in groups:
            # "the Winslow family", "the Winslows move", "the Winslows' car": one family.
            plural = single if single.endswith("s") else f"{single}s"
            add(f"group:{plural}", f"The {plural}", [f"the {plural}", f"The {plural}", plural, plural[:-1]], item)
            continue
        owners = [k for k in people if not k.startswith("group:") and " " in k and
                  (k.split(" ")[0] == single or k.split(" ")[-1] == single)]
        if not owners:
            fuller = [r for r in unproven_runs if r.split(" ")[-1] == single or r.split(" ")[0] == single]
            if len(fuller) == 1:
                add_run(fuller[0], seen[fuller[0]])
                rejected.pop(fuller[0], None)
                owners = [k for k in people if fuller[0].endswith(k)]
        if len(owners) == 1:
            add(owners[0], people[owners[0]].name, [single], item)
        elif len(owners) > 1:
            rejected[single] = "a name shared by " + " and ".join(people[k].name for k in owners)
        else:
            variant = next((k for k in people if " " not in k and not k.startswith("group:")
                            and is_variant(single, k)), None)
            if variant:
                add(variant, people[variant].name, [single], item)
            else:
                add(single, single, [single], item)
    # "Hugh" of "Hugh Crain", however little the page shows of it alone, is his name too.
    for name, why in list(rejected.items()):
        if " " in name or name in hard or why.startswith(("a name shared", "a compound")):
            continue
        owners = [k for k in people if " " in k and name in (k.split(" ")[0], k.split(" ")[-1])]
        if len(owners) == 1:
            add(owners[0], people[owners[0]].name, [name], seen.get(name, _Seen()))
            del rejected[name]
    # A spelling seen once ("Oksar") is a variant of a character's name, not nobody.
    for name, why in list(rejected.items()):
        variant = next((k for k in people if " " not in name and " " not in k and not k.startswith("group:")
                        and is_variant(name, k)), None) if why.startswith("named once") else None
        if variant:
            add(variant, people[variant].name, [name], seen[name])
            del rejected[name]
    ordered = dict(sorted(people.items(), key=lambda kv: kv[1].order))
    for key, person in ordered.items():
        if " " not in key and not key.startswith("group:"):
            # The most used spelling of a single name is its name.
            counts = {s: sum(seen[s].strong.values()) + seen[s].weak + seen[s].starts
                      for s in person.surfaces if s in seen}
            person.name = max(person.surfaces, key=lambda s: (counts.get(s, 0), -person.surfaces.index(s)))
            person.surfaces.sort(key=lambda s: s != person.name)
    return Cast(ordered, rejected)


def _given_cast(page: Page, cast: str) -> Cast:
    """`--cast "Name, Name/Alias, ..."`: the characters as the author gives them. Each word of a
    full name that the page uses alone, and that no one else shares, is one of its aliases."""
    given = [[n.strip() for n in item.split("/") if n.strip()] for item in cast.split(",") if item.strip()]
    page_words = Counter(w for text in [*page.intro, *(e.text for en in page.entries for e in en.examples)]
                         for w in _WORD.findall(text))
    shared = Counter(w for names in given for w in {w for n in names for w in n.split()})
    people = {}
    for order, names in enumerate(given):
        words = [w for w in names[0].split() if w.rstrip(".").casefold() not in _TITLES]
        extra = [w for w in words if len(words) > 1 and page_words[w] and shared[w] == 1]
        people[names[0]] = Person(names[0], [*names, *extra], Counter({"given with --cast": 1}), order)
    return Cast(people, {})


def is_variant(a: str, b: str) -> bool:
    """Two spellings of one name: accents, a doubled letter, or two letters swapped."""
    x, y = normalize(a), normalize(b)
    if x == y:
        return True
    if x[:1] != y[:1]:
        return False
    undoubled = re.compile(r"(.)\1")
    if undoubled.sub(r"\1", x) == undoubled.sub(r"\1", y):
        return True
    return len(x) == len(y) >= 4 and sorted(x) == sorted(y) and edit_distance(x, y) == 1


# --- the draft --------------------------------------------------------------------------

def convert(text: str, display: str, pack_id: str, installed: Iterable[Pack] = (), cast: str | None = None) -> Draft:
    """`installed`: the packs already loaded; a page about a series one of them describes links
    to its characters instead of repeating them. `cast`: the characters given by hand."""
    page = read_page(text, display)
    found = find_characters(page, cast)
    people = found.people
    draft = Draft(pack={}, noun="trope examples", skipped=list(page.skipped), header="")
    ids = _character_ids(people, pack_id)
    linked = _link_known(people, ids, page.title, installed)
    questions: list[dict] = []
    tropes = _tropes(page, people, ids, pack_id, draft, display, questions)
    characters = [_character(person, ids[key]) for key, person in people.items() if key not in linked]
    draft.pack = {
        "id": pack_id,
        "title": f"{page.title}: trope draft",
        "description": f"A draft fact pack made from a trope page about {page.title}. "
                       f"TODO: rewrite the clues in your own words.",
        "source": f"Imported from {display} (a trope page)",
        "series": {"title": page.title},
        "characters": characters,
        "tropes": tropes,
    }
    if questions:
        draft.pack["questions"] = questions
    draft.header = _header(display, people, found.rejected, linked)
    summary = f"{len(people)} characters found: " + ", ".join(p.name for p in people.values())
    if linked:
        summary += (f" ({len(linked)} of them already in the installed {page.title} pack: linked to its "
                    f"characters, not repeated)")
    draft.notes[:0] = [summary, f"{len(tropes)} tropes"]
    if found.rejected:
        draft.notes.insert(1, f"{len(found.rejected)} names not taken for characters (listed at the top of "
                              f"the draft; give the cast yourself with --cast \"Name, Name\")")
    return draft


def _link_known(people: dict[str, Person], ids: dict[str, str], title: str, installed) -> dict[str, str]:
    """Point `ids` at the installed characters of the same series (by any name the page uses);
    returns {person key: installed id} for those linked."""
    known: dict[str, str] = {}
    for pack in installed:
        if pack.series and normalize(pack.series.title) == normalize(title):
            for character in pack.characters:
                for name in character.names:
                    known.setdefault(normalize(name), character.id)
    linked: dict[str, str] = {}
    for key, person in people.items():
        found = next((known[normalize(n)] for n in person.surfaces if normalize(n) in known), None)
        if found:
            ids[key] = linked[key] = found
    return linked


def _header(display: str, people: dict[str, Person], rejected: dict[str, str], linked) -> str:
    lines = [f"Imported from {display} by `osmosis-quiz import tropes`.",
             "DRAFT: every clue below is the trope page's own text with the characters' names masked.",
             "Rewrite each clue, definition and description in your own words before sharing",
             "this pack, and check the characters found: run `python main.py check` on it after.",
             "",
             "Characters found (wrong or missing? import again with --cast \"Name, Name/Alias, ...\"):"]
    for key, person in people.items():
        names = ", ".join(person.aliases)
        also = f" (also {names})" if names else ""
        mark = " [linked to the installed pack]" if key in linked else ""
        lines.append(f"  {person.name}{also}: {person.where()}{mark}")
    if rejected:
        lines.append("Names considered and not taken for characters:")
        lines += [f"  {name}: {why}" for name, why in sorted(rejected.items())]
    return "\n".join(lines)


def _character_ids(people: dict[str, Person], pack_id: str) -> dict[str, str]:
    ids: dict[str, str] = {}
    for key, person in people.items():
        ids[key] = _unique_id(pack_id, person.name.removeprefix("The "), set(ids.values()))
    return ids


def _unique_id(pack_id: str, name: str, taken: set[str]) -> str:
    base = f"{pack_id}-{slug(name)}"[:MAX_ID - 3].strip("-")
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _tropes(page: Page, people, ids, pack_id, draft, display, questions) -> list[dict]:
    tropes: list[dict] = []
    taken: set[str] = set()
    for entry in page.entries:
        examples, thin = [], []
        trope_id = _unique_id(pack_id, entry.name, taken)
        for example in entry.examples:
            item = _example(entry.name, example, people, ids, draft, display)
            if item == "thin":
                thin.append(example)
            elif item is not None:
                examples.append(item)
        # Wrong options of a name question: characters no example of this trope names.
        named = {key for example in entry.examples for _, _, key in mentions(example.text, people)}
        others = [p.name for key, p in people.items() if key not in named and not p.name.startswith("The ")]
        for example in thin:
            questions.append(_name_only_question(page.title, curly_double_quotes(entry.name), example, people, ids, pack_id,
                                                 len(questions), others))
        if examples:
            taken.add(trope_id)
            tropes.append({"id": trope_id, "name": curly_double_quotes(entry.name), "definition": TODO_DEFINITION,
                           "examples": examples})
    return tropes


def _example(trope_name: str, example: Example, people, ids, draft, display):
    """One example as pack data: pinned on who it is about, everyone else it names as `also`,
    the clue with every name masked. None (and a skip) when it names no one; "thin" when the
    text is nothing but the name (it becomes a question asking for the name)."""
    found = mentions(example.text, people)
    if not found:
        draft.skipped.append(Skip(example.line, f"no character named in this example of {trope_name!r}"))
        return None
    main = principal(example.text, found)
    relative = unnamed_relative(trope_name, example.text, people[main])
    if relative:
        draft.skipped.append(Skip(example.line, f"this example of {trope_name!r} is about {relative}, whom it "
                                                f"does not name: pinning it on {people[main].name} would be "
                                                f"wrong (add it by hand)"))
        return None
    clue = _clue(example.text, people, main, trope_name)
    if _content_words(clue) < MIN_CLUE_WORDS:
        draft.notes.append(f"{display}:{example.line}: note: {trope_name!r} names {people[main].name} and "
                           f"says too little for a clue: made a question asking for the name instead")
        return "thin"
    if len(clue) > MAX_CLUE:
        clue = _shortened(clue)
        draft.notes.append(f"{display}:{example.line}: note: the clue was cut to {MAX_CLUE} characters")
    linked_ids = list(dict.fromkeys([ids[main], *(ids[k] for _, _, k in found)]))
    item = {"characters": linked_ids[:1]}
    if linked_ids[1:]:
        item["also"] = linked_ids[1:]
    item["clue"] = clue
    item["spoiler"] = bool(_SPOILER_WORDS.search(f"{trope_name} {example.text}"))
    return item


# A trope about a family role, and the words an entry uses for that relative.
_KIN = {"sibling": "brother|sister|sibling", "brother": "brother", "sister": "sister",
        "parent": "mother|father|mom|mum|dad|parent", "mom": "mother|mom|mum", "mother": "mother|mom|mum",
        "dad": "father|dad", "father": "father|dad", "son": "son", "daughter": "daughter",
        "child": "son|daughter|child", "wife": "wife", "husband": "husband", "spouse": "wife|husband"}


def unnamed_relative(trope_name: str, text: str, person: Person) -> str | None:
    """An Annoying Younger Sibling example that reads "Lacie lives with her brother, and he..."
    is about the brother, whom it never names: the relative ("Lacie's brother"), or None."""
    roles = [_KIN[w] for w in re.findall(r"[a-z]+", trope_name.casefold()) if w in _KIN]
    if not roles:
        return None
    names = "|".join(re.escape(s) for s in person.surfaces)
    found = re.search(rf"\b(?:(?i:her|his|their)|(?:{names})['’]s)\s+(?:[a-z]+\s+)?((?i:{'|'.join(roles)}))\b"
                      rf"(?!\s*,?\s*[{_CAPITAL}])", text)  # "her brother", not "her brother Ivo"
    return f"{person.name}'s {found.group(1).casefold()}" if found else None


def _name_only_question(title, trope_name, example, people, ids, pack_id, number, others) -> dict:
    """A question asking for the one name an entry gives: multiple choice among characters the
    trope's entry never names (so every wrong option is wrong), typed when there are none."""
    found = mentions(example.text, people)
    main = principal(example.text, found)
    person = people[main]
    question = {"id": f"{pack_id}-name-{number + 1}",
                "prompt": f"The trope page of {title} gives one character, and nothing more, as its example "
                          f"of “{trope_name}”. Who?"}
    wrong = others[:3]
    if wrong:
        position = sum(map(ord, trope_name)) % (len(wrong) + 1)  # fixed by the trope, not always first
        question["choices"] = [*wrong[:position], person.name, *wrong[position:]]
    question["answer"] = person.name
    if not wrong and person.aliases:
        question["accepted"] = person.aliases
    question["explanation"] = f"The page gives {person.name} as its example of “{trope_name}”."
    question["about"] = list(dict.fromkeys([ids[main], *(ids[k] for _, _, k in found)]))
    question["spoiler"] = bool(_SPOILER_WORDS.search(f"{trope_name} {example.text}"))
    return question


def mentions(text: str, people: dict[str, Person]) -> list[tuple[int, int, str]]:
    """(start, end, person key) of every name of a character in `text`, in order; a longer name
    wins over a shorter one inside it ("Esther Vanhove" over "Esther")."""
    spans: list[tuple[int, int, str]] = []
    taken = [False] * (len(text) + 1)
    surfaces = sorted(((s, k) for k, p in people.items() for s in p.surfaces), key=lambda sk: -len(sk[0]))
    for surface, key in surfaces:
        for found in re.finditer(_name_pattern(surface), text):
            if not any(taken[found.start():found.end()]):
                spans.append((found.start(), found.end(), key))
                for i in range(found.start(), found.end()):
                    taken[i] = True
    return sorted(spans)


def principal(text: str, found: list[tuple[int, int, str]]) -> str:
    """Who an example is about: in the first sentence that names anyone, the first name used as
    a subject or a possessive; else the first not after a preposition; else the first."""
    analysed = _mask_quotes(text)
    unquoted = [f for f in found if analysed[f[0]:f[1]].strip()] or found
    first_sentence_end = _sentence_end(analysed, unquoted[0][0])
    sentence = [f for f in unquoted if f[0] < first_sentence_end]
    for index, (start, end, key) in enumerate(sentence):
        after = analysed[end:end + 40]
        relation = re.match(r"['’]s\s+([\w\-]+),?\s+$", analysed[end:sentence[index + 1][0]]) \
            if index + 1 < len(sentence) else None
        if relation and relation.group(1).casefold() in _RELATIONS:
            continue  # "Nora's brother Ivo rows out": about Ivo
        if re.match(r"['’](s\b|\s)", after) or _is_verb(re.findall(r"[\w'’\-]+", after)[:2]) or \
                (_sentence_start(analysed, start) and re.match(r"\s*[,(]", after)):
            # "Rasmus and Mette are trapped": the first of a compound subject.
            while index and re.fullmatch(r"\s*(,|,? and|,? or|&)\s*", analysed[sentence[index - 1][1]:start]):
                index -= 1
                start = sentence[index][0]
            return sentence[index][2]
    for start, _, key in sentence:
        before = _words_before(analysed, start)
        if not before or before[-1].casefold() not in _PREPOSITIONS:
            return key
    return sentence[0][2]


def _sentence_end(text: str, index: int) -> int:
    found = re.search(r"[.!?](\s|$)", text[index:])
    return index + found.end() if found else len(text)


def _clue(text: str, people: dict[str, Person], main: str | None, trope_name: str = "") -> str:
    """The example's text with every character's names masked: the example's own character by
    ___, everyone else by "someone". A leading bare list of names ("Naomi.") goes."""
    spans = mentions(text, people)
    pieces, position = [], 0
    for start, end, key in spans:
        pieces.append(text[position:start])
        word = MASK if key == main else OTHER
        if word == OTHER and re.search(r"(^|[.!?][\"”’)]?)\s*[\"“‘(]?$", text[:start]):
            word = word.capitalize()
        pieces.append(word)
        position = end
    pieces.append(text[position:])
    clue = "".join(pieces).strip()
    lead = re.match(rf"^(?:(?:{re.escape(MASK)}|{OTHER}|Someone)(?:,? (?:and|or) |, )?)+[.!;]\s*", clue)
    clue = clue[lead.end():] if lead else clue
    if trope_name:  # "... is a real Butt-Monkey" would answer "which trope is this?"
        clue = re.sub(rf"(?<!\w){re.escape(trope_name)}(?!\w)", "this trope", clue, flags=re.IGNORECASE)
    return typeset(clue)


def _content_words(clue: str) -> int:
    words = [w for w in _WORD.findall(clue) if w.casefold() not in STOPWORDS and w.casefold() != OTHER]
    return len(words)


def _name_pattern(name: str) -> str:
    return rf"(?<![\w]){re.escape(name)}(?![\w])"


def _shortened(clue: str) -> str:
    """The clue cut to the pack format's limit at a sentence end, keeping the sentences around
    its first ___ so the cut never loses the only place the character was."""
    sentences = re.split(r"(?<=[.!?])\s+", clue)
    first = next((i for i, s in enumerate(sentences) if MASK in s), 0)
    kept = ""
    for sentence in sentences[first:]:
        if len(kept) + len(sentence) + 1 > MAX_CLUE - 1:
            break
        kept = f"{kept} {sentence}".strip()
    if kept:
        return kept
    cut = sentences[first][:MAX_CLUE - 1]
    return cut[:cut.rfind(" ")].rstrip(",;:") + "…"


def _character(person: Person, character_id: str) -> dict:
    character = {"id": character_id, "name": person.name}
    if person.aliases:
        character["aliases"] = person.aliases
    character["role"] = "group" if person.name.startswith("The ") else "other"
    character["description"] = f"TODO: describe {person.name} in one line, in your own words"
    return character
