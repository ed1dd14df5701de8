"""`import tropes` on real TV Tropes pages of nine other series and episodes (tests/fixtures/tropes/, with
their licence in ATTRIBUTION.md), measured against answer keys written by hand: the characters
found, the trope->character links recovered, and no non-character made a character. Five of the
pages were held out while the importer was written. Every draft must pass `check` beside the
Osmosis packs (and beside each other), play in the terminal, and give questions that pass the
editorial checks the built-in packs pass.

`python tests/test_tropes_pages.py` prints the figures for questions/README.md.
"""
from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # when run as a script for the figures
    sys.path.insert(0, str(ROOT))

from game import paths  # noqa: E402
from game.cli import main  # noqa: E402
from game.generator import Generator  # noqa: E402
from game.models import Pack  # noqa: E402
from game.packs import choose_packs, load_library  # noqa: E402
from game.text import normalize  # noqa: E402

PAGES = ROOT / "tests" / "fixtures" / "tropes"
# The pages of other series, each with its answer key (osmosis.txt is the page of the series the
# game ships: it is imported beside the bundled pack, see the last test).
PAGE_NAMES = sorted(p.stem.removesuffix(".key") for p in PAGES.glob("*.key.yaml"))
HELD_OUT = {"be-right-back", "the-returned", "twilight-zone-2002-s1e1", "the-entire-history-of-you", "white-bear"}
WORD_CLUE = re.compile(r"[^\W\d_][\w'’\-]*")


def key_of(name: str) -> dict:
    return yaml.safe_load((PAGES / f"{name}.key.yaml").read_text(encoding="utf-8"))


def folded(name: str) -> str:
    return re.sub(r"^the ", "", normalize(name))


@dataclass
class Figures:
    page: str
    characters: int
    characters_found: int
    links: int
    links_found: int
    wrong_links: list
    not_characters: list  # draft characters that are no character of the key
    missed: list

    def row(self) -> str:
        held = " (held out)" if self.page in HELD_OUT else ""
        wrong = ", ".join(self.not_characters) or "none"
        return (f"| `{self.page}`{held} | {self.characters_found}/{self.characters} | "
                f"{self.links_found}/{self.links} | {wrong} | {', '.join(self.missed) or '-'} |")


def measure(name: str, pack: Pack) -> Figures:
    """The draft `pack` of page `name` against the page's answer key."""
    key = key_of(name)
    names_of = {main: {folded(main), *map(folded, others)} for main, others in key["characters"].items()}
    which: dict[str, str | None] = {}  # draft character id -> key character
    for character in pack.characters:
        mine = {folded(n) for n in character.names}
        which[character.id] = next((main for main, names in names_of.items() if names & mine), None)
    found = {main for main in which.values() if main}
    not_characters = [c.name for c in pack.characters if not which[c.id]]
    draft_links: dict[str, set] = {}
    for trope in pack.tropes:
        involved = set().union(*(e.involved for e in trope.examples))
        draft_links.setdefault(folded(trope.name), set()).update(which.get(cid) for cid in involved)
    for question in pack.questions:  # a name-only question keeps its trope's link
        trope = re.search(r"example of “(.+?)”", question.prompt)
        if trope:
            draft_links.setdefault(folded(trope.group(1)), set()).update(which.get(cid) for cid in question.about)
    links = links_found = 0
    wrong, missed = [], []
    for trope, who in key["tropes"].items():
        got = draft_links.get(folded(trope), set()) - {None}
        links += len(who)
        links_found += len(set(who) & got)
        missed += [f"{trope}→{w}" for w in who if w not in got]
        wrong += [f"{trope}→{w}" for w in got - set(who)]
    return Figures(name, len(names_of), len(found), links, links_found, wrong, not_characters,
                   [m for m in names_of if m not in found] + missed)


