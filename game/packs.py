"""Finding, loading and validating packs. A bad pack is refused with line-numbered
problems; it never stops the other packs from loading."""
from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from . import schema
from .models import (Character, Library, Pack, PackQuestion, RedHerring, RefusedPack, Relationship,
                     Reveal, Series, Trope, TropeExample)
from .paths import builtin_pack_dir, user_pack_dir
from .text import normalize
from .yamlsafe import Problem, YamlRefused, YMap, one_per_kind, parse, read_text

PACK_SUFFIXES = (".yaml", ".yml")


def pack_dirs(extra: Iterable[Path] = ()) -> list[Path]:
    """Where packs are looked for: the shipped ones, the user's folder, then any --packs folders."""
    return [builtin_pack_dir(), user_pack_dir(), *extra]


def find_pack_files(paths: Iterable[Path]) -> list[Path]:
    """Pack files in `paths` (files or folders), each once, in a stable order."""
    found: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        path = Path(path)
        try:
            candidates = sorted(p for p in path.iterdir() if p.suffix.lower() in PACK_SUFFIXES) \
                if path.is_dir() else [path]
        except OSError:  # a folder we may not list: loading it reports why, with its name
            candidates = [path]
        for candidate in candidates:
            key = file_key(candidate)
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def file_key(path: Path) -> Path:
    """What tells two spellings of one file apart from two files: its resolved path, or its
    absolute path when resolving fails (a symlink loop), so that loading can report it."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):  # Python 3.11 raises RuntimeError for a symlink loop
        return Path(path).absolute()


def load_library(extra_dirs: Iterable[Path] = ()) -> Library:
    """Every pack found in the usual places and in `extra_dirs` (the --packs paths)."""
    return load_files(library_files(extra_dirs))


def library_files(extra_dirs: Iterable[Path] = ()) -> list[Path]:
    """The files `load_library` loads. The usual folders may not exist yet; a --packs path is
    read even when it is missing or a file, so that a typo is refused by name instead of
    silently loading nothing."""
    usual = [d for d in pack_dirs() if _may_hold_packs(d)]
    return find_pack_files([*usual, *map(Path, extra_dirs)])


def _may_hold_packs(folder: Path) -> bool:
    """False only for a folder that is not there; one we may not even look at is loaded, so
    that it is refused with its reason (is_dir raises PermissionError instead of answering)."""
    try:
        return folder.is_dir()
    except OSError:
        return True


def choose_packs(library: Library, pack_ids: Iterable[str] | None) -> Library:
    """`library` cut down to the packs `pack_ids` names (all of them when it names none), or
    ValueError naming the first id no loaded pack has, so a typo is not quietly dropped, or
    packs about two series (a game plays one series: their ids may be the same)."""
    wanted = set(pack_ids or ())
    loaded = sorted(pack.id for pack in library.packs)
    unknown = sorted(wanted.difference(loaded))
    if unknown:
        raise ValueError(f"no pack with id {unknown[0]!r}; loaded packs: {', '.join(loaded) or 'none'}")
    series = {}
    for pack in library.packs:
        if pack.id in wanted and pack.scope:
            series.setdefault(pack.scope, pack)
    if len(series) > 1:
        first, second = list(series.values())[:2]
        raise ValueError(f"packs {first.id!r} and {second.id!r} are about different series "
                         f"({_series_title(first)}, {_series_title(second)}); a game plays one series")
    return library.only(wanted)


def _series_title(pack: Pack) -> str:
    return pack.series.title if pack.series else pack.scope


def load_files(files: Iterable[Path], context: Library | None = None) -> Library:
    """Load `files` as packs; ids may refer to (and must not clash with) packs in `context`."""
    parsed: list[tuple[Path, YMap]] = []
    refused: list[RefusedPack] = []
    for path in files:
        try:
            value = read_pack_value(Path(path))
        except YamlRefused as exc:
            refused.append(RefusedPack(Path(path), one_per_kind(exc.problems)))
        else:
            parsed.append((Path(path), value))

    known = _Known.from_library(context)
    scopes = _scopes(parsed, known)
    candidates: list[tuple[Path, YMap, str]] = []
    for path, value in parsed:
        pack_id = value.get("id") or _slug(path.stem)
        problems = known.claim(path, pack_id, value, scopes[path])
        if problems:
            refused.append(RefusedPack(path, one_per_kind(problems)))
        else:
            candidates.append((path, value, pack_id))

    packs: list[Pack] = []
    for path, value, pack_id in candidates:
        problems = _check_references(value, display_path(path), known, scopes[path])
        if problems:
            refused.append(RefusedPack(path, one_per_kind(problems)))
        else:
            packs.append(build_pack(value, path, pack_id, scopes[path]))
    return Library(tuple(packs), tuple(refused))


def series_scope(title: str) -> str:
    """The key a series' ids live under: two packs about one series share their characters."""
    return normalize(title) or "untitled"


