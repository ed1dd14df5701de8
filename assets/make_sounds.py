#!/usr/bin/env python3
"""Synthesise Osmosis Quiz's sound effects into assets/sounds/.

Standard library only (wave, math, struct). Output is deterministic: the
same bytes on every run. Files are 16-bit mono 44100 Hz WAV, each normalised
to a peak of half full scale, with smooth attack/decay envelopes and a short
fade at both ends so nothing clicks.

Run from anywhere, e.g. from the repo root:

    python assets/make_sounds.py
"""

import math
import os
import struct
import wave

RATE = 44100
PEAK = 0.5  # peak amplitude as a fraction of full scale
EDGE_FADE = 0.003  # seconds of raised-cosine fade at each end of a file

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sounds")

# Harmonic recipes: (multiple of the fundamental, relative amplitude).
BELL = ((1, 1.0), (2, 0.35), (3, 0.12), (4, 0.05))
PURE = ((1, 1.0),)
SOFT_BUZZ = ((1, 1.0), (2, 0.25), (3, 0.3), (5, 0.12), (7, 0.05))
GLASS = ((1, 1.0), (2.76, 0.12))


def blank(duration):
    return [0.0] * int(round(duration * RATE))


def add_note(buf, start, duration, freq, amp=1.0, harmonics=PURE,
             attack=0.005, decay=0.1, release=0.02, freq_end=None):
    """Mix one note into buf (a list of floats).

    The envelope is a raised-cosine attack, then an exponential decay with
    time constant `decay`, then a raised-cosine release over the last
    `release` seconds so the note always ends at exactly zero. If freq_end is
    given the pitch glides exponentially from freq to freq_end.
    """
    first = int(round(start * RATE))
    n = int(round(duration * RATE))
    n_attack = max(1, int(round(attack * RATE)))
    n_release = max(1, int(round(release * RATE)))
    ratio = 1.0 if freq_end is None else freq_end / freq
    phase = 0.0
    for i in range(n):
        j = first + i
        if j >= len(buf):
            break
        t = i / RATE
        if i < n_attack:
            env = 0.5 - 0.5 * math.cos(math.pi * i / n_attack)
        else:
            env = math.exp(-(t - attack) / decay)
        left = n - 1 - i
        if left < n_release:
            env *= 0.5 - 0.5 * math.cos(math.pi * left / n_release)
        sample = 0.0
        for mult, rel in harmonics:
            sample += rel * math.sin(phase * mult)
        buf[j] += amp * env * sample
        f = freq * ratio ** (i / n) if ratio != 1.0 else freq
        phase += 2.0 * math.pi * f / RATE


def finish(buf):
    """Fade both ends, normalise to PEAK and convert to 16-bit samples."""
    n_edge = max(1, int(round(EDGE_FADE * RATE)))
    for i in range(min(n_edge, len(buf))):
        g = 0.5 - 0.5 * math.cos(math.pi * i / n_edge)
        buf[i] *= g
        buf[-1 - i] *= g
    buf[-1] = 0.0
    top = max(abs(s) for s in buf) or 1.0
    scale = PEAK * 32767 / top
    return [int(round(s * scale)) for s in buf]


def write(name, samples):
    path = os.path.join(OUT_DIR, name)
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(struct.pack("<%dh" % len(samples), *samples))
    return path


def make_right():
    """Bright rising two-note chime (G5 -> C6), ~0.35 s."""
    buf = blank(0.35)
    add_note(buf, 0.00, 0.20, 783.99, 0.8, BELL, attack=0.004, decay=0.08)
    add_note(buf, 0.09, 0.26, 1046.50, 1.0, BELL, attack=0.004, decay=0.10,
             release=0.06)
    return buf


def make_wrong():
    """Soft low descending two-tone buzz (Bb3 -> F#3), ~0.4 s."""
    buf = blank(0.40)
    add_note(buf, 0.00, 0.19, 233.08, 1.0, SOFT_BUZZ, attack=0.012,
             decay=0.25, release=0.03)
    add_note(buf, 0.17, 0.23, 185.00, 1.0, SOFT_BUZZ, attack=0.012,
             decay=0.15, release=0.08, freq_end=175.0)
    return buf


def make_tick():
    """Very short soft tick, ~0.05 s."""
    buf = blank(0.05)
    add_note(buf, 0.0, 0.05, 1900.0, 1.0, GLASS, attack=0.0015, decay=0.009,
             release=0.015)
    add_note(buf, 0.0, 0.05, 950.0, 0.4, PURE, attack=0.0015, decay=0.012,
             release=0.015)
    return buf


def make_round_end():
    """Short rising three-note arpeggio (C5 E5 G5, G5 rings), ~0.8 s."""
    buf = blank(0.80)
    add_note(buf, 0.00, 0.30, 523.25, 0.8, BELL, attack=0.005, decay=0.12,
             release=0.05)
    add_note(buf, 0.12, 0.30, 659.25, 0.85, BELL, attack=0.005, decay=0.12,
             release=0.05)
    add_note(buf, 0.24, 0.56, 783.99, 1.0, BELL, attack=0.005, decay=0.20,
             release=0.15)
    add_note(buf, 0.24, 0.56, 1046.50, 0.25, PURE, attack=0.010, decay=0.18,
             release=0.15)
    return buf


def make_select():
    """Tiny UI blip with a slight upward glide, ~0.06 s."""
    buf = blank(0.06)
    add_note(buf, 0.0, 0.06, 1200.0, 1.0, ((1, 1.0), (2, 0.15)),
             attack=0.003, decay=0.02, release=0.02, freq_end=1500.0)
    return buf


SOUNDS = {
    "right.wav": make_right,
    "wrong.wav": make_wrong,
    "tick.wav": make_tick,
    "round_end.wav": make_round_end,
    "select.wav": make_select,
}


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for name, make in SOUNDS.items():
        samples = finish(make())
        path = write(name, samples)
        print("%-14s %.3f s  %6d bytes" % (
            name, len(samples) / RATE, os.path.getsize(path)))


if __name__ == "__main__":
    main()