def import_all(folder: Path) -> dict[str, Pack]:
    """Every page imported into `folder` through the real command line, then loaded beside the
    bundled packs as the game would load them."""
    for name in PAGE_NAMES:
        code = main(["import", "tropes", str(PAGES / f"{name}.txt"), "-o", str(folder / f"{name}.yaml")])
        assert code == 0, name
    library = load_library([folder])
    assert not library.refused, [r.reason for r in library.refused]
    return {p.id: p for p in library.packs if p.id in PAGE_NAMES}


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("drafts")
    user = tmp_path_factory.mktemp("user-data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paths, "user_data_dir", lambda: user)
        return folder, import_all(folder)


def test_every_real_page_imports_with_its_cast_and_links(drafts):
    _, packs = drafts
    figures = [measure(name, packs[name]) for name in PAGE_NAMES]
    characters = sum(f.characters for f in figures)
    links = sum(f.links for f in figures)
    assert sum(f.characters_found for f in figures) >= 0.9 * characters, [f.missed for f in figures]
    assert sum(f.links_found for f in figures) >= 0.9 * links, [f.missed for f in figures]
    assert [f.not_characters for f in figures] == [[]] * len(figures)  # no non-character is a character
    assert [f.wrong_links for f in figures] == [[]] * len(figures)
    for name in PAGE_NAMES:  # the names the key says are no one's are not in the draft
        draft_names = {folded(n) for c in packs[name].characters for n in c.names}
        assert not draft_names & {folded(n) for n in key_of(name)["non_characters"]}, name


def test_every_draft_passes_check_beside_the_osmosis_packs(drafts, capsys):
    folder, _ = drafts
    code = main(["--packs", str(folder), "check"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"{len(PAGE_NAMES) + 2} packs checked: {len(PAGE_NAMES) + 2} valid, 0 refused" in out, out
    assert "osmosis.yaml" in out and all(f"{name}.yaml" in out for name in PAGE_NAMES)


@pytest.mark.parametrize("name", ["nosedive", "the-returned"])
def test_a_draft_plays_in_the_terminal_on_its_own(drafts, tmp_path, name):
    folder, _ = drafts
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(tmp_path), "text",
                             "--seed", "3", "--packs", str(folder), "--pack", name],
                            input="1\n" * 200, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert len(re.findall(r"^Question \d+ of \d+:", result.stdout, re.M)) >= 5, result.stdout[-2000:]


def editorial_problems(questions, facts) -> list[str]:
    """What the built-in packs never do: a blank for a clue, the answer's own name in the
    question, a right answer that is not among the choices or is there twice."""
    problems = []
    for q in questions:
        character = next((c for c in facts.characters.values() if c.name == q.answer), None)
        if character:
            for name in character.names:
                if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", q.prompt):
                    problems.append(f"{q.id}: its answer {name!r} is in the question")
        for clue in (part for part in re.split(r"[.?!:]", q.prompt) if "___" in part):
            if len([w for w in WORD_CLUE.findall(clue) if len(w) > 2]) < 2:
                problems.append(f"{q.id}: a blank for a clue: {q.prompt!r}")
        if q.choices and (q.answer not in q.choices or len(set(q.choices)) != len(q.choices)):
            problems.append(f"{q.id}: choices {q.choices} with answer {q.answer!r}")
    return problems


def test_questions_from_every_draft_pass_the_editorial_checks(drafts):
    """The checks the built-in packs pass (game/editorial.py), over every question and over
    seeded quizzes, plus this file's own: no blank for a clue, no answer named in its question."""
    from game import editorial
    folder, packs = drafts
    library = load_library([folder])
    for name in PAGE_NAMES:
        facts = choose_packs(library, [name]).facts
        for difficulty in ("easy", "medium", "hard"):
            generator = Generator(facts, difficulty=difficulty)
            pool = generator.pool()
            assert pool, name
            assert editorial_problems(pool, facts) == [], name
            assert [str(p) for p in editorial.check_questions(pool, facts)] == [], name
            for seed in range(5):
                quiz = generator.quiz(10, seed)
                assert [str(p) for p in editorial.check_quiz(quiz)] == [], (name, seed)


def test_test_mode_shows_a_draft_pack_s_questions(drafts):
    """`--test-mode --pack nosedive`: the draft's own questions, though the library's default
    game plays the bundled series."""
    from game.ui.scenes.testmode import questions_to_check
    folder, _ = drafts
    questions = questions_to_check(load_library([folder]), ["nosedive"])
    assert questions and {q.pack for q in questions} == {"nosedive"}


def test_the_editorial_check_bites():
    """The check above fails on the questions the importer used to make."""
    from game.models import FactBase, Question
    facts = FactBase(characters={c.id: c for c in load_library().packs[0].characters})
    blank = Question("t2c-x-1", "trope-to-character", "Alpha Bitch: ___. Who is it?", "Lucas", ("Lucas", "Paul"))
    named = Question("t2c-x-2", "trope-to-character", "Who is it? Lucas shouts at ___.", "Lucas", ("Lucas", "Paul"))
    assert len(editorial_problems([blank, named], facts)) == 2


def test_a_cast_given_by_hand_replaces_the_one_found(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(paths, "user_data_dir", lambda: tmp_path / "user")
    output = tmp_path / "nosedive.yaml"
    code = main(["import", "tropes", str(PAGES / "nosedive.txt"), "-o", str(output),
                 "--cast", "Lacie Pound, Naomi, Ryan Pound, Bethany/Beth"])
    assert code == 0, capsys.readouterr().err
    text = output.read_text(encoding="utf-8")
    assert "given with --cast" in text  # the header says where the cast came from
    pack = load_library([tmp_path]).packs[-1]
    assert [c.name for c in pack.characters] == ["Lacie Pound", "Naomi", "Ryan Pound", "Bethany"]
    aliases = {c.name: c.aliases for c in pack.characters}
    assert aliases["Lacie Pound"] == ("Lacie",) and aliases["Bethany"] == ("Beth",)
    examples = {t.name: t.examples[0] for t in pack.tropes}
    assert examples["Affectionate Nickname"].also == ("nosedive-bethany", "nosedive-naomi")


def test_the_draft_shows_the_cast_found_and_the_names_refused(drafts):
    folder, _ = drafts
    header = [line for line in (folder / "nosedive.yaml").read_text(encoding="utf-8").splitlines()
              if line.startswith("#")]
    text = "\n".join(header)
    assert re.search(r"#   Ryan: .*a role in the credits", text)
    assert re.search(r"#   Bryce Dallas Howard: an actor", text)
    assert re.search(r"#   Czech: language", text)
    assert re.search(r"#   Prospero Hall: credited with making the work", text)


def test_the_osmosis_page_links_to_the_bundled_characters(tmp_path, capsys, monkeypatch):
    """The real Osmosis page, imported beside the bundled pack: every character it names is the
    bundled one (none repeated), each example pinned on the right one, and the draft passes check."""
    monkeypatch.setattr(paths, "user_data_dir", lambda: tmp_path / "user")
    output = tmp_path / "osmosis-page.yaml"
    code = main(["import", "tropes", str(PAGES / "osmosis.txt"), "-o", str(output)])
    out = capsys.readouterr().out
    assert code == 0 and "warning" not in out, out
    assert "7 of them already in the installed Osmosis pack" in out
    library = load_library([tmp_path])
    assert not library.refused, [r.reason for r in library.refused]
    draft = next(p for p in library.packs if p.id == "osmosis-page")
    assert draft.characters == () and draft.scope == "osmosis"
    pinned = {t.name: (t.examples[0].characters, t.examples[0].also) for t in draft.tropes}
    assert pinned == {"Abusive Parents": (("louise",), ("paul", "esther")), "A.I. Is a Crapshoot": (("martin",), ())}
    facts = library.only({"osmosis-page"}).facts
    from_the_page = [q for q in Generator(facts).pool() if q.pack == "osmosis-page"]
    assert from_the_page and editorial_problems(from_the_page, facts) == []


if __name__ == "__main__":
    import tempfile
    with tempfile.TemporaryDirectory() as temp:
        paths.user_data_dir = lambda: Path(temp) / "user"
        packs = import_all(Path(temp))
        print("| page | characters found | trope→character links | non-characters made characters | missed |")
        print("|---|---|---|---|---|")
        all_figures = [measure(name, packs[name]) for name in PAGE_NAMES]
        for figure in all_figures:
            print(figure.row())
        print(f"| all | {sum(f.characters_found for f in all_figures)}/{sum(f.characters for f in all_figures)} | "
              f"{sum(f.links_found for f in all_figures)}/{sum(f.links for f in all_figures)} | "
              f"{sum(len(f.not_characters) for f in all_figures)} | |")
