"""`python main.py host --headless` as a user runs it: the first line, the terminal's view of the
party, the host's commands on standard input, and a clean end."""
from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys

import aiohttp
import pytest

from phone_browser import FIRST_LINE, ROOT, HostProcess


async def join_and_answer(url: str, pin: str, host: HostProcess) -> list[dict]:
    async with aiohttp.ClientSession() as session:
        ws = await session.ws_connect(url + "ws")
        await ws.send_str(json.dumps({"type": "join", "pin": pin, "name": "Dee"}))
        received = [await ws.receive_json(timeout=10) for _ in range(2)]  # welcome, lobby
        await asyncio.to_thread(host.wait_for, r"^Dee joined \(1 player\)$")
        host.say("start")
        question = await ws.receive_json(timeout=10)
        await ws.send_str(json.dumps({"type": "answer", "question": 1, "choice": 0}))
        received += [question, await ws.receive_json(timeout=10)]  # the ack
        while received[-1].get("view", {}).get("screen") != "result":
            received.append(await ws.receive_json(timeout=10))
        await asyncio.to_thread(host.wait_for, r"^Answer: ")
        await asyncio.to_thread(host.wait_for, r"^  Dee: (right|wrong) \+\d+$")
        await ws.close()  # Dee's phone drops, and comes back with its token
        await asyncio.to_thread(host.wait_for, r"^Dee lost connection$")
        token = received[0]["token"]
        ws = await session.ws_connect(url + "ws")
        await ws.send_str(json.dumps({"type": "rejoin", "token": token}))
        received.append(await ws.receive_json(timeout=10))
        await asyncio.to_thread(host.wait_for, r"^Dee is back$")
        host.say("kick Dee")
        while received[-1].get("view", {}).get("screen") != "removed":
            received.append(await ws.receive_json(timeout=10))
        return received


def test_the_headless_host_prints_the_join_line_first_and_the_party_after_it(tmp_path):
    host = HostProcess(tmp_path, "--seed", "2", "--rounds", "1", "--questions", "2")
    try:
        joined = FIRST_LINE.match(host.first_line)
        assert joined, host.first_line  # exactly `join: <url>  PIN: <pin>`, the port chosen by --port 0
        url, port, pin = joined.groups()
        assert int(port) > 0
        received = asyncio.run(join_and_answer(url, pin, host))
        assert [m["type"] for m in received[:4]] == ["welcome", "state", "state", "ack"]
        host.wait_for(r"^removed Dee$")
    finally:
        code = host.stop()
    assert code == 0
    printed = "\n".join(host.lines)
    assert "Question 1 of 2 (Who's Who)" in printed


def test_a_port_already_taken_is_one_line_not_a_traceback(tmp_path):
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, str(ROOT / "main.py"), "host", "--headless", "--bind", "127.0.0.1",
                               "--port", str(port), "--data-dir", str(tmp_path)],
                              capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    finally:
        taken.close()
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(f"osmosis-quiz host: cannot listen on 127.0.0.1:{port}")


def test_a_terminal_that_cannot_show_the_shapes_or_accents_still_runs_the_party(tmp_path):
    host = HostProcess(tmp_path, "--seed", "2", "--rounds", "1", "--questions", "1", encoding="ascii")
    try:
        url, _, pin = FIRST_LINE.match(host.first_line).groups()

        async def join():
            async with aiohttp.ClientSession() as session:
                ws = await session.ws_connect(url + "ws")
                await ws.send_str(json.dumps({"type": "join", "pin": pin, "name": "Éloïse"}))
                await ws.receive_json(timeout=10)
                await asyncio.to_thread(host.wait_for, r"^\?lo\?se joined")
                host.say("start")
                await asyncio.to_thread(host.wait_for, r"^  \? ")  # a choice, its shape replaced
                await ws.close()
        asyncio.run(join())
    finally:
        code = host.stop()
    assert code == 0


def test_the_windowed_host_opens_its_lobby_and_ends_the_party_with_the_window(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "host", "--bind", "127.0.0.1", "--frames", "30",
                           "--data-dir", str(tmp_path)],
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
                          env={**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"})
    assert done.returncode == 0, done.stderr
    joined = FIRST_LINE.match(done.stdout.splitlines()[0])
    assert joined, done.stdout
    with pytest.raises(OSError):  # the window closed, the party ended: nothing listens
        socket.create_connection(("127.0.0.1", int(joined.group(2))), timeout=2).close()
