"""Small, different, real JPEG photos for demo evidence, with an EXIF capture time."""

from __future__ import annotations

import io
import random
from datetime import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

_CAMERAS = [
    ("Fairphone", "FP5"),
    ("Apple", "iPhone 13"),
    ("samsung", "SM-A536B"),
    ("Google", "Pixel 7"),
]


def demo_photo(rng: random.Random, *, subject: str, label: str, taken_at: datetime, name: str):
    """A 480x360 JPEG of a product on a kitchen counter, cracked when the subject is a bottle."""
    width, height = 480, 360
    wall = tuple(rng.randrange(170, 235) for _ in range(3))
    image = Image.new("RGB", (width, height), wall)
    draw = ImageDraw.Draw(image)
    counter = tuple(rng.randrange(60, 140) for _ in range(3))
    draw.rectangle([0, int(height * 0.62), width, height], fill=counter)
    for y in range(int(height * 0.62), height, 6):  # wood grain
        shade = tuple(max(0, c - rng.randrange(0, 18)) for c in counter)
        draw.line([(0, y), (width, y + rng.randrange(-3, 4))], fill=shade)
    cx = rng.randrange(150, 330)
    colour = tuple(rng.randrange(30, 200) for _ in range(3))
    if subject == "bottle":
        draw.rectangle([cx - 40, 90, cx + 40, 300], fill=colour, outline=(20, 20, 20))
        draw.rectangle([cx - 14, 50, cx + 14, 92], fill=colour, outline=(20, 20, 20))
        draw.rectangle([cx - 16, 38, cx + 16, 52], fill=(200, 30, 30))
        draw.rectangle([cx - 40, 160, cx + 40, 210], fill=(245, 245, 240))
        draw.text((cx - 32, 170), "POLDERHOF", fill=(20, 60, 120))
        draw.text((cx - 32, 188), label, fill=(60, 60, 60))
        x, y = cx + rng.randrange(-20, 20), 120
        for _ in range(rng.randrange(4, 9)):  # cracks
            nx, ny = x + rng.randrange(-30, 30), y + rng.randrange(10, 40)
            draw.line([(x, y), (nx, ny)], fill=(250, 250, 250), width=2)
            x, y = nx, ny
        for _ in range(rng.randrange(10, 25)):  # shards on the counter
            sx, sy = rng.randrange(20, width - 20), rng.randrange(int(height * 0.66), height - 10)
            draw.polygon(
                [
                    (sx, sy),
                    (sx + rng.randrange(4, 14), sy + 3),
                    (sx + 3, sy + rng.randrange(4, 12)),
                ],
                fill=(220, 235, 240),
            )
    elif subject == "appliance":
        draw.rounded_rectangle([cx - 90, 100, cx + 90, 300], radius=30, fill=(35, 35, 38))
        draw.ellipse([cx - 30, 130, cx + 30, 170], fill=(90, 90, 95))
        draw.text((cx - 30, 270), "POLDERHOF", fill=(200, 200, 200))
        draw.ellipse([cx + 30, 200, cx + 80, 250], fill=(120, 70, 30))  # scorch mark
    else:  # jar or package
        draw.rectangle([cx - 70, 120, cx + 70, 300], fill=colour, outline=(30, 30, 30))
        draw.rectangle([cx - 60, 170, cx + 60, 230], fill=(250, 248, 240))
        draw.text((cx - 50, 180), "POLDERHOF", fill=(30, 90, 40))
        draw.text((cx - 50, 200), label, fill=(60, 60, 60))
        for _ in range(rng.randrange(3, 8)):  # spots
            sx, sy = rng.randrange(cx - 55, cx + 55), rng.randrange(240, 290)
            r = rng.randrange(3, 9)
            draw.ellipse([sx - r, sy - r, sx + r, sy + r], fill=(70, 90, 50))
    for _ in range(2500):  # sensor noise: every photo is a different file
        px, py = rng.randrange(width), rng.randrange(height)
        r, g, b = image.getpixel((px, py))
        d = rng.randrange(-12, 13)
        image.putpixel(
            (px, py), (max(0, min(255, r + d)), max(0, min(255, g + d)), max(0, min(255, b + d)))
        )

    make, model = _CAMERAS[rng.randrange(len(_CAMERAS))]
    local = timezone.localtime(taken_at)
    exif = Image.Exif()
    exif[0x010F] = make
    exif[0x0110] = model
    exif_ifd = exif.get_ifd(0x8769)
    exif_ifd[0x9003] = local.strftime("%Y:%m:%d %H:%M:%S")  # DateTimeOriginal
    offset = local.strftime("%z")
    exif_ifd[0x9011] = f"{offset[:3]}:{offset[3:]}"  # OffsetTimeOriginal
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=72, exif=exif.tobytes())
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")
