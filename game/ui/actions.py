"""One mapping from input events (keyboard, mouse-free gamepad, joystick hat) to game actions,
so every scene reacts the same way whichever device the player holds."""
from __future__ import annotations

from dataclasses import dataclass

import pygame


@dataclass(frozen=True)
class Action:
    name: str  # up, down, left, right, confirm, back, choice, lifeline, mute, fullscreen, flag
    index: int = -1  # for `choice`: the answer tile, 0-3; for `lifeline`: which one


_KEYS = {
    pygame.K_UP: Action("up"), pygame.K_DOWN: Action("down"),
    pygame.K_LEFT: Action("left"), pygame.K_RIGHT: Action("right"),
    pygame.K_RETURN: Action("confirm"), pygame.K_KP_ENTER: Action("confirm"), pygame.K_SPACE: Action("confirm"),
    pygame.K_ESCAPE: Action("back"),
    pygame.K_m: Action("mute"), pygame.K_F11: Action("fullscreen"), pygame.K_f: Action("flag"),
    **{key: Action("choice", i) for i, key in enumerate((pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4))},
    **{key: Action("choice", i) for i, key in enumerate((pygame.K_KP1, pygame.K_KP2, pygame.K_KP3, pygame.K_KP4))},
    **{key: Action("choice", i) for i, key in enumerate((pygame.K_a, pygame.K_b, pygame.K_c, pygame.K_d))},
    **{key: Action("lifeline", i) for i, key in enumerate((pygame.K_q, pygame.K_w, pygame.K_e, pygame.K_r))},
}

# Keys that type text: while a text field is active they are letters, not actions.
TEXT_KEYS = {pygame.K_SPACE, pygame.K_m, pygame.K_f, pygame.K_a, pygame.K_b, pygame.K_c, pygame.K_d,
             pygame.K_q, pygame.K_w, pygame.K_e, pygame.K_r,
             pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_KP1, pygame.K_KP2, pygame.K_KP3, pygame.K_KP4}

_CONTROLLER_BUTTONS = {
    pygame.CONTROLLER_BUTTON_A: Action("confirm"), pygame.CONTROLLER_BUTTON_B: Action("back"),
    pygame.CONTROLLER_BUTTON_START: Action("back"), pygame.CONTROLLER_BUTTON_BACK: Action("mute"),
    pygame.CONTROLLER_BUTTON_Y: Action("flag"),
    pygame.CONTROLLER_BUTTON_DPAD_UP: Action("up"), pygame.CONTROLLER_BUTTON_DPAD_DOWN: Action("down"),
    pygame.CONTROLLER_BUTTON_DPAD_LEFT: Action("left"), pygame.CONTROLLER_BUTTON_DPAD_RIGHT: Action("right"),
}

# Plain joysticks without a controller mapping: the usual first buttons and the hat.
_JOY_BUTTONS = {0: Action("confirm"), 1: Action("back"), 7: Action("back"), 6: Action("mute")}
_HAT = {(0, 1): Action("up"), (0, -1): Action("down"), (-1, 0): Action("left"), (1, 0): Action("right")}


def action_for(event, typing: bool = False, controller_ids: frozenset = frozenset()) -> Action | None:
    """The action an event means, or None. `typing`: a text field has the keyboard, so only
    keys that cannot type (arrows, Enter, Esc, F11) are actions. `controller_ids`: joystick
    instances that also send controller events, whose raw joystick events are ignored."""
    if event.type == pygame.KEYDOWN:
        if typing and event.key in TEXT_KEYS:
            return None
        return _KEYS.get(event.key)
    if event.type == pygame.CONTROLLERBUTTONDOWN:
        return _CONTROLLER_BUTTONS.get(event.button)
    if event.type == pygame.JOYBUTTONDOWN and getattr(event, "instance_id", None) not in controller_ids:
        return _JOY_BUTTONS.get(event.button)
    if event.type == pygame.JOYHATMOTION and getattr(event, "instance_id", None) not in controller_ids:
        return _HAT.get(tuple(event.value))
    return None
