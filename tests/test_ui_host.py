"""The big screen of a phone party, driven through the window with posted keys while real phones
(WebSockets on loopback, from a thread of their own) join and answer."""
from __future__ import annotations

import asyncio
import json
import socket
import sqlite3
import threading

import aiohttp
import pygame
import pytest

from game.phone.room import Stage
from game.storage import DB_NAME
from test_ui_scenes import overflows_at_every_size


class Phones:
    """WebSocket phones on an asyncio loop in their own thread, so the test can step the window
    while they talk to the server."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        self.session = self.call(self._session())
        self.sockets: dict[str, aiohttp.ClientWebSocketResponse] = {}

    async def _session(self):
        return aiohttp.ClientSession()

    def call(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=20)

    def join(self, url: str, pin: str, name: str) -> dict:
        async def join():
            ws = await self.session.ws_connect(url + "ws")
            await ws.send_str(json.dumps({"type": "join", "pin": pin, "name": name}))
            self.sockets[name] = ws
            return await ws.receive_json(timeout=10)
        return self.call(join())

    def answer(self, name: str, number: int, choice: int) -> dict:
        async def answer():
            ws = self.sockets[name]
            await ws.send_str(json.dumps({"type": "answer", "question": number, "choice": choice}))
            while True:
                message = await ws.receive_json(timeout=10)
                if message["type"] in ("ack", "refused"):
                    return message
        return self.call(answer())

    def close(self) -> None:
        async def close():
            for ws in self.sockets.values():
                await ws.close()
            await self.session.close()
        self.call(close())
        self.loop.call_soon_threadsafe(self.loop.stop)


@pytest.fixture
def phones():
    started = Phones()
    yield started
    started.close()


@pytest.fixture
def host_pilot(make_app):
    from conftest import Pilot
    return Pilot(make_app(bind="127.0.0.1", port=0, seed=4, rounds=1, questions=2))


def test_the_host_screen_runs_a_phone_party_from_the_title_to_the_podium(host_pilot, phones, tmp_path):
    pilot = host_pilot
    app = pilot.app
    pilot.step()
    pilot.click_box(app.top.menu.button("host").box)
    lobby = pilot.scene
    assert lobby.name == "host-lobby"
    party = lobby.party
    port = int(party.url.rsplit(":", 1)[1].strip("/"))
    assert party.url.startswith("http://127.0.0.1:")
    pilot.press(pygame.K_RETURN)  # nobody yet: Start does nothing
    assert pilot.scene is lobby
    for name in ("Ann", "Bob", "Zed"):
        assert phones.join(party.url, party.room.pin, name)["type"] == "welcome"
    pilot.step()
    shown = [r.text for r in app.view.reports]
    assert "3 players (up to 20)" in shown and {"Ann", "Bob", "Zed"} <= set(shown)
    assert party.room.pin in "".join(shown).replace(" ", "")
    pilot.press(pygame.K_TAB, pygame.K_TAB, pygame.K_TAB, pygame.K_DELETE)  # the third row: Zed
    assert party.room.players_by_name() == ["Ann", "Bob"]
    assert overflows_at_every_size(app) == []

    pilot.press(pygame.K_RETURN)  # Start
    game_scene = pilot.scene
    assert game_scene.name == "host-game" and party.room.stage is Stage.QUESTION
    for number in (1, 2):
        question = party.room.game.question
        right = question.choices.index(question.answer)
        pilot.step()
        shown = [r.text for r in app.view.reports]
        assert question.prompt in shown and all(choice in shown for choice in question.choices)
        assert overflows_at_every_size(app) == []
        assert phones.answer("Ann", number, right)["type"] == "ack"
        pilot.step()
        assert "Ann ✓" in [r.text for r in app.view.reports]  # who has answered, never what
        phones.answer("Bob", number, (right + 1) % len(question.choices))
        pilot.step()
        assert party.room.stage is Stage.REVEAL
        assert app.sound.played[-1] == "right"  # Ann got it: the room hears it
        shown = [r.text for r in app.view.reports]
        assert any(text.startswith("Ann +") for text in shown) and "Bob ✗" in shown
        assert overflows_at_every_size(app) == []
        if number == 1:  # someone joins late under a name the room should not see: the host removes them
            assert phones.join(party.url, party.room.pin, "Rude")["type"] == "welcome"
            pilot.press(pygame.K_TAB, pygame.K_TAB, pygame.K_TAB)
            assert "Delete removes Rude" in " ".join(r.text for r in app.view.reports)
            pilot.press(pygame.K_DELETE)
            assert party.room.players_by_name() == ["Ann", "Bob"] and party.room.stage is Stage.REVEAL
        pilot.press(pygame.K_RETURN)
        assert party.room.stage is Stage.STANDINGS
        assert overflows_at_every_size(app) == []
        pilot.press(pygame.K_RETURN)
    assert party.room.stage is Stage.PODIUM
    pilot.step()
    assert "Ann wins!" in [r.text for r in app.view.reports]
    assert overflows_at_every_size(app) == []
    assert pilot.overflows == []  # every frame drawn on the way, at the window's size
    pilot.press(pygame.K_RETURN)  # end the party: back to the title, nothing listening
    assert pilot.scene.name == "title"
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    with sqlite3.connect(tmp_path / "data" / DB_NAME) as db:
        saved = dict(db.execute("SELECT players.name, games.mode FROM games JOIN players ON players.id = games.player_id"))
    assert saved == {"Ann": "party", "Bob": "party"}  # Zed and Rude were removed: not saved


def test_a_party_that_cannot_listen_says_why_on_the_title(make_app):
    from conftest import Pilot
    pilot = Pilot(make_app(bind="192.0.2.254", port=0))  # an address this machine does not have
    pilot.step()
    pilot.click_box(pilot.app.top.menu.button("host").box)
    assert pilot.scene.name == "title"
    pilot.step()
    shown = " ".join(r.text for r in pilot.app.view.reports)
    assert "Cannot listen on 192.0.2.254:0" in shown
    assert pilot.overflows == []
