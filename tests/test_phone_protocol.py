"""The phone server on loopback, spoken to as a phone (and as someone who is not one) would:
real packs, a real PartyGame, the real aiohttp server, real WebSockets."""
from __future__ import annotations

import argparse
import asyncio
import json
import socket

import aiohttp
import pytest

from game.phone.host import open_party
from game.phone.room import MAX_PLAYERS, WRONG_PIN_LIMIT, Stage
from game.phone.server import BindError, private_or_refused
from game.storage import Store


@pytest.fixture
def party(tmp_path):
    args = argparse.Namespace(packs=[], seed=7, rounds=1, questions=3, data_dir=tmp_path, bind="127.0.0.1", port=0)
    party = open_party(args)
    yield party
    party.close()


def run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, 30))


class Phone:
    """One WebSocket, as the phone page uses it."""

    def __init__(self, session: aiohttp.ClientSession, url: str):
        self.session, self.url = session, url
        self.ws = None
        self.received: list[dict] = []
        self.token = None

    async def open(self, headers=None):
        self.ws = await self.session.ws_connect(self.url + "ws", headers=headers)
        return self

    async def send(self, message) -> None:
        await self.ws.send_str(message if isinstance(message, str) else json.dumps(message))

    async def next(self) -> dict | None:
        """The next message, or None when the server closed the socket."""
        message = await self.ws.receive(timeout=10)
        if message.type is not aiohttp.WSMsgType.TEXT:
            return None
        data = json.loads(message.data)
        self.received.append(data)
        if data["type"] == "welcome":
            self.token = data["token"]
        return data

    async def until(self, predicate) -> dict:
        while True:
            message = await self.next()
            assert message is not None, f"socket closed; got {self.received}"
            if predicate(message):
                return message

    async def screen(self, name: str) -> dict:
        message = await self.until(lambda m: m["type"] == "state" and m["view"]["screen"] == name)
        return message["view"]

    async def join(self, pin: str, name: str) -> dict | None:
        await self.send({"type": "join", "pin": pin, "name": name})
        return await self.next()

    async def closed(self) -> int:
        """Read to the end; the close code."""
        while await self.next() is not None:
            pass
        return self.ws.close_code


async def joined(session, party, name: str) -> Phone:
    phone = await Phone(session, party.url).open()
    welcome = await phone.join(party.room.pin, name)
    assert welcome["type"] == "welcome", welcome
    await phone.screen("lobby")
    return phone


def right_choice(party) -> int:
    question = party.room.game.question
    return question.choices.index(question.answer)


def test_a_wrong_pin_is_refused_and_repeated_wrong_pins_lock_the_device_out(party):
    async def scenario():
        async with aiohttp.ClientSession() as session:
            wrong = "000000" if party.room.pin != "000000" else "111111"
            for _ in range(WRONG_PIN_LIMIT):
                phone = await Phone(session, party.url).open()
                refusal = await phone.join(wrong, "Mallory")
                assert refusal["type"] == "refused" and "Wrong PIN" in refusal["reason"]
                assert await phone.closed() == aiohttp.WSCloseCode.POLICY_VIOLATION
            phone = await Phone(session, party.url).open()
            refusal = await phone.join(party.room.pin, "Mallory")  # even the right PIN, now
            assert refusal["type"] == "refused" and "Too many" in refusal["reason"]
    run(scenario())
    assert party.room.players_by_name() == []


def test_a_forged_token_gets_nobody_in(party):
    async def scenario():
        async with aiohttp.ClientSession() as session:
            ann = await joined(session, party, "Ann")
            forger = await Phone(session, party.url).open()
            await forger.send({"type": "rejoin", "token": ann.token[:-2] + "xx"})
            refusal = await forger.next()
            assert refusal["type"] == "refused" and refusal["rejoin"] is True
            assert await forger.closed() == aiohttp.WSCloseCode.POLICY_VIOLATION
    run(scenario())
    assert party.room.players_by_name() == ["Ann"]


