"""Phones as buzzers: a party hosted on this machine, joined from phones on the local network.

`room` is the party's rules for who is in and what each phone may see (no web framework);
`protocol` checks every message a phone sends; `server` is the thin aiohttp edge; `host` is the
`python main.py host` command. Nothing outside this package imports aiohttp.
"""
