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
