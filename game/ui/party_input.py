"""Who pressed what in a party game: each player has a block of four answer keys and a lifeline
key on the one keyboard, or a gamepad of their own.

The four key blocks sit at the keyboard's corners, so four people around it do not reach across
each other. Gamepads are told apart by SDL's instance id; a pad is bound to a player by pressing
any of its buttons (SDL gives a re-plugged pad a new id, so it is bound again the same way).
"""
from __future__ import annotations

from dataclasses import dataclass

import pygame


@dataclass(frozen=True)
class KeyBlock:
    answers: tuple[int, int, int, int]  # pygame key codes for tiles 1-4
    lifeline: int
    answer_names: tuple[str, str, str, str]  # as printed on the keys
    lifeline_name: str
    where: str  # where the block is on the keyboard, for the setup screen


KEY_BLOCKS = (
    KeyBlock((pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4), pygame.K_q, ("1", "2", "3", "4"), "Q", "top left"),
    KeyBlock((pygame.K_7, pygame.K_8, pygame.K_9, pygame.K_0), pygame.K_p, ("7", "8", "9", "0"), "P", "top right"),
    KeyBlock((pygame.K_z, pygame.K_x, pygame.K_c, pygame.K_v), pygame.K_LSHIFT, ("Z", "X", "C", "V"), "L-Shift",
             "bottom left"),
    KeyBlock((pygame.K_LEFT, pygame.K_UP, pygame.K_DOWN, pygame.K_RIGHT), pygame.K_RSHIFT, ("←", "↑", "↓", "→"),
             "R-Shift", "arrows"),
)

PAD_ANSWER_NAMES = ("A", "B", "X", "Y")
PAD_LIFELINE_NAMES = ("LB", "RB")  # a pad has a button per lifeline (in PARTY_LIFELINES order)

# Pads with an SDL controller mapping send controller events (their raw joystick events are
# ignored, as in actions.py); plain joysticks send raw buttons, numbered as on most pads.
_CONTROLLER_BUTTONS = {
    pygame.CONTROLLER_BUTTON_A: ("choice", 0), pygame.CONTROLLER_BUTTON_B: ("choice", 1),
    pygame.CONTROLLER_BUTTON_X: ("choice", 2), pygame.CONTROLLER_BUTTON_Y: ("choice", 3),
    pygame.CONTROLLER_BUTTON_LEFTSHOULDER: ("lifeline", 0), pygame.CONTROLLER_BUTTON_RIGHTSHOULDER: ("lifeline", 1),
    pygame.CONTROLLER_BUTTON_START: ("pause", -1),
}
_RAW_BUTTONS = {0: ("choice", 0), 1: ("choice", 1), 2: ("choice", 2), 3: ("choice", 3),
                4: ("lifeline", 0), 5: ("lifeline", 1), 7: ("pause", -1)}


@dataclass(frozen=True)
class SeatInput:
    """How one player answers: a key block, or a gamepad (`pad` None until one is bound)."""

    block: int | None = None  # index in KEY_BLOCKS
    pad: int | None = None  # the bound pad's instance id

    @property
    def uses_pad(self) -> bool:
        return self.block is None

    @property
    def ready(self) -> bool:
        return not self.uses_pad or self.pad is not None

    def answer_names(self) -> tuple[str, str, str, str]:
        return PAD_ANSWER_NAMES if self.uses_pad else KEY_BLOCKS[self.block].answer_names

    def lifeline_hint(self, lifelines: dict[int, str]) -> str:
        """What the lifeline key or buttons do, given {index in PARTY_LIFELINES: label} of those left:
        a key block's one key tries them in order, a pad has a button for each."""
        if self.uses_pad:
            return " · ".join(f"{PAD_LIFELINE_NAMES[i]} {label}" for i, label in lifelines.items())
        return f"{KEY_BLOCKS[self.block].lifeline_name}: {' · '.join(lifelines.values())}"

    def describe(self) -> str:
        """The input as the setup screen shows it."""
        if not self.uses_pad:
            block = KEY_BLOCKS[self.block]
            return f"Keys {' '.join(block.answer_names)} · lifeline {block.lifeline_name} ({block.where})"
        if self.pad is None:
            return "Gamepad: press any button on it"
        return f"Gamepad · {' '.join(PAD_ANSWER_NAMES)} · lifelines {' '.join(PAD_LIFELINE_NAMES)}"


@dataclass(frozen=True)
class Press:
    seat: int  # index of the player who pressed
    kind: str  # choice, lifeline, pause
    index: int = -1  # choice: the tile, 0-3; lifeline: which one (a pad's), -1 the first that fits (a key's)


def press_for(event, inputs: list[SeatInput], controller_ids) -> Press | None:
    """The party press an event is, or None: a key of a player's block, or a button of a bound pad."""
    if event.type == pygame.KEYDOWN:
        for seat, seat_input in enumerate(inputs):
            if seat_input.uses_pad:
                continue
            block = KEY_BLOCKS[seat_input.block]
            if event.key in block.answers:
                return Press(seat, "choice", block.answers.index(event.key))
            if event.key == block.lifeline:
                return Press(seat, "lifeline")
        return None
    buttons = _pad_buttons(event, controller_ids)
    button = buttons.get(event.button) if buttons is not None else None
    if button is None:
        return None
    seat = next((i for i, s in enumerate(inputs) if s.uses_pad and s.pad == event.instance_id), None)
    return Press(seat, *button) if seat is not None else None


def unbound_pad(event, inputs: list[SeatInput], controller_ids) -> int | None:
    """The instance id of a pad no player has yet, when this event is a press of any of its buttons."""
    if _pad_buttons(event, controller_ids) is None:
        return None
    bound = {s.pad for s in inputs if s.uses_pad}
    return None if event.instance_id in bound else event.instance_id


def _pad_buttons(event, controller_ids) -> dict | None:
    """What the buttons of the pad pressed do (its table: controller or raw), or None when the event
    is no pad's button press. A controller's press arrives twice (controller and raw joystick
    events): only one is taken."""
    instance = getattr(event, "instance_id", None)
    if event.type == pygame.CONTROLLERBUTTONDOWN and instance in controller_ids:
        return _CONTROLLER_BUTTONS
    if event.type == pygame.JOYBUTTONDOWN and instance is not None and instance not in controller_ids:
        return _RAW_BUTTONS
    return None
