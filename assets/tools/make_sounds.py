"""Synthesise every sound effect of Alma Tactics and write the WAVs into assets/sounds/.

    python assets/tools/make_sounds.py [--check]

All sounds are the project's own: numpy noise from fixed seeds, envelopes, swept
tones and windowed-sinc filters, written as mono 16-bit 22050 Hz WAV by the stdlib
`wave` module (no timestamps), so a re-run writes byte-identical files; files whose
bytes did not change are not rewritten. `--check` exits 1 if any file would change.

Which event plays which file, and how loud, is not decided here: that is
assets/sounds/sounds.toml, for designers to retune without code (several kinds may
share a file at different volumes). Each file is normalised to the same peak, so
the table's volumes alone set the balance.

The sounds (night raids: silenced superheat rounds, knives, grenades, EMPs against
the Calendrea's sentries, brutes, spotlights and alarms):

- shot_rifle: the Calendrea's unsilenced rifle, a crack with a body and a room tail.
- shot_superheat: the .80 sniper round, a harder crack and the sizzle of the superheat.
- shot_silenced: the marines' silenced .60, a soft "thwip" with a short sizzle.
- knife: a swish and a thunk.
- explosion: a frag, rocket or charge: a crack, a low boom, rumble and debris.
- smoke: a smoke grenade's pop and hiss.
- emp: an electric zap, then a hum that drops in pitch and dies (the lights going out).
- launch: the under-barrel launcher's soft "thoomp".
- footstep: one muffled step.
- alarm: the compound's klaxon, two tones.
- hit: a body hit, a short thud.
- death: a heavier thud and the body settling.
- roar: a brute's roar, a rough low growl.
- distant: something loud far away, heard through walls (muffled).
- click: a short UI / HUD tick.
"""

from __future__ import annotations

import argparse
import io
import sys
import wave
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
SOUNDS = ROOT / "assets" / "sounds"
RATE = 22050  # Hz; mono, 16 bit
PEAK = 0.89  # every file's peak (about -1 dBFS)

Wave = np.ndarray  # float64 samples in [-1, 1]


# --- building blocks ----------------------------------------------------------------------------
def times(seconds: float) -> np.ndarray:
    """Sample times of a sound `seconds` long."""
    return np.arange(round(seconds * RATE)) / RATE


def noise(n: int, seed: int) -> Wave:
    """White noise from a fixed seed (uniform doubles: stable across numpy versions)."""
    return np.random.default_rng(seed).random(n) * 2.0 - 1.0


def decay(t: np.ndarray, tau: float, start: float = 0.0) -> np.ndarray:
    """An exponential decay with time constant `tau`, silent before `start`."""
    return np.where(t >= start, np.exp(-np.maximum(t - start, 0.0) / tau), 0.0)


def attack_decay(t: np.ndarray, attack: float, tau: float, start: float = 0.0) -> np.ndarray:
    """A linear rise over `attack` seconds, then an exponential decay."""
    rise = np.clip((t - start) / max(attack, 1e-6), 0.0, 1.0)
    return rise * np.exp(-np.maximum(t - start - attack, 0.0) / tau)


def tone(freq: np.ndarray | float, t: np.ndarray) -> Wave:
    """A sine whose frequency may change over time (the phase is integrated)."""
    f = np.broadcast_to(np.asarray(freq, dtype=np.float64), t.shape)
    return np.sin(2 * np.pi * np.cumsum(f) / RATE)


def sweep(t: np.ndarray, start: float, end: float, tau: float) -> np.ndarray:
    """A frequency gliding exponentially from `start` to `end` Hz (time constant `tau`)."""
    return end + (start - end) * np.exp(-t / tau)


def lowpass(x: Wave, cutoff: float, taps: int = 255) -> Wave:
    """A windowed-sinc low-pass filter (linear phase, same length)."""
    m = np.arange(taps) - (taps - 1) / 2
    h = np.sinc(2 * cutoff / RATE * m) * np.blackman(taps)
    h /= h.sum()
    return np.convolve(x, h, mode="same")


def highpass(x: Wave, cutoff: float, taps: int = 255) -> Wave:
    return x - lowpass(x, cutoff, taps)


def bandpass(x: Wave, low: float, high: float) -> Wave:
    return lowpass(highpass(x, low), high)


def fades(x: Wave, fade_in: float = 0.001, fade_out: float = 0.01) -> Wave:
    """Short linear fades at both ends, so no file starts or stops with a click."""
    x = x.copy()
    a, b = max(1, round(fade_in * RATE)), max(1, round(fade_out * RATE))
    x[:a] *= np.linspace(0.0, 1.0, a)
    x[-b:] *= np.linspace(1.0, 0.0, b)
    return x


