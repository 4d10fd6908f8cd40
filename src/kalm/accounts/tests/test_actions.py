import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kalm.accounts.actions import AliasError, agent_alias_set
from kalm.core.testing import UserFactory


def _picture(with_gps: bool = True) -> SimpleUploadedFile:
    image = Image.new("RGB", (800, 600), (20, 120, 90))
    exif = Image.Exif()
    exif[0x013B] = "Evelien Jansen"  # Artist
    if with_gps:
        exif.get_ifd(0x8825)[2] = (52.0, 22.0, 0.0)  # GPSLatitude
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile("evelien-jansen.jpg", buffer.getvalue(), "image/jpeg")


def test_it_sets_an_alias(agent):
    agent_alias_set(agent=agent, alias="  Sterre  ")
    agent.refresh_from_db()
    assert agent.alias == "Sterre"


def test_it_refuses_an_alias_with_the_agents_own_name(agent):
    with pytest.raises(AliasError):
        agent_alias_set(agent=agent, alias="Evelien")
    with pytest.raises(AliasError):
        agent_alias_set(agent=agent, alias="Mevrouw Jansen")


def test_it_refuses_an_alias_a_colleague_uses(agent):
    UserFactory(alias="Sterre")
    with pytest.raises(AliasError):
        agent_alias_set(agent=agent, alias="sterre")


def test_the_avatar_is_square_and_stripped_of_exif_and_name(agent):
    agent_alias_set(agent=agent, alias="Sterre", avatar=_picture())
    agent.refresh_from_db()
    name = agent.alias_avatar.name
    assert "evelien" not in name.lower() and name.endswith(".png")
    with agent.alias_avatar.open("rb") as fh, Image.open(fh) as image:
        assert image.size == (256, 256)
        assert not image.getexif()
    with agent.alias_avatar.open("rb") as fh:
        assert b"Jansen" not in fh.read()


def test_it_refuses_something_that_is_not_a_picture(agent):
    fake = SimpleUploadedFile("a.jpg", b"MZ\x90\x00 not a picture", "image/jpeg")
    with pytest.raises(AliasError):
        agent_alias_set(agent=agent, alias="Sterre", avatar=fake)
    agent.refresh_from_db()
    assert agent.alias == "Eva"
