"""`--test-mode`: step through every question with its answer key, flag the doubtful ones, and
get a report file of the flags. No timer, nothing saved but the report."""
from __future__ import annotations

from datetime import datetime

from .. import theme
from ..widgets import AnswerTile, draw_panel, draw_text, draw_tiles, upper_first
from .base import Scene, draw_hint
from .play import grid_boxes


def questions_to_check(library, pack_ids) -> list:
    """Every question of the chosen packs (all packs when none), as the generator builds them:
    hand-written questions as the `pack` kind, fact packs as their whole pool. ValueError names
    an id no loaded pack has, as the terminal and export refuse it (`packs.choose_packs`)."""
    from ...generator import Generator
    from ...packs import choose_packs
    # The chosen packs' own series (the whole library may hold several, and plays only one).
    questions = Generator(choose_packs(library, pack_ids).facts).pool()
    if pack_ids:
        questions = [q for q in questions if q.pack in set(pack_ids)]
    return questions


def fact_line(path, facts) -> int:
    """The line of a generated question's first fact (its trope, character...) in the pack file:
    the place to fix it, as a hand-written question's own line is. 0 when none is found."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 0
    for _, value in facts:
        value = str(value)
        escaped = value.replace('"', '\\"')
        quoted = tuple(f"{key}: {form}" for key in ("name", "id")
                       for form in (value, f'"{value}"', f"'{value}'", f'"{escaped}"'))
        for number, text in enumerate(lines, 1):
            if text.strip().lstrip("- ").startswith(quoted):
                return number
    return 0


class TestModeScene(Scene):
    __test__ = False  # not a pytest test class, despite the name
    name = "test-mode"

    def __init__(self, app, pack_ids=None):
        super().__init__(app)
        self.pack_ids = tuple(pack_ids or ())
        try:
            self.questions, self.problem = questions_to_check(app.library, self.pack_ids), ""
        except ValueError as error:  # a mistyped --pack: say so rather than check the other packs
            self.questions, self.problem = [], str(error)
        self.index = 0
        self.flags: dict[str, object] = {}  # question id -> question, in flagging order
        self.report_path = None
        self.finished = False
        self._source_lines: dict[str, str] = {}  # question id -> its source line, found once

    @property
    def question(self):
        return self.questions[self.index] if self.questions else None

    def handle(self, event, action):
        if action is None:
            return
        if action.name in ("left", "up") and self.questions:
            self.index = (self.index - 1) % len(self.questions)
        elif action.name in ("right", "down", "confirm") and self.questions:
            self.index = (self.index + 1) % len(self.questions)
        elif action.name == "flag" and self.question is not None:
            if self.question.id in self.flags:
                del self.flags[self.question.id]
            else:
                self.flags[self.question.id] = self.question
            self.app.sound.play("select")
        elif action.name == "back":
            self.finish()

    def finish(self) -> None:
        """Write the report (when anything was flagged), say where, and show the end card."""
        if self.finished:
            return
        self.finished = True
        if self.flags:
            self.report_path = write_flag_report(self.app.data_dir, self.pack_ids, self.flags.values(),
                                                 len(self.questions))
            message = f"test mode: {_count(len(self.flags))} written to {self.report_path}"
        else:
            message = "test mode: nothing flagged; no report written"
        print(message, flush=True)
        if self.app.running and self.app.stack and self.app.top is self:
            self.app.replace(TestModeEndScene(self.app, self.report_path, len(self.flags)))

    def source_line(self, question) -> str:
        """Where the question comes from, and the file (and line) to fix it in. Looked up once
        per question, not every frame: finding it scans the pack and resolves its path on disk."""
        if question.id not in self._source_lines:
            self._source_lines[question.id] = self._find_source(question)
        return self._source_lines[question.id]

    def _find_source(self, question) -> str:
        from ...packs import display_path
        pack = next((p for p in self.app.library.packs if p.id == question.pack), None)
        source = question.source or (pack.source if pack else "") or "the fact base"
        if pack is None:
            return f"Source: {source}"
        if question.kind == "pack":
            line = next((q.line for q in pack.questions if q.prompt == question.prompt), 0)
        else:
            line = fact_line(pack.path, question.facts)
        return f"Source: {source}\nFile: {display_path(pack.path)}" + (f":{line}" if line else "")

    def on_quit(self) -> None:
        self.finish()

    def draw(self, surface):
        view, question = self.view, self.question
        x, w = view.column()
        packs = ", ".join(self.pack_ids) or "all packs"
        draw_text(surface, view, (x, 18, w * 0.5, 44), "Test mode: answer key", size=theme.SIZE_HEADING * 0.75,
                  weight="bold", valign="center")
        flagged = f"  ·  {len(self.flags)} flagged" if self.flags else ""
        counter = f"{self.index + 1} of {len(self.questions)} · {packs}{flagged}" if self.questions else packs
        draw_text(surface, view, (x + w * 0.5, 18, w * 0.5, 44), counter, size=theme.SIZE_SMALL, color=theme.INK_MUTED,
                  align="right", valign="center")
        if question is None:
            reason = upper_first(self.problem) if self.problem else "No questions to check."
            draw_text(surface, view, view.centred(880, 160), reason, size=theme.SIZE_BODY, align="center",
                      valign="center")
            draw_hint(surface, view, "Esc to leave")
            return
        spoiler = " · spoiler" if question.spoiler else ""
        draw_text(surface, view, (x, 66, w - 200, 34),
                  f"id: {question.id} · kind: {question.kind} · pack: {question.pack or '-'} · "
                  f"{question.difficulty}{spoiler}",
                  size=theme.SIZE_SMALL, color=theme.ACCENT, valign="center")
        if question.id in self.flags:
            draw_panel(surface, view, (x + w - 180, 64, 180, 34), fill=theme.WARNING, edge=None, radius=8)
            draw_text(surface, view, (x + w - 172, 66, 164, 30), "FLAGGED", size=theme.SIZE_SMALL, weight="bold",
                      color=theme.INK_DARK, align="center", valign="center")
        bottom = view.hint_top - 8
        details_h = max(188.0, (bottom - 104) * 0.34)
        details_top = bottom - details_h
        prompt_h = min(180.0, (details_top - 104) * 0.36)
        draw_panel(surface, view, (x, 104, w, prompt_h))
        draw_text(surface, view, (x + 24, 112, w - 48, prompt_h - 16), question.prompt, size=theme.SIZE_BODY * 1.1,
                  weight="semibold", align="center", valign="center")
        top = 104 + prompt_h + 14
        if question.is_typed:
            draw_panel(surface, view, (x, top, w, details_top - 14 - top), fill=theme.PANEL_RAISED,
                       edge=view.palette.right)
            draw_text(surface, view, (x + 24, top + 10, w - 48, 60), f"Answer: {question.answer}",
                      size=theme.SIZE_PROMPT, weight="bold", color=view.palette.right, valign="center")
            draw_text(surface, view, (x + 24, top + 74, w - 48, details_top - top - 98),
                      f"Accepted: {', '.join(question.accepted) or question.answer}\n"
                      f"Never accepted: {', '.join(question.rejected) or '-'}", size=theme.SIZE_SMALL)
        else:
            boxes = grid_boxes(view, len(question.choices), top, details_top - 14)
            draw_tiles(surface, view, [AnswerTile(box, i, choice, "right" if choice == question.answer else "normal")
                                       for i, (box, choice) in enumerate(zip(boxes, question.choices))])
        facts = "; ".join(f"{label}: {value}" for label, value in question.facts) or "-"
        draw_panel(surface, view, (x, details_top, w, details_h))
        y = details_top + 8
        source = self.source_line(question)
        for text, color in ((f"Explanation: {question.explanation or '-'}", theme.INK),
                            (f"Built on: {facts}", theme.INK_MUTED), (source, theme.INK_MUTED)):
            # The source (file and line: where to fix it) always keeps its room at the bottom.
            room = (bottom - 8 - y) if text is source else max(30.0, bottom - 8 - y - 70)
            fit = draw_text(surface, view, (x + 24, y, w - 48, room), text, size=theme.SIZE_SMALL, color=color)
            y += fit.height / view.scale + 8  # each block right under the one before
        draw_hint(surface, view, "Left/Right step  ·  F flag or unflag  ·  Esc finish and write the report")


class TestModeEndScene(Scene):
    __test__ = False
    name = "test-mode-end"

    def __init__(self, app, report_path, flagged: int):
        super().__init__(app)
        self.report_path = report_path
        self.flagged = flagged

    def handle(self, event, action):
        if action is not None and action.name in ("confirm", "back"):
            self.app.quit()

    def draw(self, surface):
        view = self.view
        x, y, w, h = view.centred(880, 360)
        draw_panel(surface, view, (x, y, w, h), fill=theme.PANEL, edge=theme.ACCENT, width=3)
        draw_text(surface, view, (x + 40, y + 30, w - 80, 60), "Test mode finished", size=theme.SIZE_HEADING,
                  weight="bold", align="center", valign="center")
        if self.report_path:
            draw_text(surface, view, (x + 40, y + 120, w - 80, 50), f"{_count(self.flagged)} written to:",
                      size=theme.SIZE_BODY, align="center", valign="center")
            draw_text(surface, view, (x + 30, y + 180, w - 60, 120), str(self.report_path), size=theme.SIZE_SMALL,
                      weight="semibold", color=theme.ACCENT, align="center", valign="center")
        else:
            draw_text(surface, view, (x + 40, y + 110, w - 80, 200), "Nothing was flagged, so no report was written.",
                      size=theme.SIZE_BODY, align="center", valign="center")
        draw_hint(surface, view, "Enter or Esc to quit")


def _count(flagged: int) -> str:
    return f"{flagged} flagged question{'s' if flagged != 1 else ''}"


def write_flag_report(data_dir, pack_ids, questions, total: int):
    """One line per flagged question (id, tab, prompt) under a header; written atomically."""
    from ..app import write_atomically
    from ...paths import user_data_dir
    folder = data_dir or user_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.now()
    path = folder / f"test-mode-flags-{now:%Y%m%d-%H%M%S}.txt"
    questions = list(questions)
    lines = ["# Osmosis Quiz test-mode flags",
             f"# pack: {', '.join(pack_ids) or 'all packs'}",
             f"# written: {now.isoformat(timespec='seconds')}",
             f"# flagged: {len(questions)} of {total} questions",
             *(f"{q.id}\t{' '.join(q.prompt.split())}" for q in questions)]
    write_atomically(path, "\n".join(lines) + "\n")
    return path
