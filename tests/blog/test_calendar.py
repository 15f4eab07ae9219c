"""The editorial calendar: a month or a week of the team's plan, paged through, with each
kind of post told apart, today marked, overdue plans flagged and filters."""

import datetime
import zoneinfo

import pytest
import time_machine
from bs4 import BeautifulSoup

from blog.models import Post
from people.models import Author
from tests.factories import PostFactory, ProgramFactory, login

pytestmark = pytest.mark.django_db

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
# Wednesday, December 16, 2026, at noon in the site's time zone.
NOW = datetime.datetime(2026, 12, 16, 12, 0, tzinfo=NEW_YORK)


@pytest.fixture(autouse=True)
def wednesday_in_december():
    with time_machine.travel(NOW, tick=False):
        yield


def at(day, hour=10):
    return datetime.datetime(2026, 12, day, hour, 0, tzinfo=NEW_YORK)


def calendar(client, **params):
    response = client.get("/admin/blog/post/calendar/", params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def cell(soup, day):
    """The calendar's cell for `day` (an ISO date)."""
    return soup.find("time", datetime=day).find_parent("td")


def entries(soup, day):
    return [li.get_text(" ", strip=True) for li in cell(soup, day).select("li.calendar-entry")]


@pytest.fixture
def plan():
    program = ProgramFactory(name="Caspian Program")
    return {
        "published": PostFactory(title="Already live", publish_at=at(14), program=program),
        "scheduled": PostFactory(title="Going out Friday", publish_at=at(18, 9)),
        "review": PostFactory(
            title="Waiting for an editor", status=Post.Status.IN_REVIEW, publish_at=at(21)
        ),
        "overdue": PostFactory(
            title="Late draft",
            status=Post.Status.DRAFT,
            publish_at=None,
            proposed_for=at(10).date(),
        ),
        "undated": PostFactory(title="Someday", status=Post.Status.DRAFT, publish_at=None),
    }


def test_the_month_shows_each_kind_of_post_on_its_day(admin_client, plan):
    soup = calendar(admin_client)
    assert soup.select_one("table.calendar caption").get_text() == "December 2026"
    assert entries(soup, "2026-12-14") == [
        "Published 10:00 Already live Caspian Program · " + plan["published"].byline[0].name
    ]
    assert entries(soup, "2026-12-18")[0].startswith("Scheduled 09:00 Going out Friday")
    assert entries(soup, "2026-12-21")[0].startswith("In review Waiting for an editor")
    assert entries(soup, "2026-12-10")[0].startswith("Draft Overdue Late draft")
    undated = soup.find(id="undated-heading").find_parent("section").get_text()
    assert "Someday" in undated


def test_today_is_marked(admin_client, plan):
    soup = calendar(admin_client)
    today = soup.find("td", attrs={"aria-current": "date"})
    assert today.find("time")["datetime"] == "2026-12-16"
    assert "Today" in today.get_text()


def test_only_plans_whose_day_has_passed_are_overdue(admin_client, plan):
    soup = calendar(admin_client)
    overdue = [li.get_text(" ", strip=True) for li in soup.select(".calendar-entry--overdue")]
    assert len(overdue) == 1 and "Late draft" in overdue[0]


def test_an_editor_pages_through_months_and_weeks(admin_client, plan):
    soup = calendar(admin_client)
    following = soup.find("a", rel="next")["href"]
    assert "date=2027-01-01" in following
    january = calendar(admin_client, view="month", date="2027-01-01")
    assert january.select_one("table.calendar caption").get_text() == "January 2027"
    week = calendar(admin_client, view="week", date="2026-12-16")
    assert week.select_one("table.calendar caption").get_text() == "Week of December 14, 2026"
    days = [t["datetime"] for t in week.select("td time")]
    assert days == [f"2026-12-{day}" for day in range(14, 21)]
    assert "Going out Friday" in week.get_text()
    assert "Waiting for an editor" not in week.get_text()  # the next week
    assert "date=2026-12-23" in week.find("a", rel="next")["href"]


def test_the_calendar_filters_by_program_and_author(admin_client, plan):
    program = plan["published"].program
    soup = calendar(admin_client, program=program.pk)
    assert "Already live" in soup.get_text() and "Going out Friday" not in soup.get_text()
    author = plan["scheduled"].byline[0]
    soup = calendar(admin_client, author=author.pk)
    assert "Going out Friday" in soup.get_text() and "Already live" not in soup.get_text()


@pytest.mark.parametrize(
    ("name", "value"), [("date", "2026-13-01"), ("date", "soon"), ("view", "year")]
)
def test_a_malformed_date_or_view_answers_400_with_the_reason(admin_client, name, value):
    response = admin_client.get("/admin/blog/post/calendar/", {name: value})
    assert response.status_code == 400
    assert b"YYYY-MM-DD" in response.content or b"month or week" in response.content


def test_a_contributor_proposes_a_date_for_their_own_post(contributor):
    client = login(contributor)
    own = Post.objects.create(
        title="My proposal", body="<p>Text.</p>", program=ProgramFactory(), status="draft"
    )
    own.bylines.create(author=Author.objects.get(user=contributor), position=0)
    form = client.get(f"/admin/blog/post/{own.pk}/change/").content.decode()
    assert 'name="proposed_for"' in form and 'name="publish_at_0"' not in form
    own.proposed_for = datetime.date(2026, 12, 22)
    own.save()
    soup = calendar(client)
    assert entries(soup, "2026-12-22")[0].startswith("Draft My proposal")


def test_a_contributor_sees_the_teams_dates_without_others_draft_titles(contributor, plan):
    soup = calendar(login(contributor))
    assert entries(soup, "2026-12-21")[0] == "In review A post " + plan["review"].program.name
    assert "Waiting for an editor" not in soup.get_text()
    assert "Going out Friday" not in soup.get_text()  # scheduled, not yet public
    assert "Already live" in soup.get_text()
    assert "Someday" not in soup.get_text()  # someone else's undated draft