def _scopes(parsed: list[tuple[Path, YMap]], known: "_Known") -> dict[Path, str]:
    """Which series each pack's ids belong to: its `series:`; for a pack without one, the series
    of the characters and tropes it builds on (found step by step, since one such pack may build
    on another); "" for a pack that builds on nothing (hand-written questions for any game)."""
    scopes: dict[Path, str] = {}
    defined: dict[Path, set[str]] = {}
    for path, value in parsed:
        defined[path] = {item["id"] for section, _ in ID_SECTIONS[:4] for item in value.get(section) or ()}
        series = value.get("series")
        if series:
            scopes[path] = series_scope(series["title"])
    grew = True
    while grew:
        grew = False
        for path, value in parsed:
            if path in scopes:
                continue
            wanted = _referred_ids(value) - defined[path]
            found = {known.scopes_of(item_id) for item_id in wanted}
            found |= {frozenset({scopes[other]}) for other in scopes if defined[other] & wanted}
            found = set().union(*found) if found else set()
            if not wanted:
                scopes[path] = ""
            elif found:
                scopes[path] = sorted(found)[0] if len(found) == 1 else ""
            else:
                continue
            grew = True
    return {path: scopes.get(path, "") for path, _ in parsed}


def _referred_ids(value: YMap) -> set[str]:
    ids = {r["with"] for c in value.get("characters") or () for r in c.get("relationships") or ()}
    for trope in value.get("tropes") or ():
        for example in trope["examples"]:
            ids.update(example.get("characters") or (), example.get("also") or ())
    for section in ("reveals", "red_herrings"):
        ids.update(cid for item in value.get(section) or () for cid in item.get("characters") or ())
    ids.update(item for q in value.get("questions") or () for item in q.get("about") or ())
    return ids


def read_pack_value(path: Path) -> YMap:
    """Parse and structurally validate one file, or raise YamlRefused with every problem."""
    display = display_path(path)
    value = parse(read_text(path, display), display)
    problems = schema.check_structure(value, display)
    problems += _check_questions(value, display) if not problems else []
    if problems:
        raise YamlRefused(problems)
    return value


