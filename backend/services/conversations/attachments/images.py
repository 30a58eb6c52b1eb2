"""Image checks and thumbnails with Pillow: the header's pixel count is read before any
decoding (a 100,000 × 100,000 claim is refused, not decompressed), then the file is
verified whole."""

from __future__ import annotations

import io
import warnings

from PIL import Image, UnidentifiedImageError

from backend.domain.attachments.policy import IMAGES, MAX_PIXELS, Verdict

THUMB_SIZE = (320, 320)


def check_image(verdict: Verdict, data: bytes) -> Verdict:
    """The verdict of the bytes, with the image checks when it is an image."""
    if verdict.quarantined or verdict.mime not in IMAGES:
        return verdict
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return Verdict(verdict.mime, "too_many_pixels",
                                   f"{width}x{height} pixels claimed")
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        return Verdict(verdict.mime, "too_many_pixels", str(exc)[:400])
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        return Verdict(verdict.mime, "unreadable", f"image: {exc}"[:400])
    return verdict


def thumbnail(data: bytes) -> bytes:
    """A JPEG at most 320 px on a side (re-encoded: nothing of the original rides along)."""
    with Image.open(io.BytesIO(data)) as image:
        image.draft("RGB", THUMB_SIZE)
        small = image.convert("RGB")
        small.thumbnail(THUMB_SIZE)
        out = io.BytesIO()
        small.save(out, "JPEG", quality=80)
        return out.getvalue()
