"""The rows edited inside a post's form: its byline, pull quotes, corrections and review
links."""

import datetime

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html

from core.admin_labels import NamedInputsMixin, NamedTabularInline
from people.models import Author

from ..html import Passages, clean_body, nearest_passage, quote_in_body, split_blocks
from ..models import Correction, PostAuthor, PullQuote, ReviewLink

# The placement of a quote that follows its passage (an empty `after_paragraph`).
ANCHORED_LABEL = "After its passage"


class BylineAuthorSelect(AutocompleteSelect):
    """
    The author picker of one byline row. Django's widget looks up its chosen author when it
    renders, one query per row; `BylineFormSet` looks up every row's author in one query
    and hands them over in `chosen`.
    """

    chosen = None

    def optgroups(self, name, value, attr=None):
        if self.chosen is None:
            return super().optgroups(name, value, attr)
        options = []
        for pk in value:
            author = self.chosen.get(str(pk))
            if author is not None:
                options.append(
                    self.create_option(name, author.pk, str(author), True, len(options))
                )
        return [(None, options, 0)]


class BylineFormSet(forms.BaseInlineFormSet):
    """The byline rows, their chosen authors read in one query (see `BylineAuthorSelect`)."""

    # Django's "Please submit at least 1 form." means nothing to an editor; the formset's
    # own error messages are where it is replaced.
    default_error_messages = {"too_few_forms": "Add at least one author."}

    def clean(self):
        super().clean()
        credits = [
            form.cleaned_data.get("role")
            for form in self.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        ]
        if credits and not set(credits) & PostAuthor.AUTHOR_ROLES:
            raise ValidationError(
                "Credit at least one person as Author or Co-author. A translator, an editor "
                "or a “with” contributor is credited beside the authors, not instead of them."
            )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ids = {str(form["author"].value()) for form in self.forms}
        ids = {pk for pk in ids if pk.isdigit()}
        chosen = {str(pk): author for pk, author in Author.objects.in_bulk(ids).items()}
        for form in self.forms:
            widget = form.fields["author"].widget
            getattr(widget, "widget", widget).chosen = chosen  # inside the admin's wrapper


class PostAuthorInline(NamedTabularInline):
    """The byline: at least one author, then anyone else credited, in order."""

    model = PostAuthor
    formset = BylineFormSet
    extra = 0
    min_num = 1
    autocomplete_fields = ["author"]
    fields = ["author", "role", "position"]
    verbose_name = "author"
    verbose_name_plural = "Byline (in order: lowest position first)"

    def get_queryset(self, request):
        # Each row is labelled with its author and post (PostAuthor.__str__).
        return super().get_queryset(request).select_related("author", "post")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "author":
            kwargs["widget"] = BylineAuthorSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        # A post always has a byline: refuse to save one without an author.
        return super().get_formset(request, obj, validate_min=True, **kwargs)


class PullQuoteFormSet(forms.BaseInlineFormSet):
    """
    Every pull quote must be a passage of the body the editor is saving. Where placements
    are offered as a list (see `PullQuoteInline`), an anchored quote's “After its passage”
    says which paragraph that is now.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        passages = None
        for form in self.forms:
            quote, widget = form.instance, form.fields["after_paragraph"].widget
            if quote.pk is None or not quote.is_anchored or not isinstance(widget, forms.Select):
                continue
            passages = passages or Passages(split_blocks(self.instance.body))
            number = passages.paragraph(quote.text)
            if number is not None:
                label = f"{ANCHORED_LABEL} (now paragraph {number})"
                widget.choices = [("", label), *widget.choices[1:]]

    def clean(self):
        super().clean()
        body = clean_body(self.instance.body)  # what will be stored, not what was sent
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("text"):
                continue
            text = data["text"]
            if not quote_in_body(text, body):
                nearest = nearest_passage(text, body)
                message = f"This pull quote is not a passage of the body: “{text}”."
                if nearest:
                    message += f" The nearest passage in the body reads: “{nearest}”."
                message += (
                    " Edit the quote to repeat the body word for word, or restore the "
                    "passage in the body. Nothing was saved; your text is still below."
                )
                form.add_error("text", message)


class PullQuoteInline(NamedInputsMixin, admin.StackedInline):
    """Pull quotes, each placed after a paragraph of the saved body."""

    model = PullQuote
    formset = PullQuoteFormSet
    extra = 0
    fields = ["text", "after_paragraph", "order"]
    verbose_name_plural = "Pull quotes (each must repeat a passage of the body, word for word)"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None and obj.body:
            field = formset.form.base_fields["after_paragraph"]
            # The empty choice comes first: it is the default of a new quote.
            field.widget = forms.Select(choices=[("", ANCHORED_LABEL), *obj.paragraph_choices()])
            field.help_text = (
                "“After its passage” keeps the quote after the paragraph that holds its "
                "passage, wherever the body is edited. A paragraph chosen by number stays "
                "after that number."
            )
        return formset


class CorrectionInline(NamedInputsMixin, admin.StackedInline):
    """Dated corrections and update notes, shown at the end of the post."""

    model = Correction
    extra = 0
    fields = ["kind", "published_at", "text"]


class ReviewLinkInline(NamedTabularInline):
    """Links for outside reviewers: add a row to create one, tick “revoke” to end it."""

    model = ReviewLink
    extra = 0
    # The address column shows the signed address to those who may manage the links; a
    # "View on site" link would pass it through the admin's shortcut instead.
    view_on_site = False
    fields = ["note", "address", "expires_at", "created_by", "status", "revoke"]
    readonly_fields = ["address", "created_by", "status"]
    verbose_name = "review link"
    verbose_name_plural = (
        "Review links (read-only links for reviewers without an account; add one, save, "
        "then copy its address)"
    )

    class Form(forms.ModelForm):
        revoke = forms.BooleanField(required=False, help_text="Stop this link from working.")

        class Meta:
            model = ReviewLink
            fields = ["note", "expires_at"]

        def clean_expires_at(self):
            expires = self.cleaned_data["expires_at"]
            longest = timezone.now() + datetime.timedelta(days=settings.REVIEW_LINK_DAYS)
            if expires and expires > longest + datetime.timedelta(minutes=5):
                raise ValidationError(
                    f"A review link may work for at most {settings.REVIEW_LINK_DAYS} days; "
                    "make a new one when it expires."
                )
            return expires

        def save(self, commit=True):
            if self.cleaned_data.get("revoke") and self.instance.revoked_at is None:
                self.instance.revoked_at = timezone.now()
            return super().save(commit)

    form = Form

    @admin.display(description="Address")
    def address(self, link):
        if not link.pk:
            return "Appears after saving"
        url = settings.SITE_URL + link.get_absolute_url()
        return format_html('<a href="{}" class="review-link-url">{}</a>', url, url)

    @admin.display(description="Status")
    def status(self, link):
        if link.revoked_at:
            return "Revoked"
        return "Active" if link.is_active else "Expired"
