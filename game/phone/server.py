"""The phone server: one aiohttp app serving the phone page and its WebSocket, on its own asyncio
loop in a thread beside the host's loop. It is a thin edge: every decision is the Room's.

A socket starts unauthenticated; its first message must be a join (PIN and name) or a rejoin
(the token issued at join). From then on the socket speaks for that player alone. A message that
is not valid protocol closes that socket and nothing else; the game never sees it.
"""
from __future__ import annotations

import asyncio
import base64
import hashlib
import ipaddress
import json
import re
import socket
import threading
from importlib import resources

from aiohttp import WSCloseCode, WSMsgType, web

from . import protocol
from .room import Player, Refused, Room, hex_colour

MAX_SOCKETS = 64  # 20 players, their reloads and some slack; more are refused before the upgrade
FIRST_MESSAGE_SECONDS = 10.0  # a socket that never says who it is does not hold a place (the page speaks at once)
CLOSE_SECONDS = 2.0  # how long a closing socket waits for the phone's reply
HEARTBEAT_SECONDS = 10.0  # a phone gone without closing (Wi-Fi lost) is noticed within two beats
PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class BindError(Exception):
    """The address to listen on cannot be used; the message says why, in one line."""


def local_network_address() -> str:
    """This machine's address on the local network: the one it would use to reach a private
    address. Loopback when there is none (no network); BindError when that address is public, so
    the game never listens on the internet unless asked to with --bind."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))  # UDP connect sends nothing: it only picks the route
        address = probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()
    return private_or_refused(address)


def private_or_refused(address: str) -> str:
    """`address` when it is on a local network (private, link-local) or loopback; loopback for
    "no address"; BindError for a public one."""
    ip = ipaddress.ip_address(address)
    if ip.is_unspecified:
        return "127.0.0.1"
    if not (ip.is_private or ip.is_loopback or ip.is_link_local) or ip.is_global:
        raise BindError(f"this machine's network address {address} is public; choose where to listen with --bind ADDR")
    return address


def page_html() -> bytes:
    return resources.files(__package__).joinpath("page/phone.html").read_bytes()


def content_policy(page: bytes) -> str:
    """The page is one self-contained file: it may load nothing, talk to nobody but this server,
    and run no script or style but its own (named by their hashes, so nothing injected would run)."""
    def hashes(tag: bytes) -> str:
        blocks = re.findall(rb"<" + tag + rb">(.*?)</" + tag + rb">", page, re.S)
        return " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(block).digest()).decode()}'" for block in blocks)
    return (f"default-src 'none'; script-src {hashes(b'script')}; style-src {hashes(b'style')}; "
            "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'")


class PhoneServer:
    """`start()` binds and serves in a thread, returning the join URL; `stop()` closes every socket
    and the listening one, so nothing listens once the party is over."""

    def __init__(self, room: Room, bind: str = "127.0.0.1", port: int = 0):
        self.room = room
        self.bind = bind
        self.port = port
        self.url = ""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._sockets: dict[web.WebSocketResponse, str | None] = {}  # socket -> its player's token
        self._sent: dict[web.WebSocketResponse, str] = {}  # the last view sent on each socket
        self._changed: asyncio.Event | None = None
        self._page = page_html()
        self._headers = {**PAGE_HEADERS, "Content-Security-Policy": content_policy(self._page)}

    # -- from the host's thread ---------------------------------------------------------------

    def start(self) -> str:
        ready = threading.Event()
        failure: list[BaseException] = []

        def serve():
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                loop.run_until_complete(self._open())
            except BaseException as exc:  # reported to start() in the host's thread
                failure.append(exc)
                ready.set()
                loop.close()
                return
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self._close())
            loop.close()

        self._thread = threading.Thread(target=serve, name="phone-server", daemon=True)
        self._thread.start()
        ready.wait()
        if failure:
            exc = failure[0]
            raise BindError(f"cannot listen on {self.bind}:{self.port} ({getattr(exc, 'strerror', None) or exc})")
        self.room.on_change = self._notify
        return self.url

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
        self.room.on_change = lambda: None

    def _notify(self) -> None:
        """The room changed (called from any thread): wake the sender on the server's loop."""
        loop = self._loop
        if loop is not None and self._changed is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(self._changed.set)
            except RuntimeError:
                pass  # the loop is closing: there is nobody left to tell

    # -- on the server's loop ------------------------------------------------------------------

    async def _open(self) -> None:
        self._changed = asyncio.Event()
        app = web.Application(client_max_size=protocol.MAX_MESSAGE_BYTES)
        app.router.add_get("/", self._page_handler)
        app.router.add_get("/ws", self._socket_handler)
        # A phone gone silent must not hold the end of the party: the port closes within seconds.
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=CLOSE_SECONDS)
        await self._runner.setup()
        # The default address reuse: a host restarted on the same --port is not refused for the
        # minute its last connections linger (an address someone listens on is still refused).
        site = web.TCPSite(self._runner, self.bind, self.port)
        try:
            await site.start()
        except BaseException:
            await self._runner.cleanup()  # nothing half-open is left for a retry from the title
            raise
        host, port = self._runner.addresses[0][:2]
        self.port = port
        shown = f"[{host}]" if ":" in host else host
        self.url = f"http://{shown}:{port}/"
        self._sender = asyncio.get_running_loop().create_task(self._send_views())

    async def _close(self) -> None:
        self._sender.cancel()
        # All at once: twenty silent phones cost one close timeout, not twenty.
        await asyncio.gather(*(self._say_goodbye(ws) for ws in list(self._sockets)), return_exceptions=True)
        await self._runner.cleanup()

    async def _say_goodbye(self, ws: web.WebSocketResponse) -> None:
        await self._send(ws, {"type": "state", "view": {"screen": "ended"}})
        await ws.close(code=WSCloseCode.GOING_AWAY, message=b"party over")

    async def _page_handler(self, request: web.Request) -> web.Response:
        return web.Response(body=self._page, content_type="text/html", charset="utf-8", headers=self._headers)

    async def _socket_handler(self, request: web.Request) -> web.StreamResponse:
        if not _same_origin(request):
            # Another web site open on the phone must not reach the room through it.
            return web.Response(status=403, text="forbidden")
        if len(self._sockets) >= MAX_SOCKETS:
            return web.Response(status=503, text="too many connections")
        ws = web.WebSocketResponse(max_msg_size=protocol.MAX_MESSAGE_BYTES, heartbeat=HEARTBEAT_SECONDS,
                                   timeout=CLOSE_SECONDS)
        await ws.prepare(request)
        self._sockets[ws] = None
        address = request.remote or "?"
        try:
            await self._converse(ws, address)
        finally:
            token = self._sockets.pop(ws, None)
            self._sent.pop(ws, None)
            if token is not None:
                self.room.connected(token, -1)
            if not ws.closed:
                await ws.close()
        return ws

    async def _converse(self, ws: web.WebSocketResponse, address: str) -> None:
        try:
            first = await ws.receive(timeout=FIRST_MESSAGE_SECONDS)
        except asyncio.TimeoutError:
            return await ws.close(code=WSCloseCode.POLICY_VIOLATION, message=b"say who you are")
        player = await self._admit(ws, first, address)
        if player is None:
            return
        async for message in ws:
            parsed = await self._parse(ws, message)
            if parsed is None:
                return
            if not isinstance(parsed, protocol.Answer):
                return await ws.close(code=WSCloseCode.POLICY_VIOLATION, message=b"already in")
            try:
                choice = self.room.answer(player.token, parsed.question, parsed.choice)
                await self._send(ws, {"type": "ack", "question": parsed.question, "choice": choice})
            except Refused as refusal:
                await self._send(ws, {"type": "refused", "reason": str(refusal)})
            if player.token not in self.room.players:
                return

    async def _admit(self, ws: web.WebSocketResponse, message, address: str) -> Player | None:
        """The player this socket speaks for, from its first message; None when it is refused."""
        parsed = await self._parse(ws, message)
        if parsed is None:
            return None
        if not isinstance(parsed, (protocol.Join, protocol.Rejoin)):
            await ws.close(code=WSCloseCode.POLICY_VIOLATION, message=b"join first")
            return None
        try:
            with self.room.lock:  # let in and connected in one step: no one ever sees them away
                if isinstance(parsed, protocol.Join):
                    player = self.room.join(address, parsed.pin, parsed.name)
                else:
                    player = self.room.rejoin(address, parsed.token)
                self.room.connected(player.token, +1)
        except Refused as refusal:
            await self._send(ws, {"type": "refused", "reason": str(refusal), "rejoin": isinstance(parsed, protocol.Rejoin)})
            await ws.close(code=WSCloseCode.POLICY_VIOLATION, message=b"refused")
            return None
        self._sockets[ws] = player.token
        await self._send(ws, {"type": "welcome", "token": player.token, "name": player.name,
                              "colour": hex_colour(player.colour)})
        await self._send_view(ws, player.token)
        return player

    async def _parse(self, ws: web.WebSocketResponse, message):
        """The protocol message in `message`, or None after closing the socket for anything else."""
        if message.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED, WSMsgType.ERROR):
            return None  # an oversize frame arrives as ERROR: aiohttp has already closed with 1009
        if message.type is not WSMsgType.TEXT:
            await ws.close(code=WSCloseCode.UNSUPPORTED_DATA, message=b"text only")
            return None
        try:
            return protocol.parse(message.data)
        except protocol.ProtocolError as error:
            await ws.close(code=WSCloseCode.POLICY_VIOLATION, message=str(error).encode()[:120])
            return None

    async def _send_views(self) -> None:
        """Whenever the room changes, every phone whose view changed gets it again."""
        while True:
            await self._changed.wait()
            self._changed.clear()
            for ws, token in list(self._sockets.items()):
                if token is not None:
                    await self._send_view(ws, token)

    async def _send_view(self, ws: web.WebSocketResponse, token: str) -> None:
        view = self.room.view(token)
        # The seconds left change on every look; the phone counts down by itself, so a view is
        # sent again only when something else in it changed (not on every other phone's answer).
        steady = json.dumps({**view, "seconds": None}, sort_keys=True)
        if self._sent.get(ws) == steady:
            return
        self._sent[ws] = steady
        await self._send_text(ws, json.dumps({"type": "state", "view": view}, separators=(",", ":")))
        if view["screen"] == "removed":
            await ws.close(code=WSCloseCode.POLICY_VIOLATION, message=b"removed")

    async def _send(self, ws: web.WebSocketResponse, message: dict) -> None:
        await self._send_text(ws, json.dumps(message, separators=(",", ":")))

    @staticmethod
    async def _send_text(ws: web.WebSocketResponse, text: str) -> None:
        if ws.closed:
            return
        try:
            await ws.send_str(text)
        except (ConnectionError, RuntimeError):
            pass  # the phone went away mid-send; its handler cleans up


def _same_origin(request: web.Request) -> bool:
    """Browsers always send Origin on a WebSocket; it must be this server's own page. Clients that
    are not browsers send none, and have no other site's page to abuse."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    return origin in (f"http://{request.host}", f"https://{request.host}")
