"""Scans made in the test: a PDF's pages rendered, tilted, blurred, speckled
and saved as JPEG pages of an image-only PDF, as an office scanner would."""
from __future__ import annotations

import random
from pathlib import Path

import pypdfium2
import numpy as np
from PIL import Image, ImageFilter


def degrade(image: Image.Image, rng: random.Random, max_angle: float = 0.7) -> Image.Image:
    image = image.convert("L").rotate(rng.uniform(-max_angle, max_angle), resample=Image.BICUBIC,
                                      expand=False, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(0.5))
    # Sensor grain: Gaussian noise around the page's grey levels, drawn from
    # the seeded generator so a scan is the same in every run.
    noise = np.random.default_rng(rng.randrange(1 << 32)).normal(0, 8, (image.height, image.width))
    image = Image.fromarray(np.clip(np.asarray(image, dtype=np.float32) + noise, 0, 255).astype(np.uint8), "L").copy()
    pixels = image.load()
    width, height = image.size
    for _ in range(width * height // 20000):  # specks of dust and toner
        x, y = rng.randrange(width), rng.randrange(height)
        pixels[x, y] = 0
    return image


def scan_pdf(source: Path, out: Path, dpi: int = 170, seed: int = 7) -> Path:
    """``source`` as an image-only PDF of JPEG pages at ``dpi``."""
    rng = random.Random(seed)
    pdf = pypdfium2.PdfDocument(str(source))
    pages = []
    for page in pdf:
        pages.append(degrade(page.render(scale=dpi / 72, grayscale=True).to_pil(), rng))
        page.close()
    pdf.close()
    jpegs = []
    for image in pages:  # through JPEG, as scanners store pages
        from io import BytesIO
        buffer = BytesIO()
        image.save(buffer, "JPEG", quality=75)
        jpegs.append(Image.open(BytesIO(buffer.getvalue())))
    jpegs[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=jpegs[1:])
    return out
