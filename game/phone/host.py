"""`python main.py host`: a party played on phones, hosted on this machine.

Builds the room (packs, settings, the save file), starts the phone server and prints
`join: <url>  PIN: <pin>` as the first line; then either opens the big screen (pygame) or, with
`--headless`, runs the party in the terminal: the question, the reveal and the standings printed
there, the host's commands read from standard input. The server stops when the party ends.
"""
from __future__ import annotations

import queue
import sys
import threading
import time
from dataclasses import dataclass
from typing import TextIO

from ..engine import SystemClock
from ..party import PartyGame, party_settings
from ..storage import Store
from .room import Room, Stage

TICK_SECONDS = 0.05  # the headless host's beat: the buzzer and the reveal move on within this
UNSPECIFIED = ("0.0.0.0", "::", "")
SHAPE_MARKS = {"circle": "●", "diamond": "◆", "triangle": "▲", "square": "■"}
HELP = "commands: Enter or 'start' starts, 'next' moves on, 'kick NAME' removes a player, 'end' stops the party"


@dataclass
class Party:
    """Everything a hosted party needs, built once for either front end."""

    room: Room
    server: object  # PhoneServer
    store: Store
    url: str
    owns_store: bool = True

    def close(self) -> None:
        """End the party: phones are told, the server stops listening."""
        self.room.close()
        self.server.stop()
        if self.owns_store:
            self.store.close()


def open_party(args, clock=None, library=None, store: Store | None = None) -> Party:
    """Load the packs (unless given), open the save file (unless given), start the server; raises
    ValueError or BindError with a one-line reason."""
    from .server import BindError, PhoneServer, local_network_address

    if library is None:
        from ..packs import load_library
        library = load_library(getattr(args, "packs", None) or ())
    if not library.packs:
        raise ValueError("no pack to play; see `python main.py packs`")
    rounds = getattr(args, "rounds", None)
    settings = party_settings(seed=getattr(args, "seed", None),
                              questions_per_round=getattr(args, "questions", None) or 5)
    if rounds:
        settings = party_settings(seed=settings.seed, questions_per_round=settings.questions_per_round,
                                  rounds=settings.rounds[:rounds])
    clock = clock or SystemClock()
    from ..generator import Generator
    facts = library.facts
    generator = Generator(facts, settings.difficulty, settings.spoilers)
    owns_store = store is None
    store = store if store is not None else Store.open(getattr(args, "data_dir", None))

    def make_game(players):
        # Phones have no lifeline buttons: one tap is one answer.
        return PartyGame(facts, settings, players, clock=clock, generator=generator, lifelines=False)

    def save(game):
        if store.can_save:
            for name in room.players_by_name():
                store.save_game(game.results(name), game.settings, name)

    room = Room(make_game, clock=clock, on_finish=save)
    bind = getattr(args, "bind", None)
    try:
        address = local_network_address() if bind is None else bind
        server = PhoneServer(room, address, getattr(args, "port", None) or 0)
        url = server.start()
    except BindError:
        if owns_store:
            store.close()
        raise
    if address in UNSPECIFIED:  # listening everywhere, as asked: phones need a real address to type
        url = url.replace(f"//{address}:", f"//{local_network_address()}:").replace("//[::]:", f"//{local_network_address()}:")
    return Party(room, server, store, url, owns_store)


def run(args) -> int:
    from .server import BindError
    clock = None
    if not getattr(args, "headless", False):
        from ..ui.app import LoopClock
        clock = LoopClock()  # the big screen's clock: it moves with the frames, as in every scene
    try:
        party = open_party(args, clock)
    except (ValueError, BindError) as error:
        print(f"osmosis-quiz host: {error}", file=sys.stderr)
        return 1
    print(f"join: {party.url}  PIN: {party.room.pin}", flush=True)
    if party.store.warning:
        print(party.store.warning, flush=True)
    try:
        if getattr(args, "headless", False):
            if hasattr(sys.stdout, "reconfigure"):  # a terminal that cannot show ● or a name's accent
                sys.stdout.reconfigure(errors="replace")  # gets a '?', never a traceback mid-party
            return HeadlessHost(party.room, sys.stdout).run(read_commands(sys.stdin))
        from ..ui.app import run_host
        return run_host(args, party, clock)
    except KeyboardInterrupt:
        print("\nparty stopped", file=sys.stderr)
        return 130
    finally:
        party.close()


