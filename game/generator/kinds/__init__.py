"""One module per question kind. Each lists its candidates with `candidates(kit)` (cheap: ids,
the facts they rest on, spoiler flags) and holds the builders that word them. A new kind is one
module here plus its name in `game.models.KINDS`."""
from . import character_to_trope, pack, relationship, spot_the_reveal, trope_to_character, true_false, typed

MODULES = {module.KIND: module for module in (trope_to_character, character_to_trope, spot_the_reveal,
                                               relationship, true_false, typed, pack)}
