"""Initiative images (real content, size limit, required alt text, a name of the site's own)
and links, through the ambassadors' form and onto the public page."""

import io
import os
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from core import review
from initiatives import services
from initiatives.images import MAX_BYTES, size_name
from initiatives.models import Initiative
from tests.initiatives.test_ambassador_pages import client_for, form_data, world  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def image_file(name="../../semester bild.PNG", fmt="PNG", size=(40, 30), noise=False):
    buffer = io.BytesIO()
    image = (
        Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
        if noise
        else Image.new("RGB", size, (11, 79, 108))
    )
    image.save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def create(world, **fields):  # noqa: F811
    client = client_for(world["users"]["ambassador A"])
    return client.post("/ambassador/insatser/ny/", form_data(world, **fields))


def test_an_image_is_stored_under_a_random_name_with_its_real_format(world, media_root):  # noqa: F811
    response = create(world, image=image_file(fmt="JPEG"), image_alt="Barn som simmar")
    assert response.status_code == 302
    initiative = Initiative.objects.get(title="Simskola för nyanlända")
    assert re.fullmatch(r"initiatives/[0-9a-f]{32}\.jpg", initiative.image.name)
    assert (initiative.image_width, initiative.image_height) == (40, 30)
    assert (media_root / initiative.image.name).is_file()
    assert not any("semester" in path.name for path in media_root.rglob("*"))


def phone_photo(size=(1200, 800)):
    """A JPEG as a phone takes it: GPS position, camera, and turned by the Orientation tag."""
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to show
    exif[0x010F] = "Phonemaker"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (56.0, 2.0, 48.0), 3: "E", 4: (12.0, 41.0, 39.0)})
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile("IMG_0001.JPG", buffer.getvalue(), content_type="image/jpeg")


def test_a_phone_photo_is_published_without_its_metadata_turned_and_in_sizes(
    world,  # noqa: F811
    media_root,
    settings,
    tmp_path_factory,
):
    settings.PRIVATE_FILES_ROOT = tmp_path_factory.mktemp("private")
    response = create(world, image=phone_photo(), image_alt="Simskolans bassäng")
    assert response.status_code == 302
    initiative = Initiative.objects.get(title="Simskola för nyanlända")
    assert (initiative.image_width, initiative.image_height) == (800, 1200)  # turned upright
    assert initiative.image_sizes == [480]
    public = [
        media_root / initiative.image.name,
        media_root / size_name(initiative.image.name, 480),
    ]
    for path in public:
        with Image.open(path) as stored:
            assert not stored.getexif() and "exif" not in stored.info and "xmp" not in stored.info
        assert b"Phonemaker" not in path.read_bytes()
    with Image.open(public[1]) as small:
        assert small.size == (480, 720)
    original = settings.PRIVATE_FILES_ROOT / initiative.image_original
    with Image.open(original) as kept:
        assert kept.getexif().get_ifd(0x8825)[1] == "N"  # the original, private, keeps it
    assert not list(media_root.rglob("originals"))

    review.publish(
        review.submit(initiative, by=world["users"]["ambassador A"]),
        by=world["users"]["team editor"],
    )
    page = Client().get(initiative.get_absolute_url()).content.decode()
    assert f'srcset="/media/{size_name(initiative.image.name, 480)} 480w, ' in page
    assert f'/media/{initiative.image.name} 800w"' in page

    original_url = f"/admin/initiatives/initiative/{initiative.pk}/original-image/"
    assert client_for(world["users"]["team editor"]).get(original_url).status_code == 200
    assert client_for(world["users"]["view-only staff"]).get(original_url).status_code == 403
    assert client_for(world["users"]["ambassador A"]).get(original_url).status_code == 302