@pytest.mark.parametrize("message, code", [
    ("x" * 10_000, aiohttp.WSCloseCode.MESSAGE_TOO_BIG),
    ("{not json", aiohttp.WSCloseCode.POLICY_VIOLATION),
    ("[1, 2, 3]", aiohttp.WSCloseCode.POLICY_VIOLATION),
    (json.dumps({"type": "answer", "question": 1, "choice": True}), aiohttp.WSCloseCode.POLICY_VIOLATION),
    (json.dumps({"type": "answer", "question": 1, "choice": 0, "player": "Ann"}), aiohttp.WSCloseCode.POLICY_VIOLATION),
    (json.dumps({"type": "answer", "question": 1, "choice": 9}), aiohttp.WSCloseCode.POLICY_VIOLATION),
    (json.dumps({"type": "join", "pin": "1" * 40, "name": "Eve"}), aiohttp.WSCloseCode.POLICY_VIOLATION),
    ("[" * 200 + "]" * 200, aiohttp.WSCloseCode.POLICY_VIOLATION),
])
def test_a_hostile_message_closes_that_socket_and_the_game_plays_on(party, message, code):
    async def scenario():
        async with aiohttp.ClientSession() as session:
            ann = await joined(session, party, "Ann")
            eve = await joined(session, party, "Eve")
            party.room.start()
            await eve.screen("question")
            await eve.send(message)
            assert await eve.closed() == code
            await ann.screen("question")
            await ann.send({"type": "answer", "question": 1, "choice": right_choice(party)})
            ack = await ann.until(lambda m: m["type"] == "ack")
            assert ack["question"] == 1
            result = await ann.screen("result")  # Eve is away, so Ann's answer closes the question
            assert result["result"] == "right" and result["points"] > 0
    run(scenario())


def test_a_binary_frame_or_a_message_before_joining_closes_the_socket(party):
    async def scenario():
        async with aiohttp.ClientSession() as session:
            early = await Phone(session, party.url).open()
            await early.send({"type": "answer", "question": 1, "choice": 0})
            assert await early.closed() == aiohttp.WSCloseCode.POLICY_VIOLATION
            binary = await Phone(session, party.url).open()
            await binary.ws.send_bytes(b"\x00\x01")
            assert await binary.closed() == aiohttp.WSCloseCode.UNSUPPORTED_DATA
    run(scenario())
    assert party.room.players_by_name() == []


def test_names_are_cleaned_and_unique_in_the_room(party):
    async def scenario():
        async with aiohttp.ClientSession() as session:
            phone = await Phone(session, party.url).open()
            welcome = await phone.join(party.room.pin, "  Ann\x07\n   Marie  " + "x" * 30)
            assert welcome["name"] == "Ann Marie " + "x" * 14  # as a high-score name: printable, spaced, 24 long
            twin = await Phone(session, party.url).open()
            refusal = await twin.join(party.room.pin, welcome["name"].upper())
            assert refusal["type"] == "refused" and "already playing" in refusal["reason"]
    run(scenario())


def test_the_answer_and_other_players_picks_never_reach_a_phone_before_the_reveal(party):
    async def scenario():
        async with aiohttp.ClientSession() as session:
            ann = await joined(session, party, "Ann")
            bob = await joined(session, party, "Bob")
            party.room.start()
            question = await ann.screen("question")
            right = right_choice(party)
            await bob.screen("question")
            await bob.send({"type": "answer", "question": 1, "choice": right})
            await bob.until(lambda m: m["type"] == "ack")
            before = len(ann.received)
            await ann.send({"type": "answer", "question": 1, "choice": (right + 1) % len(question["buttons"])})
            result = await ann.screen("result")
            return question, ann.received[:before], result
    question, before_reveal, result = run(scenario())
    assert question["buttons"] and all(set(b) == {"colour", "shape", "label"} for b in question["buttons"])
    for message in before_reveal:
        text = json.dumps(message)
        assert '"answer"' not in text and '"result"' not in text and "Bob" not in text, message
    assert result["result"] == "wrong" and result["answer"] == right_choice(party)  # once revealed, it may