def normalised(x: Wave) -> Wave:
    peak = float(np.max(np.abs(x)))
    return x * (PEAK / peak) if peak > 0 else x


# --- the sounds ---------------------------------------------------------------------------------
def shot_rifle() -> Wave:
    t = times(0.34)
    crack = highpass(noise(len(t), 11), 1200) * decay(t, 0.010)
    body = tone(sweep(t, 160, 60, 0.03), t) * decay(t, 0.045)
    room = lowpass(noise(len(t), 12), 1400) * attack_decay(t, 0.004, 0.09)
    return crack * 1.0 + body * 0.8 + room * 0.55


def shot_superheat() -> Wave:
    t = times(0.5)
    n = len(t)
    crack = highpass(noise(n, 21), 1800) * decay(t, 0.007)
    body = tone(sweep(t, 120, 45, 0.04), t) * decay(t, 0.07)
    room = lowpass(noise(n, 22), 1000) * attack_decay(t, 0.003, 0.12)
    # the superheat: a high sizzle that crackles as it fades
    crackle = (np.random.default_rng(23).random(n) < 0.02) * noise(n, 24)
    sizzle = bandpass(noise(n, 25) * 0.6 + crackle, 3500, 8500) * attack_decay(t, 0.01, 0.14)
    return crack * 1.2 + body * 0.9 + room * 0.5 + sizzle * 0.9


def shot_silenced() -> Wave:
    t = times(0.24)
    n = len(t)
    thwip = bandpass(noise(n, 31), 300, 1700) * attack_decay(t, 0.002, 0.018)
    click = tone(2300.0, t) * decay(t, 0.004)
    sizzle = bandpass(noise(n, 32), 4000, 9000) * attack_decay(t, 0.006, 0.05)
    return thwip * 1.0 + click * 0.35 + sizzle * 0.35


def knife() -> Wave:
    t = times(0.3)
    n = len(t)
    bell = np.exp(-(((t - 0.07) / 0.03) ** 2))
    swish = bandpass(noise(n, 41), 1800, 7000) * bell
    hit = 0.13
    thunk = tone(sweep(np.maximum(t - hit, 0), 210, 90, 0.03), t) * decay(t, 0.03, hit)
    flesh = lowpass(noise(n, 42), 900) * decay(t, 0.02, hit)
    return swish * 0.8 + thunk * 0.9 + flesh * 0.8


def explosion() -> Wave:
    t = times(1.1)
    n = len(t)
    crack = highpass(noise(n, 51), 900) * decay(t, 0.015)
    boom = lowpass(noise(n, 52), 380) * attack_decay(t, 0.006, 0.28)
    sub = tone(sweep(t, 70, 32, 0.15), t) * attack_decay(t, 0.004, 0.22)
    rumble = lowpass(noise(n, 53), 140) * attack_decay(t, 0.05, 0.45)
    grains = (np.random.default_rng(54).random(n) < 0.004) * noise(n, 55)
    debris = bandpass(grains, 800, 4000) * attack_decay(t, 0.08, 0.25, 0.05)
    return crack * 0.7 + boom * 2.2 + sub * 0.9 + rumble * 2.0 + debris * 1.5


def smoke() -> Wave:
    t = times(0.6)
    n = len(t)
    pop = lowpass(noise(n, 61), 700) * decay(t, 0.012) + tone(180.0, t) * decay(t, 0.02)
    hiss = bandpass(noise(n, 62), 2500, 8000) * attack_decay(t, 0.06, 0.25, 0.02)
    return pop * 0.9 + hiss * 0.8


def emp() -> Wave:
    t = times(0.9)
    n = len(t)
    zap = bandpass(noise(n, 71), 2000, 9000) * decay(t, 0.02)
    zap += tone(sweep(t, 3200, 900, 0.03), t) * decay(t, 0.04) * 0.5
    f = 120 * (0.2 + 0.8 * np.exp(-np.maximum(t - 0.12, 0) / 0.22))  # the hum drops
    hum = sum(tone(f * k, t) / k for k in (1, 2, 3, 5, 7))  # a buzzy, transformer-like hum
    level = attack_decay(t, 0.03, 0.3, 0.05) * np.clip((0.9 - t) / 0.4, 0.0, 1.0)
    return zap * 0.8 + hum * level * 0.6


def launch() -> Wave:
    t = times(0.4)
    n = len(t)
    thoomp = tone(sweep(t, 150, 55, 0.05), t) * attack_decay(t, 0.004, 0.07)
    puff = lowpass(noise(n, 81), 600) * decay(t, 0.03)
    hiss = bandpass(noise(n, 82), 2000, 6000) * attack_decay(t, 0.03, 0.08, 0.03)
    return thoomp * 1.0 + puff * 0.9 + hiss * 0.2


