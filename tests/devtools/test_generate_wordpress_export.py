"""The generated WordPress export that `make bench-import` measures imports whole, and a
second import of it changes nothing."""

import io

import pytest
from django.core.management import call_command

from blog.models import Post

pytestmark = pytest.mark.django_db


def import_export(path, report):
    out = io.StringIO()
    call_command(
        "import_wordpress", str(path), report=str(report), stdout=out, stderr=io.StringIO()
    )
    return " ".join(out.getvalue().split())


def test_a_generated_export_imports_and_a_second_run_changes_nothing(tmp_path):
    path = tmp_path / "export.xml"
    call_command("generate_wordpress_export", str(path), posts=200, stdout=io.StringIO())

    first = import_export(path, tmp_path / "report.txt")
    assert "post created (published) 200" in first
    assert "page skipped (not a post) 2" in first
    assert "guest-author" not in first  # read for bylines, not skipped
    assert Post.objects.count() == 200
    assert Post.objects.filter(pull_quotes__isnull=False).distinct().count() == 100
    assert Post.objects.filter(body__contains='class="footnote"').count() == 100

    second = import_export(path, tmp_path / "report.txt")
    assert "post unchanged 200" in second
    assert Post.objects.count() == 200
