"""What a phone may send, checked before anything reads it: size-capped JSON objects of a known
type with exactly the expected fields, each of the expected type and range. Anything else is a
ProtocolError, and the server closes that one connection.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

MAX_MESSAGE_BYTES = 512  # the longest honest message (a join with a 24-character name) is ~100
PIN_DIGITS = 6
NAME_MAX_CHARS = 64  # before cleaning; storage.clean_name cuts it to its own limit
TOKEN_MAX_CHARS = 64
MAX_QUESTION_NUMBER = 10_000
MAX_CHOICES = 4


class ProtocolError(ValueError):
    """A message that is not one the phone page would send."""


@dataclass(frozen=True)
class Join:
    pin: str
    name: str


@dataclass(frozen=True)
class Rejoin:
    token: str


@dataclass(frozen=True)
class Answer:
    question: int  # the number of the question the phone was showing: a late answer cannot land on the next one
    choice: int  # 0-3: which button


def _text(value, limit: int) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise ProtocolError(f"expected a string of at most {limit} characters")
    return value


def _number(value, low: int, high: int) -> int:
    if type(value) is not int or not low <= value <= high:  # bool is an int subclass: refused too
        raise ProtocolError(f"expected an integer from {low} to {high}")
    return value


def _pin(value) -> str:
    pin = _text(value, PIN_DIGITS)
    if not pin.isascii() or not pin.isdigit():
        raise ProtocolError("a PIN is digits only")
    return pin


# type -> (fields, builder): a message must have exactly these fields
SCHEMAS = {
    "join": (("pin", "name"), lambda m: Join(_pin(m["pin"]), _text(m["name"], NAME_MAX_CHARS))),
    "rejoin": (("token",), lambda m: Rejoin(_text(m["token"], TOKEN_MAX_CHARS))),
    "answer": (("question", "choice"),
               lambda m: Answer(_number(m["question"], 1, MAX_QUESTION_NUMBER),
                                _number(m["choice"], 0, MAX_CHOICES - 1))),
}


def parse(data: str | bytes) -> Join | Rejoin | Answer:
    """The message in `data`, or ProtocolError saying what is wrong with it."""
    if len(data) > MAX_MESSAGE_BYTES or (isinstance(data, str) and len(data.encode()) > MAX_MESSAGE_BYTES):
        raise ProtocolError("message too long")
    try:
        message = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise ProtocolError("not JSON") from exc
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        raise ProtocolError("expected a JSON object with a type")
    schema = SCHEMAS.get(message["type"])
    if schema is None:
        raise ProtocolError("unknown message type")
    fields, build = schema
    if set(message) != {"type", *fields}:
        raise ProtocolError(f"a {message['type']} message has exactly the fields {', '.join(fields)}")
    return build(message)
