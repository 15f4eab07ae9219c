"""Uploaded images: validated, cleaned of metadata, cut into renditions."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from core import images
from tests.factories import AuthorFactory
from tests.forms import author_form
from tests.images import GPS_TAG, files_in_media, jpeg_with_gps, upload

pytestmark = pytest.mark.django_db


def test_gps_exif_fixture_really_carries_gps():
    assert Image.open(io.BytesIO(jpeg_with_gps())).getexif().get_ifd(GPS_TAG)


def test_clean_upload_strips_all_metadata():
    cleaned = images.clean_upload(upload(jpeg_with_gps()))
    image = Image.open(io.BytesIO(cleaned.read()))
    assert image.format == "JPEG"
    assert not image.getexif()
    assert "exif" not in image.info and "icc_profile" not in image.info


def test_clean_upload_turns_the_image_upright_from_its_exif_orientation():
    image = Image.new("RGB", (400, 200), (0, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90° clockwise
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    cleaned = Image.open(io.BytesIO(images.clean_upload(upload(buffer.getvalue())).read()))
    assert cleaned.size == (200, 400)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4 not an image at all", "not a readable image"),
        (b"", "empty"),
    ],
)
def test_non_images_are_refused_with_a_clear_message(data, message):
    with pytest.raises(ValidationError, match=message):
        images.clean_upload(upload(data))


def test_truncated_jpeg_is_refused(jpeg_bytes):
    data = jpeg_with_gps()
    with pytest.raises(ValidationError, match="damaged"):
        images.clean_upload(upload(data[: len(data) // 2]))


def test_pixel_bomb_is_refused_before_decoding(settings):
    settings.IMAGE_MAX_PIXELS = 1_000_000
    buffer = io.BytesIO()
    Image.new("1", (4000, 4000)).save(buffer, "PNG")  # tiny file, 16 megapixels
    assert len(buffer.getvalue()) < 100_000
    with pytest.raises(ValidationError, match="too many pixels"):
        images.clean_upload(upload(buffer.getvalue(), "bomb.png"))


def test_huge_file_is_refused_by_size(settings):
    settings.IMAGE_MAX_UPLOAD_BYTES = 1024 * 1024
    with pytest.raises(ValidationError, match="at most 1 MB"):
        images.clean_upload(upload(b"\xff\xd8" + b"0" * (2 * 1024 * 1024)))


def test_other_image_formats_are_refused_by_name():
    buffer = io.BytesIO()
    Image.new("RGB", (50, 50)).save(buffer, "GIF")
    with pytest.raises(ValidationError, match="GIF image. Upload a JPEG, PNG or WebP"):
        images.clean_upload(upload(buffer.getvalue(), "x.gif"))


def test_refused_photo_in_the_admin_leaves_nothing_in_media(admin_client, media_root):
    data = jpeg_with_gps()
    response = admin_client.post("/admin/people/author/add/", author_form(upload(data[:2000])))
    assert response.status_code == 200
    assert "damaged" in response.content.decode()
    assert files_in_media(media_root) == []


def test_photo_renditions_have_the_sizes_and_formats_pages_use():
    author = AuthorFactory(photo_alt="A face")
    author.photo.save("face.jpg", images.clean_upload(upload(jpeg_with_gps(900, 600))))
    squares = author.photo_square
    assert [(r["width"], r["height"]) for r in squares] == [
        (80, 80),
        (120, 120),
        (160, 160),
        (240, 240),
        (400, 400),
    ]
    for rendition in squares:
        with default_storage.open(rendition["webp"]) as f:
            assert Image.open(f).format == "WEBP"
        with default_storage.open(rendition["jpeg"]) as f:
            image = Image.open(f)
            assert (image.format, image.size) == ("JPEG", (rendition["width"],) * 2)
            assert not image.getexif()
    with default_storage.open(author.photo_renditions["share"]["jpeg"]) as f:
        assert Image.open(f).size == (1200, 630)


def test_square_crop_follows_the_focal_point():
    # A wide image, black on the left half and white on the right.
    image = Image.new("RGB", (1000, 500), (0, 0, 0))
    image.paste((255, 255, 255), (500, 0, 1000, 500))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    author = AuthorFactory(photo_alt="x", photo_focal_x=1.0)
    author.photo.save("wide.png", ContentFile(buffer.getvalue()))
    with default_storage.open(author.photo_renditions["square-80"]["jpeg"]) as f:
        assert Image.open(f).convert("L").getpixel((40, 40)) > 200  # the white side
    author.photo_focal_x = 0.0
    author.save()
    with default_storage.open(author.photo_renditions["square-80"]["jpeg"]) as f:
        assert Image.open(f).convert("L").getpixel((40, 40)) < 50  # the black side


def test_transparent_png_becomes_a_white_backed_jpeg_rendition():
    buffer = io.BytesIO()
    Image.new("RGBA", (300, 300), (0, 0, 0, 0)).save(buffer, "PNG")
    author = AuthorFactory(photo_alt="x")
    author.photo.save("clear.png", images.clean_upload(upload(buffer.getvalue(), "clear.png")))
    with default_storage.open(author.photo_renditions["square-80"]["jpeg"]) as f:
        assert Image.open(f).convert("RGB").getpixel((10, 10)) == (255, 255, 255)


def test_author_box_serves_webp_with_jpeg_fallback_and_dimensions(client):
    from tests.factories import PostFactory

    author = AuthorFactory(photo_alt="A face")
    author.photo.save("face.jpg", images.clean_upload(upload(jpeg_with_gps())))
    post = PostFactory(authors=[author])
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get(post.get_absolute_url()).content, "html.parser")
    picture = soup.find(class_="author-box").find("picture")
    assert picture.find("source")["type"] == "image/webp"
    img = picture.find("img")
    assert (img["width"], img["height"], img["loading"]) == ("120", "120", "lazy")
    assert "240w" in img["srcset"] and img["alt"] == "A face"
    assert client.get(img["src"]).status_code == 200
