"""Phones as buzzers: how fast an answer is acknowledged, and what 20 phones cost the big screen.

    .venv/bin/python benchmarks/phone.py [--questions 30] [--seconds 20]

1. Answer-to-acknowledgement latency on loopback: the real `host --headless` process, 20
   simulated phones (aiohttp WebSockets, in this process) joined to it; on each question all 20
   tap at once, and each phone times its answer until the server's "ack". Baseline, measured in
   the same run and alternating question by question: the same 20 sockets' worth of messages
   echoed by a bare aiohttp WebSocket server (no room, no game), i.e. what the framework and the
   loopback cost on their own.
2. The host's frame time while the phones play: the real App (headless, 1280x720) showing the
   party with its server thread in this process, 20 phones in another process answering every
   question after a random delay, frames paced at 60 FPS as the real loop does. Baseline: the solo
   game's question scene, measured the same way in the same run. A frame is handle events,
   `update(dt)`, `draw()`; the wait for the next frame is not counted.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PHONES = 20
FIRST_LINE = re.compile(r"^join: (\S+)  PIN: (\d+)$")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(len(ordered) * fraction) - 1))]


# -- the bare baseline server and the phones' process ------------------------------------------

def echo_server() -> int:
    """A bare aiohttp WebSocket server that sends every message straight back."""
    from aiohttp import web

    async def socket(request):
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        async for message in ws:
            await ws.send_str(json.dumps({"type": "ack", "echo": message.data}))
        return ws

    async def serve():
        app = web.Application()
        app.router.add_get("/ws", socket)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        print(f"http://127.0.0.1:{runner.addresses[0][1]}/", flush=True)
        await asyncio.Event().wait()

    asyncio.run(serve())
    return 0


def play_phones(url: str, pin: str) -> int:
    """20 phones that answer every question after a human-like delay, until the party ends."""
    import aiohttp

    async def phone(session, index: int):
        ws = await session.ws_connect(url + "ws")
        await ws.send_str(json.dumps({"type": "join", "pin": pin, "name": f"Phone {index + 1}"}))
        async for message in ws:
            data = json.loads(message.data)
            view = data.get("view", {})
            if view.get("screen") == "question" and view.get("picked") is None:
                await asyncio.sleep(random.uniform(0.2, 1.5))
                await ws.send_str(json.dumps({"type": "answer", "question": view["number"],
                                              "choice": random.randrange(len(view["buttons"]))}))
            elif view.get("screen") in ("final", "ended", "removed"):
                return

    async def all_phones():
        async with aiohttp.ClientSession() as session:
            await asyncio.gather(*(phone(session, i) for i in range(PHONES)), return_exceptions=True)

    asyncio.run(all_phones())
    return 0


# -- 1. latency -----------------------------------------------------------------------------------

async def measure_latency(questions: int) -> tuple[list[float], list[float]]:
    import aiohttp
    data = tempfile.mkdtemp(prefix="osmosis-bench-")
    host = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "host", "--headless", "--bind", "127.0.0.1",
                             "--port", "0", "--seed", "1", "--rounds", "4", "--questions", "20", "--data-dir", data],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    echo = subprocess.Popen([sys.executable, __file__, "--echo-server"], stdout=subprocess.PIPE, text=True)
    try:
        url, pin = FIRST_LINE.match(host.stdout.readline().strip()).groups()
        echo_url = echo.stdout.readline().strip()
        party, bare = [], []
        async with aiohttp.ClientSession() as session:
            phones = [await session.ws_connect(url + "ws") for _ in range(PHONES)]
            echoes = [await session.ws_connect(echo_url + "ws") for _ in range(PHONES)]
            for i, ws in enumerate(phones):
                await ws.send_str(json.dumps({"type": "join", "pin": pin, "name": f"Phone {i + 1}"}))
            await asyncio.gather(*(until_screen(ws, "lobby") for ws in phones))
            command(host, "start")
            for number in range(1, questions + 1):
                views = await asyncio.gather(*(until_screen(ws, "question") for ws in phones))
                answers = [{"type": "answer", "question": number, "choice": random.randrange(len(v["buttons"]))}
                           for v in views]
                party += await asyncio.gather(*(round_trip(ws, a) for ws, a in zip(phones, answers)))
                # The reveal's 20 views arrive first: the echo round then has this process to itself.
                await asyncio.gather(*(until_screen(ws, "result") for ws in phones))
                bare += await asyncio.gather(*(round_trip(ws, a) for ws, a in zip(echoes, answers)))
                command(host, "next")
                command(host, "next")
            for ws in phones + echoes:
                await ws.close()
        return party, bare
    finally:
        command(host, "end")
        host.wait(timeout=20)
        echo.kill()
        echo.wait()
        shutil.rmtree(data, ignore_errors=True)  # no osmosis-bench-* folder left behind


def command(host: subprocess.Popen, line: str) -> None:
    host.stdin.write(line + "\n")
    host.stdin.flush()


async def until_screen(ws, screen: str) -> dict:
    while True:
        data = json.loads((await ws.receive()).data)
        if data["type"] == "state" and data["view"]["screen"] == screen:
            return data["view"]


async def round_trip(ws, message: dict) -> float:
    began = time.perf_counter()
    await ws.send_str(json.dumps(message))
    while True:
        data = json.loads((await ws.receive()).data)
        if data["type"] == "ack":
            return (time.perf_counter() - began) * 1000


# -- 2. the host's frames -----------------------------------------------------------------------

def measure_frames(seconds: float) -> tuple[list[float], list[float]]:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from game.phone.room import Stage
    from game.ui.app import start
    from game.ui.scenes.host import HostGameScene, start_hosting
    from game.ui.screenshots import tour

    data = Path(tempfile.mkdtemp(prefix="osmosis-bench-"))
    args = argparse.Namespace(command="play", test_mode=False, pack=None, frames=None, screenshot=None, packs=[],
                              data_dir=data, bind="127.0.0.1", port=0, seed=1, rounds=4, questions=20)
    app = start(args)
    frames = int(seconds * 60)

    def paced(count: int, each=lambda: None, dt: float = 1 / 60) -> list[float]:
        times = []
        for _ in range(count):
            began = time.perf_counter()
            for event in pygame.event.get():
                app.handle(event)
            app.update(dt)
            app.draw()
            spent = time.perf_counter() - began
            times.append(spent * 1000)
            each()
            time.sleep(max(0.0, 1 / 60 - spent))  # the real loop's 60 FPS cap
        return times

    solo: list[float] = []

    def visit(name: str) -> None:
        if name == "question":
            # Time barely moves (as in ui_frames.py): the solo question must not time out mid-measure.
            paced(10, dt=0.001)
            solo.extend(paced(frames, dt=0.001))

    tour(app, visit)
    app.reset(app.stack[0][0])
    assert start_hosting(app) is None
    party = app.top.party
    phones = subprocess.Popen([sys.executable, __file__, "--phones", party.url, party.room.pin])
    deadline = time.monotonic() + 30
    while len(party.room.players) < PHONES and time.monotonic() < deadline:
        paced(1)
    party.room.start()
    app.replace(HostGameScene(app, party))
    since = {"stage": None, "frames": 0}

    def move_on():  # a second of reveal and of standings, not six: more questions in the run
        stage = party.room.stage
        since["frames"] = since["frames"] + 1 if stage is since["stage"] else 0
        since["stage"] = stage
        if stage in (Stage.REVEAL, Stage.STANDINGS) and since["frames"] >= 60:
            party.room.advance()

    paced(10, move_on)
    hosting = paced(frames, move_on)
    answered = sum(len(board.outcomes) for board in party.room.game.scoreboards.values())
    party.close()
    phones.wait(timeout=20)
    pygame.quit()
    shutil.rmtree(data, ignore_errors=True)
    print(f"(host frames: {len(party.room.players)} phones, {answered} answers scored while measuring)")
    return hosting, solo


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=30, help="questions timed for latency (at most 80)")
    parser.add_argument("--seconds", type=float, default=20.0, help="seconds of frames for each of host and solo")
    parser.add_argument("--echo-server", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--phones", nargs=2, metavar=("URL", "PIN"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.echo_server:
        return echo_server()
    if options.phones:
        return play_phones(*options.phones)

    party, bare = asyncio.run(measure_latency(min(options.questions, 80)))
    hosting, solo = measure_frames(options.seconds)
    print(f"{PHONES} phones on loopback; {len(party)} answers timed ({options.questions} questions, all 20 tapping at"
          f" once); frames paced at 60 FPS for {options.seconds:g} s each.\n")
    print("| figure | p50 ms | p99 ms | baseline p50 ms | baseline p99 ms | p99 / baseline p99 |")
    print("|---|---|---|---|---|---|")
    rows = [("answer to ack, 20 phones at once (baseline: bare aiohttp echo)", party, bare),
            ("host frame while 20 phones play (baseline: solo question scene)", hosting, solo)]
    for name, measured, baseline in rows:
        print(f"| {name} | {statistics.median(measured):.2f} | {percentile(measured, 0.99):.2f} | "
              f"{statistics.median(baseline):.2f} | {percentile(baseline, 0.99):.2f} | "
              f"{percentile(measured, 0.99) / percentile(baseline, 0.99):.1f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
