"""The game's fonts, sounds and icon: installed as the package game.assets (see pyproject.toml)."""