def test_answers_after_the_reveal_score_nothing(party):
    async def scenario():
        async with aiohttp.ClientSession() as session:
            ann = await joined(session, party, "Ann")
            party.room.start()
            await ann.screen("question")
            await ann.send({"type": "answer", "question": 1, "choice": right_choice(party)})
            await ann.screen("result")
            total = party.room.standings()[0].total
            for choice in range(4):  # again, and every other button, for the question just revealed
                await ann.send({"type": "answer", "question": 1, "choice": choice})
                late = await ann.until(lambda m: m["type"] == "refused")
                assert "Too late" in late["reason"]
            assert party.room.standings()[0].total == total
            party.room.advance()
            party.room.advance()
            await ann.screen("question")
            await ann.send({"type": "answer", "question": 1, "choice": right_choice(party)})  # the old number
            late = await ann.until(lambda m: m["type"] == "refused")
            assert "Too late" in late["reason"] and not party.room.game.has_locked("Ann")
    run(scenario())


def test_a_phone_that_drops_rejoins_with_its_token_and_keeps_name_score_and_streak(party):
    async def scenario():
        async with aiohttp.ClientSession() as session:
            ann = await joined(session, party, "Ann")
            bob = await joined(session, party, "Bob")
            party.room.start()
            await ann.screen("question")
            await ann.send({"type": "answer", "question": 1, "choice": right_choice(party)})
            await bob.send({"type": "answer", "question": 1, "choice": right_choice(party)})
            first = await ann.screen("result")
            await ann.ws.close()  # Wi-Fi gone
            party.room.advance()
            party.room.advance()
            await bob.screen("question")
            back = await Phone(session, party.url).open()
            await back.send({"type": "rejoin", "token": ann.token})
            welcome = await back.next()
            assert welcome["name"] == "Ann"
            view = await back.screen("question")
            assert view["number"] == 2 and view["picked"] is None
            await back.send({"type": "answer", "question": 2, "choice": right_choice(party)})
            await bob.send({"type": "answer", "question": 2, "choice": right_choice(party)})
            second = await back.screen("result")
            return first, second
    first, second = run(scenario())
    assert second["streak"] == 2 and second["total"] == first["total"] + second["points"]


def test_a_late_joiner_waits_for_the_next_question(party):
    async def scenario():
        async with aiohttp.ClientSession() as session:
            ann = await joined(session, party, "Ann")
            party.room.start()
            await ann.screen("question")
            cyd = await Phone(session, party.url).open()
            assert (await cyd.join(party.room.pin, "Cyd"))["type"] == "welcome"
            await cyd.screen("wait")
            await cyd.send({"type": "answer", "question": 1, "choice": 0})
            refusal = await cyd.until(lambda m: m["type"] == "refused")
            assert "next question" in refusal["reason"]
            await ann.send({"type": "answer", "question": 1, "choice": right_choice(party)})
            await ann.screen("result")
            party.room.advance()
            party.room.advance()
            view = await cyd.screen("question")
            assert view["number"] == 2
    run(scenario())


def test_a_removed_phone_is_told_and_cannot_come_back_with_its_token(party):
    async def scenario():
        async with aiohttp.ClientSession() as session:
            bob = await joined(session, party, "Bob")
            party.room.remove("Bob")
            await bob.screen("removed")
            assert await bob.closed() == aiohttp.WSCloseCode.POLICY_VIOLATION
            again = await Phone(session, party.url).open()
            await again.send({"type": "rejoin", "token": bob.token})
            assert (await again.next())["type"] == "refused"
    run(scenario())


def test_fifty_connections_at_once_fill_twenty_seats_and_the_rest_are_turned_away(party):
    async def scenario():
        async with aiohttp.ClientSession() as session:
            phones = [Phone(session, party.url) for _ in range(50)]
            await asyncio.gather(*(phone.open() for phone in phones))
            replies = await asyncio.gather(*(phone.join(party.room.pin, f"P{i}") for i, phone in enumerate(phones)))
            seated = [phone for phone, reply in zip(phones, replies) if reply["type"] == "welcome"]
            refused = [reply for reply in replies if reply["type"] == "refused"]
            assert len(seated) == MAX_PLAYERS
            assert len(refused) == 50 - MAX_PLAYERS and all("full" in r["reason"] for r in refused)
            party.room.start()
            for phone in seated:
                await phone.screen("question")
            await asyncio.gather(*(phone.send({"type": "answer", "question": 1, "choice": right_choice(party)})
                                   for phone in seated))
            results = [await phone.screen("result") for phone in seated]
            assert all(r["result"] == "right" and r["players"] == MAX_PLAYERS for r in results)
    run(scenario())


