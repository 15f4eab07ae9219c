"""
What the admin's lists and autocompletes take from a query string: a search of at most
MAX_SEARCH_LENGTH characters, refused beyond that with a 400 page that says so, and date
filters a date can hold, dropped like any other malformed filter otherwise. Never an error
page, nor a "database unavailable" one.
"""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList

from .security import RefusedQuery

# Each word of an admin search is one more condition on every search field: 25,000 words
# are more than SQLite takes in one statement, and the error it raises read as the
# database being away (503). The longest search worth running is a whole title pasted in,
# and titles hold up to 300 characters; a longer search is refused with the reason rather
# than cut short, which would quietly search for something else than what was typed.
MAX_SEARCH_LENGTH = 300


class DateCheckedChangeList(ChangeList):
    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OverflowError as error:
            # A date-hierarchy year, month or day beyond what a date holds (99999…, or the
            # day after 9999-12-31). Django drops an impossible date (a ValueError) as a
            # malformed filter, but lets this one through as a 500; it gets the same answer.
            raise IncorrectLookupParameters(error) from error


class CheckedQueryAdmin(admin.ModelAdmin):
    """A ModelAdmin whose list and autocomplete answer a malformed query string with a
    400 or by dropping the filter, never with an error."""

    def get_changelist(self, request, **kwargs):
        return DateCheckedChangeList

    def get_search_results(self, request, queryset, search_term):
        if len(" ".join(search_term.split())) > MAX_SEARCH_LENGTH:
            raise RefusedQuery(
                f"its search is longer than {MAX_SEARCH_LENGTH} characters. Search for a "
                "few of its words instead."
            )
        return super().get_search_results(request, queryset, search_term)