@pytest.mark.parametrize(
    ("upload", "alt", "message"),
    [
        (lambda: image_file(), "", "Describe the image"),
        (
            lambda: SimpleUploadedFile("x.png", b"not an image at all", "image/png"),
            "Alt",
            "Upload a valid image",
        ),
        (
            lambda: SimpleUploadedFile(
                "x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>'
            ),
            "Alt",
            "Upload a valid image",
        ),
        (lambda: image_file(fmt="BMP"), "Alt", "JPEG, PNG or WebP"),
    ],
    ids=["no alt text", "not an image", "svg", "bmp"],
)
def test_a_bad_image_is_refused_and_nothing_is_written(world, media_root, upload, alt, message):  # noqa: F811
    with_english = {"HTTP_ACCEPT_LANGUAGE": "en"}
    client = client_for(world["users"]["ambassador A"])
    response = client.post(
        "/en/ambassador/insatser/ny/",
        form_data(world, image=upload(), image_alt=alt),
        **with_english,
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Initiative.objects.filter(title="Simskola för nyanlända").exists()
    assert not any(path.is_file() for path in media_root.rglob("*"))


def test_an_image_over_the_size_limit_is_refused_by_the_service(world, english_messages):  # noqa: F811
    big = image_file(size=(1400, 1300), noise=True)
    assert big.size > MAX_BYTES
    initiative = Initiative(
        title="Stor bild", summary="S", lead_department=world["a"], image=big, image_alt="Brus"
    )
    with pytest.raises(services.ValidationError, match="at most 5"):
        services.initiative_create(
            initiative=initiative,
            relations={"priorities": world["priorities"][:1]},
            by=world["users"]["ambassador A"],
        )
    assert not Initiative.objects.filter(title="Stor bild").exists()


def test_links_are_saved_in_order_and_shown_with_the_image_on_the_public_page(world):  # noqa: F811
    links = {
        "links-TOTAL_FORMS": "3",
        "links-INITIAL_FORMS": "0",
        "links-0-title": "Rapporten",
        "links-0-url": "https://example.se/rapport.pdf",
        "links-1-title": "",
        "links-1-url": "",
        "links-2-title": "Filmen",
        "links-2-url": "example.se/film",
    }
    response = create(world, image=image_file(), image_alt="Barn som simmar", **links)
    assert response.status_code == 302
    initiative = Initiative.objects.get(title="Simskola för nyanlända")
    assert [(link.title, link.url) for link in initiative.links.all()] == [
        ("Rapporten", "https://example.se/rapport.pdf"),
        ("Filmen", "https://example.se/film"),
    ]
    team = world["users"]["team editor"]
    review.submit(initiative, by=team)
    review.publish(initiative, by=team)
    html = " ".join(Client().get(initiative.get_absolute_url()).content.decode().split())
    assert (
        f'src="/media/{initiative.image.name}" alt="Barn som simmar" width="40" height="30"' in html
    )
    assert html.index("Rapporten") < html.index("Filmen")


@pytest.mark.parametrize(
    ("title", "url"),
    [("Bara text", ""), ("", "https://example.se"), ("Skript", "javascript:alert(1)")],
)
def test_a_half_or_unsafe_link_is_an_error_and_nothing_is_written(world, title, url):  # noqa: F811
    links = {
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-0-title": title,
        "links-0-url": url,
    }
    response = create(world, **links)
    assert response.status_code == 200
    assert not Initiative.objects.filter(title="Simskola för nyanlända").exists()


def test_editing_replaces_the_links_and_clearing_removes_the_image(world):  # noqa: F811
    create(
        world,
        image=image_file(),
        image_alt="Bild",
        **{
            "links-TOTAL_FORMS": "1",
            "links-INITIAL_FORMS": "0",
            "links-0-title": "Gammal",
            "links-0-url": "https://example.se/gammal",
        },
    )
    initiative = Initiative.objects.get(title="Simskola för nyanlända")
    client = client_for(world["users"]["ambassador A"])
    response = client.post(
        f"/ambassador/insatser/{initiative.pk}/andra/",
        form_data(
            world,
            version=initiative.version,
            **{
                "image-clear": "on",
                "links-TOTAL_FORMS": "1",
                "links-INITIAL_FORMS": "1",
                "links-0-title": "Ny",
                "links-0-url": "https://example.se/ny",
            },
        ),
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert not initiative.image
    assert [link.title for link in initiative.links.all()] == ["Ny"]