def display_path(path: Path) -> str:
    """A path as a person would type it: relative to the working folder when inside it."""
    try:
        return str(file_key(path).relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "pack"


def question_id(pack_id: str, prompt: str) -> str:
    """A stable id for a question that has none: its pack and a hash of its prompt."""
    digest = hashlib.sha1(" ".join(prompt.split()).casefold().encode()).hexdigest()[:8]
    return f"{pack_id}-{digest}"


def _check_questions(value: YMap, display: str) -> list[Problem]:
    problems = []
    for question in value.get("questions") or ():
        if "choices" not in question:
            continue  # a typed answer: nothing to choose from
        answer = question["answer"]
        if "accepted" in question:
            line, col = question.key_pos["accepted"]
            problems.append(Problem(display, line, col, "accepted is for typed questions; a question "
                                                        "with choices has exactly one right answer"))
        if answer not in question["choices"]:
            line, col = question.key_pos["answer"]
            close = [c for c in question["choices"] if c.strip().casefold() == answer.strip().casefold()]
            hint = f"; did you mean {close[0]!r}?" if close else f"; the choices are {list(question['choices'])}"
            problems.append(Problem(display, line, col, f"answer {answer!r} is not one of the choices{hint}"))
    return problems


# The sections whose items have ids: facts (the first four) belong to their series, so two series
# may both have a "lucas"; pack and question ids are unique across every pack (scores keep them).
ID_SECTIONS = (("characters", "character"), ("tropes", "trope"), ("reveals", "reveal"),
               ("red_herrings", "red herring"), ("questions", "question"))
_SCOPED = {"character", "trope", "reveal", "red herring", "name"}


@dataclass
class _Known:
    """Ids already taken, with where they were first defined: facts per series, the rest across
    every pack loaded so far. A pack of no series ("") shares every series' ids."""

    owners: dict[tuple[str, str, str], str]  # (series scope or "", kind, id) -> where
    scopes: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)  # (kind, id) -> {scope: where}

    def add(self, key: tuple[str, str, str], where: str) -> None:
        self.owners[key] = where
        self.scopes.setdefault(key[1:], {})[key[0]] = where

    @classmethod
    def from_library(cls, library: Library | None) -> "_Known":
        known = cls({})
        for pack in (library.packs if library else ()):
            known.add(("", "pack", pack.id), display_path(pack.path))
            for section, kind in ID_SECTIONS:
                for item in getattr(pack, section):
                    known.add(known.key(pack.scope, kind, item.id), display_path(pack.path))
            for character in pack.characters:
                for name in character.names:
                    known.add((pack.scope, "name", normalize(name)), f"{display_path(pack.path)}#{character.id}")
        return known

    @staticmethod
    def key(scope: str, kind: str, item_id: str) -> tuple[str, str, str]:
        return (scope if kind in _SCOPED else "", kind, item_id)

    def owner(self, scope: str, kind: str, item_id: str) -> str | None:
        """Who already has this id where `scope` can see it: its own series and the packs of no
        series (a pack of no series sees every series)."""
        found = self.scopes.get((kind, item_id), {})
        if kind not in _SCOPED:
            return found.get("")
        if scope in found or "" in found:
            return found.get(scope) or found[""]
        return next(iter(found.values()), None) if scope == "" else None

    def scopes_of(self, item_id: str) -> frozenset[str]:
        return frozenset(scope for kind in ("character", "trope")
                         for scope in self.scopes.get((kind, item_id), {}) if scope)

    def claim(self, path: Path, pack_id: str, value: YMap, scope: str) -> list[Problem]:
        """Register the ids a pack defines; problems for any already taken (here or elsewhere)."""
        display = display_path(path)
        problems: list[Problem] = []
        wanted = [(("pack", pack_id), value.key_pos.get("id", value.pos))]
        for section, kind in ID_SECTIONS:
            for item in value.get(section) or ():
                item_id = item.get("id") or question_id(pack_id, item["prompt"])
                wanted.append(((kind, item_id), item.key_pos.get("id", item.pos)))
        mine: dict[tuple[str, str], tuple[int, int]] = {}
        for (kind, item_id), pos in wanted:
            owner = self.owner(scope, kind, item_id)
            if (kind, item_id) in mine:
                problems.append(Problem(display, *pos, f"{kind} id {item_id!r} is used twice in this pack "
                                                       f"(first on line {mine[kind, item_id][0]})"))
            elif owner is not None:
                problems.append(Problem(display, *pos, f"{kind} id {item_id!r} is already used by {owner}"))
            mine.setdefault((kind, item_id), pos)
        if not problems:
            for kind, item_id in mine:
                self.add(self.key(scope, kind, item_id), display)
        return problems

    def has(self, kind: str, item_id: str, scope: str) -> bool:
        return self.owner(scope, kind, item_id) is not None