def read_commands(stream: TextIO) -> queue.Queue:
    """The host's lines from `stream`, read in a thread so the party never waits on the keyboard;
    the end of input just means no more commands (the party goes on by itself)."""
    lines: queue.Queue = queue.Queue()

    def read():
        for line in stream:
            lines.put(line.strip())

    threading.Thread(target=read, name="host-commands", daemon=True).start()
    return lines


class HeadlessHost:
    """The party with no window: what the big screen would show, printed as it happens."""

    def __init__(self, room: Room, out: TextIO):
        self.room = room
        self.out = out
        self.seen_players: set[str] = set()
        self.connected: dict[str, bool] = {}  # as last printed: a phone dropping or back is news
        self.shown = (None, 0)  # (stage, question number) last printed

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def run(self, commands: queue.Queue) -> int:
        self.say(HELP)
        while self.room.stage is not Stage.CLOSED:
            try:
                while True:
                    self.command(commands.get_nowait())
            except queue.Empty:
                pass
            self.room.update()
            self.show()
            time.sleep(TICK_SECONDS)
        return 0

    def command(self, line: str) -> None:
        word, _, rest = line.partition(" ")
        word = word.lower()
        if word in ("", "start") and self.room.stage is Stage.LOBBY:
            if not self.room.start():
                self.say("nobody has joined yet")
        elif word == "next":
            self.room.advance()
        elif word == "kick" and rest:
            self.say(f"removed {rest}" if self.room.remove(rest.strip()) else f"no player called {rest.strip()}")
        elif word == "end":
            self.room.close()
        elif word:
            self.say(HELP)

    def show(self) -> None:
        room = self.room
        with room.lock:
            for standing in room.standings():
                if standing.name not in self.seen_players:
                    self.seen_players.add(standing.name)
                    self.say(f"{standing.name} joined ({len(room.players)} player{'s' if len(room.players) != 1 else ''})")
                elif self.connected.get(standing.name, True) != standing.connected:
                    self.say(f"{standing.name} is back" if standing.connected else f"{standing.name} lost connection")
                self.connected[standing.name] = standing.connected
            now = (room.stage, room.number)
            if now == self.shown:
                return
            self.shown = now
            if room.stage is Stage.QUESTION:
                self.show_question()
            elif room.stage is Stage.REVEAL:
                self.show_reveal()
            elif room.stage is Stage.STANDINGS:
                self.show_standings("Standings")
            elif room.stage is Stage.PODIUM:
                self.show_standings("Final standings")

    def show_question(self) -> None:
        game = self.room.game
        self.say(f"\nQuestion {self.room.number} of {self.room.total_questions} ({game.current_round.title})")
        self.say(game.question.prompt)
        for (fill, shape), choice in zip(self.room.tiles, game.choices):
            self.say(f"  {SHAPE_MARKS.get(shape, '*')} {choice}")

    def show_reveal(self) -> None:
        reveal = self.room.game.reveal
        self.say(f"Answer: {reveal.question.answer}")
        for name in self.room.players_by_name():
            answer = reveal.answer_of(name)
            if answer is not None:
                verdict = "right" if answer.outcome.correct else "no answer" if answer.missed else "wrong"
                self.say(f"  {name}: {verdict} +{answer.outcome.points}")

    def show_standings(self, title: str) -> None:
        self.say(f"{title}:")
        for standing in self.room.standings():
            self.say(f"  {standing.rank:>2}. {standing.name:<24} {standing.total:>7}")
