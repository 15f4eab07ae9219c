"""Static files as WhiteNoise serves them: hashed names cached for good, and each text file
sent brotli- or gzip-compressed to the browsers that ask for it, byte for byte the same."""

import gzip
from pathlib import Path

import brotli
import pytest
from django.conf import settings
from django.templatetags.static import static

SOURCE = Path(settings.BASE_DIR) / "static"


@pytest.mark.parametrize(
    ("accept", "encoding", "decompress"),
    [("br, gzip", "br", brotli.decompress), ("gzip", "gzip", gzip.decompress)],
)
@pytest.mark.parametrize("name", ["css/site.css", "js/body-schema.js"])
def test_text_files_are_sent_compressed_to_browsers_that_accept_it(
    client, name, accept, encoding, decompress
):
    response = client.get(static(name), HTTP_ACCEPT_ENCODING=accept)

    assert response.status_code == 200
    assert response["Content-Encoding"] == encoding
    assert "Accept-Encoding" in response["Vary"]
    body = decompress(b"".join(response.streaming_content))
    original = (SOURCE / name).read_bytes()
    assert len(body) >= len(original) * 0.9  # the collected file (CSS URLs rewritten to hashes)
    assert int(response["Content-Length"]) < len(body) / 2


def test_a_browser_that_asks_for_no_compression_gets_the_plain_file(client):
    response = client.get(static("css/site.css"))

    assert "Content-Encoding" not in response
    assert b"".join(response.streaming_content).startswith(
        (SOURCE / "css/site.css").read_bytes()[:40]
    )


def test_hashed_static_names_are_cached_for_good(client):
    url = static("css/site.css")

    response = client.get(url)

    assert url != "/static/css/site.css"  # the name carries the content's hash
    cache_control = response["Cache-Control"]
    assert "immutable" in cache_control and "max-age=315360000" in cache_control
