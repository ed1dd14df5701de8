"""The one mapping from keys, controller buttons, joystick buttons and hats to actions: what each
device's buttons do, and that a pad seen both as a controller and as a joystick acts once."""
import pygame
import pytest

from game.ui.actions import Action, action_for


def key(code: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="", scancode=0)


def test_keys_answer_use_lifelines_and_move():
    assert [action_for(key(k)) for k in (pygame.K_1, pygame.K_4, pygame.K_a, pygame.K_d, pygame.K_KP2)] == [
        Action("choice", 0), Action("choice", 3), Action("choice", 0), Action("choice", 3), Action("choice", 1)]
    assert [action_for(key(k)) for k in (pygame.K_q, pygame.K_w, pygame.K_e, pygame.K_r)] == [
        Action("lifeline", i) for i in range(4)]
    assert [action_for(key(k)).name for k in (pygame.K_UP, pygame.K_RETURN, pygame.K_SPACE, pygame.K_ESCAPE,
                                              pygame.K_m, pygame.K_F11, pygame.K_f)] == [
        "up", "confirm", "confirm", "back", "mute", "fullscreen", "flag"]
    assert action_for(key(pygame.K_z)) is None


def test_while_typing_letters_and_digits_are_text_but_enter_arrows_and_escape_still_act():
    for code in (pygame.K_a, pygame.K_w, pygame.K_m, pygame.K_1, pygame.K_SPACE):
        assert action_for(key(code), typing=True) is None
    assert [action_for(key(k), typing=True).name for k in (pygame.K_RETURN, pygame.K_DOWN, pygame.K_ESCAPE,
                                                           pygame.K_F11)] == ["confirm", "down", "back", "fullscreen"]


def test_controller_buttons():
    def press(button):
        return action_for(pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, button=button, instance_id=0))
    assert press(pygame.CONTROLLER_BUTTON_A).name == "confirm" and press(pygame.CONTROLLER_BUTTON_B).name == "back"
    assert press(pygame.CONTROLLER_BUTTON_DPAD_LEFT).name == "left" and press(pygame.CONTROLLER_BUTTON_Y).name == "flag"
    assert press(pygame.CONTROLLER_BUTTON_X) is None


@pytest.mark.parametrize("instance", [3, None])  # a plain joystick; an event without an instance id
def test_a_plain_joysticks_buttons_and_hat(instance):
    extra = {} if instance is None else {"instance_id": instance}
    def button(number):
        return action_for(pygame.event.Event(pygame.JOYBUTTONDOWN, button=number, **extra), controller_ids=frozenset({0}))
    def hat(value):
        return action_for(pygame.event.Event(pygame.JOYHATMOTION, value=value, hat=0, **extra),
                          controller_ids=frozenset({0}))
    assert [button(n) for n in (0, 1, 6, 7, 4)] == [Action("confirm"), Action("back"), Action("mute"), Action("back"),
                                                     None]
    assert [hat(v) for v in ((0, 1), (0, -1), (-1, 0), (1, 0), (0, 0))] == [
        Action("up"), Action("down"), Action("left"), Action("right"), None]
    assert hat([1, 0]) == Action("right")  # SDL may hand the hat's value over as a list


def test_a_pad_that_is_also_a_controller_acts_once_through_its_controller_events():
    controllers = frozenset({2})
    joystick_a = pygame.event.Event(pygame.JOYBUTTONDOWN, button=0, instance_id=2)
    joystick_hat = pygame.event.Event(pygame.JOYHATMOTION, value=(0, -1), hat=0, instance_id=2)
    controller_a = pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, button=pygame.CONTROLLER_BUTTON_A, instance_id=2)
    assert action_for(joystick_a, controller_ids=controllers) is None
    assert action_for(joystick_hat, controller_ids=controllers) is None
    assert action_for(controller_a, controller_ids=controllers) == Action("confirm")
