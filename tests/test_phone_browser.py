"""A whole phone party in real headless Chromium pages against the real `host --headless`
process on loopback: join (one by the QR code's address, which carries the PIN), answers, a
reload in the middle of a question, the reveal on each phone, and the podium."""
from __future__ import annotations

import re
import socket
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from game.storage import DB_NAME
from phone_browser import FIRST_LINE, HostProcess, Phone, browser_paths

QUESTIONS = 3
NAMES = ("Ann", "Bob", "Cyd")


@pytest.fixture
def phones(tmp_path):
    browser_paths()  # skip before starting anything when there is no browser
    with ThreadPoolExecutor(len(NAMES)) as pool:  # each Chromium takes a second or two to start
        started = list(pool.map(lambda i: Phone(tmp_path / f"profile-{i}"), range(len(NAMES))))
    yield started
    for phone in started:
        phone.quit()


@pytest.fixture
def host(tmp_path):
    process = HostProcess(tmp_path / "data", "--seed", "5", "--rounds", "1", "--questions", str(QUESTIONS))
    yield process
    process.stop()


def read_question(host: HostProcess) -> list[str]:
    """The choices the terminal prints under the question, in button order."""
    host.wait_for(r"^Question \d+ of")
    host.next_line()  # the prompt
    choices = []
    while len(choices) < 4:
        line = host.next_line()
        mark = re.match(r"^  [●◆▲■] (.*)$", line)
        if not mark:
            break
        choices.append(mark.group(1))
    return choices


def test_three_phones_play_a_whole_party_through_a_reload_to_the_podium(host, phones, tmp_path):
    joined = FIRST_LINE.match(host.first_line)
    assert joined, host.first_line
    url, port, pin = joined.groups()
    ann, bob, cyd = phones

    ann.open(f"{url}#pin={pin}")  # what the QR code holds: the PIN is filled in
    ann.wait_for("join")
    assert ann.driver.find_element("id", "pin").get_attribute("value") == pin
    ann.type("name", "Ann")
    ann.click("join-button")
    from selenium.webdriver.support.ui import WebDriverWait  # here: without selenium the fixtures skip first
    bob.open(url)
    bob.wait_for("join")
    bob.type("pin", "1" if pin != "1" else "2")
    bob.type("name", "Bob")
    bob.click("join-button")
    WebDriverWait(bob.driver, 20).until(lambda d: bob.text("join-error"))
    assert bob.text("join-error").startswith("Wrong PIN") and bob.screen() == "join"
    for phone, name in ((bob, "Bob"), (cyd, "Cyd")):
        phone.open(url)
        phone.wait_for("join")
        phone.type("pin", pin)
        phone.type("name", name)
        phone.click("join-button")
    for phone, name in zip(phones, NAMES):
        phone.wait_for("lobby")
        assert phone.text("who") == name
        host.wait_for(rf"^{name} joined")

    host.say("start")
    for number in range(1, QUESTIONS + 1):
        choices = read_question(host)
        for phone in phones:
            phone.wait_for("question")
            assert len(phone.buttons()) == len(choices)
            assert phone.text("question-number") == f"Question {number} of {QUESTIONS}"
        picks = {}
        for index, phone in enumerate(phones):
            if phone is bob and number == 2:
                phone.driver.refresh()  # mid-question: the page comes back with its stored token
                phone.wait_for("question")
                assert phone.text("who") == "Bob"
            pick = index % len(choices)
            if phone is ann and number == 1:  # a double tap: the second is refused ("already answered")
                phone.driver.execute_script("arguments[0].click(); arguments[0].click();", phone.buttons()[pick])
            else:
                phone.buttons()[pick].click()
            picks[phone] = pick
            if phone is not phones[-1]:
                phone.wait_for("locked")  # locked in, while the others still think
                time.sleep(0.3)  # a refusal of the double tap has arrived by now: still locked, still in
                assert phone.screen() == "locked"
        answer = host.wait_for(r"^Answer: (.*)$").group(1)
        for phone in phones:
            phone.wait_for("result")
            right = choices[picks[phone]] == answer
            assert phone.text("result-verdict") == ("Right!" if right else "Wrong")
            if not right:  # the right button, and its text when the buttons had texts
                assert phone.text("result-answer") in ("The answer", f"The answer: {answer}")
            gained = re.match(r"^\+([\d,]+) points?$", phone.text("result-points"))
            assert bool(gained) == right and (not gained or int(gained.group(1).replace(",", "")) > 0)
            assert re.match(rf"^\d+(st|nd|rd|th) of {len(NAMES)}$", phone.text("result-rank"))
        # A tap still in flight when the question closed: the server refuses it ("too late") and
        # the phone stays on its result, in the party.
        cyd.driver.execute_script(f"pick({number}, 0)")
        time.sleep(0.3)
        assert cyd.screen() == "result" and cyd.text("who") == "Cyd"
        host.say("next")  # past the reveal
        host.say("next")  # past the standings

    host.wait_for(r"^Final standings:")
    table = [host.next_line() for _ in NAMES]
    totals = {}
    for row in table:
        rank, name, total = re.match(r"^\s+(\d+)\. (\S+)\s+(\d+)$", row).groups()
        totals[name] = (int(rank), int(total))
    for phone, name in zip(phones, NAMES):
        phone.wait_for("final")
        rank, total = totals[name]
        assert phone.text("final-rank").startswith(f"You finished {rank}")
        assert phone.text("final-total").replace(",", "").startswith(str(total))

    assert host.stop() == 0
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", int(port)), timeout=2).close()
    with sqlite3.connect(tmp_path / "data" / DB_NAME) as db:  # every player's game, a score of 0 too
        saved = dict(db.execute("SELECT players.name, games.score FROM games JOIN players ON players.id = "
                                "games.player_id WHERE games.mode = 'party'"))
    assert saved == {name: total for name, (_, total) in totals.items()}
    for phone in phones:
        assert phone.screen() == "final"  # the last place stays on screen after the server goes


def test_a_join_that_cannot_reach_the_party_says_so(tmp_path):
    browser_paths()
    host = HostProcess(tmp_path / "data")
    phone = Phone(tmp_path / "profile")
    try:
        url, _, pin = FIRST_LINE.match(host.first_line).groups()
        phone.open(f"{url}#pin={pin}")
        phone.wait_for("join")
        assert host.stop() == 0  # the party ended while the page was open
        phone.type("name", "Late")
        phone.click("join-button")
        from selenium.webdriver.support.ui import WebDriverWait
        WebDriverWait(phone.driver, 20).until(lambda d: phone.text("join-error"))
        assert phone.text("join-error").startswith("Could not reach the party") and phone.screen() == "join"
    finally:
        phone.quit()
        host.stop()
