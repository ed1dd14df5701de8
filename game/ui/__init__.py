"""The pygame front end. Importing it keeps pygame's start-up banner off standard output."""
import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
