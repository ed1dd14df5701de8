"""Typed answers as players type them: any case, with or without accents, small slips forgiven."""
from game.text import is_accepted, normalize


def test_normalize_drops_case_accents_and_punctuation_but_keeps_letters():
    assert normalize("Joséphine") == normalize("JOSEPHINE") == "josephine"
    assert normalize("“Leópold!”") == "leopold"
    assert normalize("Brother–Sister  Team") == "brother sister team"
    assert normalize("Ελληνικά") == "ελληνικα"  # other scripts are kept, only the marks go
    assert normalize("Tiếng Việt") == "tieng viet"


def test_a_small_typo_is_forgiven_but_never_another_characters_name():
    everyone_else = ["Paul", "Lucas", "Louise", "Antoine", "Simon", "Martin"]
    assert is_accepted("josephine", ["Joséphine", "Josephine"], everyone_else)
    assert is_accepted("Josephin", ["Joséphine"], everyone_else)
    assert not is_accepted("Louise", ["Lucas"], everyone_else)
    assert not is_accepted("Lucs", ["Louise"], everyone_else)  # closer to Lucas than to Louise
    assert not is_accepted("Tom", ["Tim"], [])  # short names forgive nothing
    assert not is_accepted("", ["Paul"], [])


def test_a_slip_as_close_to_another_name_as_to_the_answer_is_refused():
    # "Ann" is one letter from Anna and one from Anne: it cannot be taken as either.
    assert not is_accepted("Ann", ["Anna"], ["Anne"])
    assert is_accepted("Ann", ["Anna"], ["Esther"])


def test_long_names_forgive_two_slips_and_middle_length_names_one():
    assert is_accepted("Josphin", ["Joséphine"], [])  # 9 letters: two slips
    assert not is_accepted("Jsphin", ["Joséphine"], [])  # three
    assert is_accepted("Marin", ["Martin"], [])  # 6 letters: one slip
    assert not is_accepted("Mrin", ["Martin"], [])  # two
