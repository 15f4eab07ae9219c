"""The editorial calendar in Chromium: paged through by keyboard, and nothing for axe."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from blog.models import Post
from tests.browser.pages import log_in
from tests.browser.test_accessibility import AXE_JS, AXE_OPTIONS, describe


@pytest.fixture
def planned(site):
    """A draft planned for a day already past: the calendar flags it."""
    post = Post.objects.filter(status=Post.Status.PUBLISHED).first()
    late = Post.objects.get(pk=post.pk)
    late.pk, late.slug, late.title = None, "a-late-plan", "A late plan"
    late.status, late.publish_at, late.first_published_at = Post.Status.DRAFT, None, None
    late.proposed_for = timezone.localdate() - datetime.timedelta(days=1)
    late.save()
    return site


def test_axe_finds_nothing_on_the_calendar(new_page, planned):
    page = new_page(bypass_csp=True)
    log_in(page, planned)
    for view in ("month", "week"):
        page.goto(f"{planned}/admin/blog/post/calendar/?view={view}")
        page.add_script_tag(path=str(AXE_JS))
        results = page.evaluate("options => axe.run('#content', options)", AXE_OPTIONS)
        assert not results["violations"], f"axe on the {view} view:" + describe(
            results["violations"]
        )


def test_an_editor_pages_through_the_calendar_by_keyboard(page, planned):
    log_in(page, planned)
    page.goto(f"{planned}/admin/blog/post/calendar/")
    today = timezone.localdate()
    caption = page.locator("table.calendar caption")
    expect(caption).to_have_text(f"{today:%B %Y}")
    expect(page.locator("td[aria-current=date]")).to_contain_text("Today")
    expect(page.locator(".calendar-entry--overdue")).to_contain_text("A late plan")
    page.get_by_role("link", name="Next month ›").focus()
    page.keyboard.press("Enter")
    following = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    expect(caption).to_have_text(f"{following:%B %Y}")
    page.get_by_role("link", name="Week").focus()
    page.keyboard.press("Enter")
    expect(caption).to_contain_text("Week of")
    expect(page.locator("table.calendar tbody td")).to_have_count(7)
