"""Nameplate photos drawn with Pillow from the demo equipment (data/equipment.yml): several
Debian fonts (DejaVu, Liberation, FreeFont), sizes, rotations up to 10°, blur, glare, noise
and JPEG quality down to 40. The same seed draws the same images."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation",
             "/usr/share/fonts/truetype/freefont")
FONT_NAMES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf", "DejaVuSerif.ttf",
              "DejaVuSansCondensed.ttf", "LiberationSans-Regular.ttf",
              "LiberationSans-Bold.ttf", "LiberationMono-Regular.ttf",
              "LiberationSerif-Regular.ttf", "FreeSans.ttf", "FreeSansBold.ttf",
              "FreeMono.ttf", "FreeSerif.ttf")
LABELS = (("Model", "S/N", "Year"), ("Modelo", "Nº serie", "Año"),
          ("Type", "Serial No.", "Built"), ("Mod.", "SN", "Fab."))


@dataclass(frozen=True)
class Plate:
    equipment_id: str
    customer: str
    serial: str
    model: str
    image: bytes  # JPEG
    note: str  # font, size, angle, blur, quality: what made it hard


def fonts() -> list[str]:
    found = [str(Path(d) / n) for d in FONT_DIRS for n in FONT_NAMES if (Path(d) / n).exists()]
    if not found:
        raise RuntimeError("no TrueType fonts: apt-get install fonts-dejavu-core fonts-liberation")
    return found


def equipment(data: Path = Path("data")) -> list[dict[str, str]]:
    rows = yaml.safe_load((data / "equipment.yml").read_text(encoding="utf-8"))["equipment"]
    return [{k: str(v) for k, v in row.items()} for row in rows if row.get("serial")]


def _lines(row: dict[str, str], rng: random.Random) -> list[str]:
    model_label, serial_label, year_label = rng.choice(LABELS)
    maker = row["model"].split()[0].upper()
    year = row.get("installed_on", "2020")[:4]
    volts = rng.choice(("230 V 50 Hz", "400 V 3~ 50 Hz", "400V/50Hz", "IP54  16 A"))
    return [maker, f"{model_label}: {row['model']}", f"{serial_label}: {row['serial']}",
            f"{year_label}: {year}   {volts}"]


def _glare(img: Image.Image, rng: random.Random) -> Image.Image:
    w, h = img.size
    mask = Image.new("L", img.size, 0)
    cx, cy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h
    rx, ry = rng.uniform(0.15, 0.35) * w, rng.uniform(0.2, 0.5) * h
    ImageDraw.Draw(mask).ellipse((cx - rx, cy - ry, cx + rx, cy + ry),
                                 fill=rng.randint(90, 150))
    mask = mask.filter(ImageFilter.GaussianBlur(rx / 3))
    return Image.composite(Image.new("RGB", img.size, (255, 255, 250)), img, mask)


def _noise(img: Image.Image, rng: random.Random) -> Image.Image:
    sigma = rng.uniform(8, 30)
    noise = Image.effect_noise(img.size, sigma).convert("RGB")
    return Image.blend(img, noise, rng.uniform(0.05, 0.18))


def draw(row: dict[str, str], rng: random.Random, font_files: list[str]) -> Plate:
    font_file = rng.choice(font_files)
    size = rng.randint(18, 40)
    font = ImageFont.truetype(font_file, size)
    lines = _lines(row, rng)
    pad = size
    widths = [font.getbbox(line)[2] for line in lines]
    w, h = int(max(widths)) + 2 * pad, int(len(lines) * size * 1.6) + 2 * pad
    metal = rng.randint(160, 225)
    plate = Image.new("RGB", (w, h), (metal, metal, metal + rng.randint(-10, 15)))
    ink = rng.randint(0, 60)
    canvas = ImageDraw.Draw(plate)
    canvas.rectangle((4, 4, w - 5, h - 5), outline=(ink, ink, ink), width=2)
    for i, line in enumerate(lines):
        canvas.text((pad, pad + i * size * 1.6), line, font=font, fill=(ink, ink, ink))
    angle = rng.uniform(-10, 10)
    backdrop = tuple(rng.randint(40, 120) for _ in range(3))
    img = plate.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True,
                       fillcolor=backdrop)
    blur = rng.choice((0.0, 0.0, 0.6, 1.0, 1.5))
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    glare = rng.random() < 0.5
    if glare:
        img = _glare(img, rng)
    img = _noise(img, rng)
    quality = rng.choice((40, 50, 60, 75, 90))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality)
    note = (f"{Path(font_file).stem} {size}px {angle:+.1f}° blur {blur} "
            f"{'glare ' if glare else ''}q{quality}")
    return Plate(row["id"], row["customer"], row["serial"], row["model"], out.getvalue(), note)


def plates(n: int, seed: int, data: Path = Path("data")) -> list[Plate]:
    """``n`` plates of the demo equipment (cycling through it in a shuffled order)."""
    rng = random.Random(seed)
    rows = equipment(data)
    order = rng.sample(rows, len(rows))
    font_files = fonts()
    return [draw(order[i % len(order)], rng, font_files) for i in range(n)]
