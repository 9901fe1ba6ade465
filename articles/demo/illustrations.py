"""Generated lead images for the demo: abstract, deterministic illustrations in
each section's colour, so the demo needs no photographs and no downloads."""

import hashlib
import io
import random

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1600, 900


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def illustration(seed: str, colour: str) -> bytes:
    """A JPEG of soft bands and circles; the same seed always draws the same picture."""
    rng = random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:16], 16))  # noqa: S311
    base = _rgb(colour)
    light = _mix(base, (255, 244, 225), 0.75)
    image = Image.new("RGB", (WIDTH, HEIGHT), light)
    draw = ImageDraw.Draw(image)
    for y in range(HEIGHT):
        draw.line([(0, y), (WIDTH, y)], fill=_mix(light, base, y / HEIGHT * 0.55))
    for _ in range(7):
        top = rng.randint(-200, HEIGHT)
        tone = _mix(base, (255, 196, 87), rng.random() * 0.6)
        draw.polygon(
            [(0, top), (WIDTH, top - rng.randint(100, 500)), (WIDTH, HEIGHT), (0, HEIGHT)],
            fill=_mix(tone, light, rng.random() * 0.5),
        )
    for _ in range(5):
        x, y, r = rng.randint(0, WIDTH), rng.randint(0, HEIGHT // 2), rng.randint(40, 220)
        draw.ellipse(
            [x - r, y - r, x + r, y + r], fill=_mix((255, 236, 200), base, rng.random() * 0.4)
        )
    image = image.filter(ImageFilter.GaussianBlur(2))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()
