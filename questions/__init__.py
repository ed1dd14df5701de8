"""The bundled packs: installed as the package game.questions (see pyproject.toml)."""
