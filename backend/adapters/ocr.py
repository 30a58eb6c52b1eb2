"""Text from a photo through Debian's Tesseract (``tesseract-ocr`` with the Spanish and
English data; tools/setup_env.sh installs it), run as a command: the image is checked and
cleaned with Pillow (grey, contrast stretched, small photos enlarged), then piped to
``tesseract stdin stdout``. Nothing is written to disk."""

from __future__ import annotations

import asyncio
import io
import os
import shutil
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

LANGUAGES = "spa+eng"
MAX_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a photo from any phone; more is refused before it is decoded
MIN_SIDE = 900  # photos with a shorter long side are enlarged: Tesseract wants ~30 px letters
TIMEOUT = 30.0


class OcrError(Exception):
    """The photo could not be read (not an image, too large, no Tesseract); says why."""


def available() -> bool:
    return shutil.which("tesseract") is not None


def prepare(image: bytes) -> bytes:
    """The photo as the PNG Tesseract reads best; OcrError when it is not a usable image."""
    if len(image) > MAX_BYTES:
        raise OcrError(f"the photo is larger than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(image))
            if opened.width * opened.height > MAX_PIXELS:
                raise OcrError(f"the photo claims {opened.width} × {opened.height} pixels")
            img: Image.Image = ImageOps.exif_transpose(opened).convert("L")
    except (UnidentifiedImageError, Image.DecompressionBombError,
            Image.DecompressionBombWarning, OSError) as exc:
        raise OcrError("the file is not an image that can be read") from exc
    longest = max(img.size)
    if longest < MIN_SIDE:
        scale = MIN_SIDE / longest
        img = img.resize((round(img.width * scale), round(img.height * scale)),
                         Image.Resampling.LANCZOS)
    img = ImageOps.autocontrast(img, cutoff=1)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


async def read_text(image: bytes, languages: str = LANGUAGES) -> str:
    """Every line of text Tesseract finds in ``image`` (a JPEG, PNG, WebP… photo)."""
    binary = shutil.which("tesseract")
    if binary is None:
        raise OcrError("Tesseract is not installed (apt-get install tesseract-ocr "
                       "tesseract-ocr-spa tesseract-ocr-eng)")
    png = await asyncio.to_thread(prepare, image)
    proc = await asyncio.create_subprocess_exec(
        binary, "stdin", "stdout", "-l", languages, "--psm", "6",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    try:
        out, err = await asyncio.wait_for(proc.communicate(png), TIMEOUT)
    except TimeoutError as exc:
        proc.kill()
        await proc.wait()
        raise OcrError("reading the photo took too long") from exc
    if proc.returncode != 0:
        raise OcrError(f"Tesseract failed: {err.decode(errors='replace').strip()[:200]}")
    return out.decode("utf-8", errors="replace")