def _check_references(value: YMap, display: str, known: _Known, scope: str) -> list[Problem]:
    problems: list[Problem] = []

    def need(kinds: tuple[str, ...], container, key, item_id) -> None:
        if not any(known.has(kind, item_id, scope) for kind in kinds):
            pos = container.item_pos[key] if isinstance(key, int) else container.key_pos[key]
            wanted = " or ".join(kinds)
            candidates = [k[2] for k in known.owners if k[1] in kinds and (k[0] == scope or "" in (k[0], scope))]
            close = difflib.get_close_matches(item_id, candidates, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(Problem(display, *pos, f"no {wanted} with id {item_id!r}{hint}"))

    def need_all(kinds, mapping, field_name):
        ids = mapping.get(field_name) or ()
        for index, item_id in enumerate(ids):
            need(kinds, ids, index, item_id)

    for character in value.get("characters") or ():
        for relation in character.get("relationships") or ():
            need(("character",), relation, "with", relation["with"])
    for trope in value.get("tropes") or ():
        for example in trope["examples"]:
            problems += _check_example_scope(trope, example, display)
            need_all(("character",), example, "characters")
            need_all(("character",), example, "also")
    for section in ("reveals", "red_herrings"):
        for item in value.get(section) or ():
            need_all(("character",), item, "characters")
    for question in value.get("questions") or ():
        need_all(("character", "trope"), question, "about")
    problems += _check_aliases(value, display, known, scope)
    return problems


def _check_example_scope(trope: YMap, example: YMap, display: str) -> list[Problem]:
    """An example of a trope about the series names no main character (it would be pinned on
    them); any other example needs at least one."""
    characters = example.get("characters") or ()
    if trope.get("about_series") and characters:
        line, col = example.key_pos["characters"]
        return [Problem(display, line, col, "a trope about the series (about_series: true) is pinned on no "
                                            "character: move these ids to 'also'")]
    if not trope.get("about_series") and not characters:
        line, col = example.pos  # no 'characters': the format refuses an empty or null list
        return [Problem(display, line, col, "example needs 'characters' (at least one), or the trope "
                                            "needs 'about_series: true'")]
    return []


def _check_aliases(value: YMap, display: str, known: _Known, scope: str) -> list[Problem]:
    """A typed name must point at one character of a series only, so a series' names may not be
    shared (another series may have its own Lucas)."""
    problems: list[Problem] = []
    for character in value.get("characters") or ():
        names = [character["name"], *(character.get("aliases") or ())]
        for name in names:
            key = (scope, "name", normalize(name))
            owner = known.owner(scope, "name", normalize(name))
            if owner is not None and owner != f"{display}#{character['id']}":
                pos = character.key_pos["aliases" if name != character["name"] else "name"]
                problems.append(Problem(display, *pos, f"the name {name!r} is already used by another "
                                                       f"character ({owner.split('#')[-1]}); names must be "
                                                       f"unique so a typed answer means one character: "
                                                       f"use a fuller name"))
            known.add(key, f"{display}#{character['id']}")
    return problems


def build_pack(value: YMap, path: Path, pack_id: str, scope: str) -> Pack:
    """Turn a validated pack mapping into frozen models."""
    series = value.get("series")
    return Pack(
        id=pack_id,
        scope=scope,
        title=value["title"],
        path=path,
        description=value.get("description", ""),
        author=value.get("author", ""),
        source=value.get("source", ""),
        series=Series(**series) if series else None,
        characters=tuple(_character(c, pack_id) for c in value.get("characters") or ()),
        tropes=tuple(_trope(t, pack_id) for t in value.get("tropes") or ()),
        reveals=tuple(Reveal(id=r["id"], statement=r["statement"], clues=tuple(r.get("clues") or ()),
                             characters=tuple(r.get("characters") or ()), spoiler=r.get("spoiler", True),
                             pack=pack_id, pos=r.pos, detail=r.get("detail", ""),
                             same_as=tuple(r.get("same_as") or ()))
                      for r in value.get("reveals") or ()),
        red_herrings=tuple(RedHerring(id=r["id"], statement=r["statement"],
                                      characters=tuple(r.get("characters") or ()), pack=pack_id, pos=r.pos,
                                      truth=r.get("truth", ""), same_as=tuple(r.get("same_as") or ()))
                           for r in value.get("red_herrings") or ()),
        questions=tuple(_question(q, pack_id) for q in value.get("questions") or ()),
    )


def _character(c: YMap, pack_id: str) -> Character:
    return Character(
        id=c["id"], name=c["name"], role=c["role"], description=c["description"],
        aliases=tuple(c.get("aliases") or ()), spoiler=c.get("spoiler", False),
        relationships=tuple(Relationship(type=r["type"], other=r["with"], note=r.get("note", ""),
                                         spoiler=r.get("spoiler", False), inferred=r.get("inferred", ""),
                                         pos=r.pos)
                            for r in c.get("relationships") or ()),
        pack=pack_id, pos=c.pos,
    )


def _trope(t: YMap, pack_id: str) -> Trope:
    return Trope(
        id=t["id"], name=t["name"], definition=t["definition"], pack=pack_id,
        about_series=t.get("about_series", False), pos=t.pos,
        device=t.get("device", False),
        ask_trope=t.get("ask_trope", True),
        examples=tuple(TropeExample(characters=tuple(e.get("characters") or ()), also=tuple(e.get("also") or ()),
                                    clue=e["clue"], spoiler=e.get("spoiler", False),
                                    inferred=e.get("inferred", ""), pos=e.pos)
                       for e in t["examples"]),
    )


def _question(q: YMap, pack_id: str) -> PackQuestion:
    return PackQuestion(
        id=q.get("id") or question_id(pack_id, q["prompt"]), prompt=q["prompt"],
        choices=tuple(q.get("choices") or ()), answer=q["answer"], accepted=tuple(q.get("accepted") or ()),
        explanation=q.get("explanation", ""),
        difficulty=q.get("difficulty", "medium"), spoiler=q.get("spoiler", False),
        about=tuple(q.get("about") or ()), source=q.get("source", ""), pack=pack_id, line=q.pos[0],
        pos=q.pos,
    )