def footstep() -> Wave:
    t = times(0.15)
    n = len(t)
    thud = lowpass(noise(n, 91), 800) * attack_decay(t, 0.003, 0.022)
    grains = (np.random.default_rng(92).random(n) < 0.05) * noise(n, 93)
    crunch = bandpass(grains, 1500, 5000) * attack_decay(t, 0.005, 0.03)
    return thud * 1.0 + crunch * 0.5


def alarm() -> Wave:
    t = times(1.0)
    high = (t % 0.5) < 0.25
    f = np.where(high, 620.0, 470.0)
    klaxon = sum(tone(f * k, t) / k for k in (1, 3, 5, 7, 9))  # square-ish, band-limited
    edge = np.minimum((t % 0.25) / 0.01, 1.0) * np.minimum((0.25 - t % 0.25) / 0.01, 1.0)
    return lowpass(klaxon, 4500) * edge


def hit() -> Wave:
    t = times(0.25)
    n = len(t)
    thud = tone(sweep(t, 130, 70, 0.03), t) * attack_decay(t, 0.002, 0.045)
    slap = lowpass(noise(n, 111), 1500) * decay(t, 0.012)
    return thud * 1.0 + slap * 0.7


def death() -> Wave:
    t = times(0.5)
    n = len(t)
    fall = tone(sweep(t, 95, 40, 0.06), t) * attack_decay(t, 0.003, 0.1)
    slump = tone(sweep(np.maximum(t - 0.17, 0), 80, 40, 0.05), t) * decay(t, 0.07, 0.17)
    dust = lowpass(noise(n, 121), 500) * (decay(t, 0.04) + 0.6 * decay(t, 0.05, 0.17))
    gear = bandpass(noise(n, 122), 2000, 6000) * decay(t, 0.03, 0.17)
    return fall * 1.0 + slump * 0.6 + dust * 0.8 + gear * 0.15


def roar() -> Wave:
    t = times(0.8)
    n = len(t)
    jitter = lowpass(noise(n, 131), 20) * 40
    f = 70 + 45 * np.sin(np.pi * np.clip(t / 0.7, 0, 1)) + jitter  # rises and falls
    voice = sum(tone(f * k, t) / k for k in range(1, 9))  # sawtooth-ish
    rough = 0.6 + 0.4 * np.sin(2 * np.pi * 27 * t)  # the growl's flutter
    breath = bandpass(noise(n, 132), 300, 2500)
    level = attack_decay(t, 0.12, 0.25, 0.0) * np.clip((0.8 - t) / 0.25, 0.0, 1.0)
    return lowpass(voice * rough * 0.8 + breath * 0.6, 2200) * level


def distant() -> Wave:
    t = times(0.6)
    n = len(t)
    boom = lowpass(noise(n, 141), 260) * attack_decay(t, 0.015, 0.16)
    sub = tone(sweep(t, 60, 35, 0.1), t) * attack_decay(t, 0.015, 0.15)
    return boom * 2.0 + sub * 0.5


def click() -> Wave:
    t = times(0.045)
    n = len(t)
    return tone(2100.0, t) * decay(t, 0.005) + highpass(noise(n, 151), 3000) * decay(t, 0.002)


SOUND_MAKERS: dict[str, Callable[[], Wave]] = {
    "shot_rifle": shot_rifle,
    "shot_superheat": shot_superheat,
    "shot_silenced": shot_silenced,
    "knife": knife,
    "explosion": explosion,
    "smoke": smoke,
    "emp": emp,
    "launch": launch,
    "footstep": footstep,
    "alarm": alarm,
    "hit": hit,
    "death": death,
    "roar": roar,
    "distant": distant,
    "click": click,
}


# --- writing ------------------------------------------------------------------------------------
def wav_bytes(x: Wave) -> bytes:
    """Mono 16-bit PCM WAV at RATE (the `wave` module writes no timestamps)."""
    pcm = np.round(np.clip(x, -1.0, 1.0) * 32767).astype("<i2")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())
    return buffer.getvalue()


def render(name: str) -> bytes:
    return wav_bytes(normalised(fades(SOUND_MAKERS[name]())))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if any file would change")
    args = parser.parse_args(argv)
    changed, total = [], 0
    for name in SOUND_MAKERS:
        data = render(name)
        total += len(data)
        path = SOUNDS / f"{name}.wav"
        if path.exists() and path.read_bytes() == data:
            continue
        changed.append(path.name)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    if args.check:
        for rel in changed:
            print(f"would change: {rel}")
        if not changed:
            print(f"{len(SOUND_MAKERS)} files up to date")
        return 1 if changed else 0
    print(f"{len(SOUND_MAKERS)} files ({total // 1024} KB); {len(changed)} changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
