"""Whose press an event is in a party game (game/ui/party_input.py), without a window: each key
block's keys, a bound pad's buttons, a pad's press arriving twice, binding a new pad, and what the
setup screen and the question screen print for each input. Found by mutation testing: the module
was reached only through the whole-window party tests, which press few of its keys and buttons."""
import pygame
import pytest

from game.ui.party_input import KEY_BLOCKS, Press, SeatInput, press_for, unbound_pad

CONTROLLER = 4  # a pad SDL maps as a game controller: sends controller and raw joystick events
JOYSTICK = 6  # a plain joystick: raw joystick events only
CONTROLLERS = frozenset({CONTROLLER})


def key(code: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="", scancode=0)


def controller(instance: int, button: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, instance_id=instance, button=button)


def joystick(instance: int, button: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.JOYBUTTONDOWN, instance_id=instance, joy=instance, button=button)


FOUR_BLOCKS = [SeatInput(block=b) for b in range(4)]


@pytest.mark.parametrize("seat", range(4))
def test_each_key_block_answers_its_own_seats_four_tiles_and_lifeline(seat):
    block = KEY_BLOCKS[seat]
    assert [press_for(key(k), FOUR_BLOCKS, CONTROLLERS) for k in block.answers] == [
        Press(seat, "choice", tile) for tile in range(4)]
    assert press_for(key(block.lifeline), FOUR_BLOCKS, CONTROLLERS) == Press(seat, "lifeline", -1)


def test_the_blocks_are_the_keyboards_corners_and_a_key_of_no_block_is_no_press():
    names = [(b.answer_names, b.lifeline_name, b.where) for b in KEY_BLOCKS]
    assert names == [(("1", "2", "3", "4"), "Q", "top left"), (("7", "8", "9", "0"), "P", "top right"),
                     (("Z", "X", "C", "V"), "L-Shift", "bottom left"),
                     (("←", "↑", "↓", "→"), "R-Shift", "arrows")]
    assert press_for(key(pygame.K_m), FOUR_BLOCKS, CONTROLLERS) is None
    # A seat playing with a pad has no keys: block 1's keys press for nobody when seat 1 has a pad.
    inputs = [SeatInput(block=0), SeatInput(pad=JOYSTICK)]
    assert press_for(key(KEY_BLOCKS[1].answers[0]), inputs, CONTROLLERS) is None
    assert press_for(key(KEY_BLOCKS[0].answers[2]), inputs, CONTROLLERS) == Press(0, "choice", 2)
    # ... and the key blocks of the seats after a pad seat still press.
    inputs = [SeatInput(pad=JOYSTICK), SeatInput(block=1)]
    assert press_for(key(KEY_BLOCKS[1].lifeline), inputs, CONTROLLERS) == Press(1, "lifeline", -1)


def test_a_controllers_buttons_answer_use_each_lifeline_and_pause():
    inputs = [SeatInput(block=0), SeatInput(pad=CONTROLLER)]
    buttons = [pygame.CONTROLLER_BUTTON_A, pygame.CONTROLLER_BUTTON_B, pygame.CONTROLLER_BUTTON_X,
               pygame.CONTROLLER_BUTTON_Y, pygame.CONTROLLER_BUTTON_LEFTSHOULDER,
               pygame.CONTROLLER_BUTTON_RIGHTSHOULDER, pygame.CONTROLLER_BUTTON_START]
    assert [press_for(controller(CONTROLLER, b), inputs, CONTROLLERS) for b in buttons] == [
        Press(1, "choice", 0), Press(1, "choice", 1), Press(1, "choice", 2), Press(1, "choice", 3),
        Press(1, "lifeline", 0), Press(1, "lifeline", 1), Press(1, "pause", -1)]
    assert press_for(controller(CONTROLLER, pygame.CONTROLLER_BUTTON_BACK), inputs, CONTROLLERS) is None