def test_a_socket_from_another_sites_page_is_refused(party):
    async def scenario():
        async with aiohttp.ClientSession() as session:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await Phone(session, party.url).open(headers={"Origin": "http://evil.example"})
            assert refused.value.status == 403
    run(scenario())


def test_the_page_is_served_alone_and_loads_nothing_from_elsewhere(party):
    async def scenario():
        async with aiohttp.ClientSession() as session:
            async with session.get(party.url) as page:
                assert page.status == 200
                policy = page.headers["Content-Security-Policy"]
                assert "connect-src 'self'" in policy and "unsafe-inline" not in policy
                assert policy.count("'sha256-") == 2  # its one script and its one style, by hash
                html = await page.text()
            async with session.get(party.url + "../../etc/passwd") as other:
                assert other.status == 404
            return html
    html = run(scenario())
    assert "http://" not in html and "https://" not in html and "<script src" not in html


def test_the_whole_party_is_saved_as_party_scores_and_the_server_then_listens_on_nothing(party, tmp_path):
    async def scenario():
        async with aiohttp.ClientSession() as session:
            ann = await joined(session, party, "Ann")
            party.room.start()
            for number in (1, 2, 3):
                await ann.screen("question")
                await ann.send({"type": "answer", "question": number, "choice": right_choice(party)})
                await ann.screen("result")
                party.room.advance()
                party.room.advance()
            final = await ann.screen("final")
            assert final["rank"] == 1 and final["players"] == 1
            return final
    final = run(scenario())
    assert party.room.stage is Stage.PODIUM
    port = int(party.url.rsplit(":", 1)[1].strip("/"))
    party.close()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    store = Store.open(tmp_path)
    [score] = store.high_scores("party")
    assert (score.name, score.score) == ("Ann", final["total"])


@pytest.mark.parametrize("address, chosen", [("192.168.1.20", "192.168.1.20"), ("10.0.0.7", "10.0.0.7"),
                                             ("172.16.4.2", "172.16.4.2"), ("169.254.3.3", "169.254.3.3"),
                                             ("0.0.0.0", "127.0.0.1")])
def test_the_default_address_is_a_local_network_one(address, chosen):
    assert private_or_refused(address) == chosen


@pytest.mark.parametrize("address", ["8.8.8.8", "81.2.69.160", "100.64.0.1"])
def test_a_public_address_is_never_listened_on_by_default(address):
    with pytest.raises(BindError, match="is public; choose where to listen with --bind"):
        private_or_refused(address)


def test_a_phone_that_never_answers_the_close_does_not_keep_the_server_listening(party):
    async def scenario():
        async with aiohttp.ClientSession() as session:
            # A phone gone silent (Wi-Fi lost, asleep): it never reads again, never answers a close.
            ws = await session.ws_connect(party.url + "ws", autoclose=False, autoping=False)
            await ws.send_str(json.dumps({"type": "join", "pin": party.room.pin, "name": "Sleepy"}))
            await ws.receive(timeout=10)
            began = asyncio.get_running_loop().time()
            await asyncio.to_thread(party.server.stop)  # what ending the party does to the server
            return asyncio.get_running_loop().time() - began
    port = int(party.url.rsplit(":", 1)[1].strip("/"))
    seconds = run(scenario())
    assert seconds < 5
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_a_socket_that_never_says_who_it_is_is_closed(party, monkeypatch):
    import game.phone.server as server
    monkeypatch.setattr(server, "FIRST_MESSAGE_SECONDS", 0.5)  # 10 s in play; the rule, not the wait

    async def scenario():
        async with aiohttp.ClientSession() as session:
            silent = await Phone(session, party.url).open()
            return await silent.closed()
    assert run(scenario()) == aiohttp.WSCloseCode.POLICY_VIOLATION