def test_a_plain_joysticks_buttons_are_numbered_as_on_most_pads():
    inputs = [SeatInput(pad=JOYSTICK), SeatInput(block=0)]
    assert [press_for(joystick(JOYSTICK, b), inputs, CONTROLLERS) for b in (0, 1, 2, 3, 4, 5, 7, 6)] == [
        Press(0, "choice", 0), Press(0, "choice", 1), Press(0, "choice", 2), Press(0, "choice", 3),
        Press(0, "lifeline", 0), Press(0, "lifeline", 1), Press(0, "pause", -1), None]


def test_a_controllers_press_counts_once_and_only_a_bound_pad_presses():
    two_pads = [SeatInput(), SeatInput(pad=JOYSTICK), SeatInput(pad=CONTROLLER)]  # seat 0 still to take one
    assert press_for(joystick(JOYSTICK, 1), two_pads, CONTROLLERS) == Press(1, "choice", 1)
    assert press_for(controller(CONTROLLER, pygame.CONTROLLER_BUTTON_B), two_pads, CONTROLLERS) == \
        Press(2, "choice", 1)
    inputs = [SeatInput(pad=CONTROLLER)]
    assert press_for(joystick(CONTROLLER, 0), inputs, CONTROLLERS) is None  # the same press, raw: not again
    assert press_for(controller(JOYSTICK, pygame.CONTROLLER_BUTTON_A), [SeatInput(pad=JOYSTICK)],
                     CONTROLLERS) is None  # a controller event from a pad SDL does not map: none arrive
    assert press_for(joystick(JOYSTICK, 0), inputs, CONTROLLERS) is None  # nobody's pad
    assert press_for(controller(CONTROLLER, pygame.CONTROLLER_BUTTON_A), [SeatInput()], CONTROLLERS) is None
    no_instance = pygame.event.Event(pygame.JOYBUTTONDOWN, button=0)
    assert press_for(no_instance, [SeatInput(pad=JOYSTICK)], CONTROLLERS) is None


def test_any_button_of_a_pad_nobody_has_binds_it_and_a_bound_pads_does_not():
    inputs = [SeatInput(block=0), SeatInput(pad=JOYSTICK), SeatInput()]
    assert unbound_pad(joystick(8, 11), inputs, CONTROLLERS) == 8  # a button with no use in play
    assert unbound_pad(controller(CONTROLLER, pygame.CONTROLLER_BUTTON_BACK), inputs, CONTROLLERS) == CONTROLLER
    assert unbound_pad(joystick(JOYSTICK, 0), inputs, CONTROLLERS) is None  # already Seat 2's
    assert unbound_pad(joystick(CONTROLLER, 0), inputs, CONTROLLERS) is None  # the raw twin of a controller
    assert unbound_pad(key(pygame.K_1), inputs, CONTROLLERS) is None
    # A pad no longer bound (its seat moved to keys) is free again.
    assert unbound_pad(joystick(JOYSTICK, 0), [SeatInput(block=1)], CONTROLLERS) == JOYSTICK


def test_what_the_screens_print_for_keys_a_pad_and_a_pad_still_to_take():
    keys, pad, waiting = SeatInput(block=2), SeatInput(pad=JOYSTICK), SeatInput()
    assert (keys.uses_pad, keys.ready, pad.uses_pad, pad.ready, waiting.uses_pad, waiting.ready) == (
        False, True, True, True, True, False)
    assert keys.answer_names() == ("Z", "X", "C", "V") and pad.answer_names() == ("A", "B", "X", "Y")
    assert keys.describe() == "Keys Z X C V · lifeline L-Shift (bottom left)"
    assert pad.describe() == "Gamepad · A B X Y · lifelines LB RB"
    assert waiting.describe() == "Gamepad: press any button on it"
    both = {0: "2nd chance", 1: "+time"}
    assert keys.lifeline_hint(both) == "L-Shift: 2nd chance · +time"  # one key tries them in turn
    assert pad.lifeline_hint(both) == "LB 2nd chance · RB +time"
    assert pad.lifeline_hint({1: "+time"}) == "RB +time"  # the button of the one left
    assert SeatInput(block=0).lifeline_hint({1: "+time"}) == "Q: +time"
