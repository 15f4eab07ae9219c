"""The post form (its body editor, its topics field and its refusal to overwrite a
colleague's save) and the forms of the calendar and of merging topics."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django_prose_editor.widgets import AdminProseEditorWidget
from taggit.forms import TagField, TagWidget
from taggit.models import Tag

from core import languages
from people.models import Author
from programs.models import Program

from .. import body_schema, revisions
from ..links import unusable_links
from ..models import Figure, Post, Revision
from ..slugs import hold_slug, slug_from_title
from ..topics import parse_topics, topics_as_stored


class BodyEditor(AdminProseEditorWidget):
    """
    The body's editor: django-prose-editor with the body's schema (`blog.body_schema`), and
    Folio's own extensions loaded from static/js/body-schema.js. Without JavaScript it is
    the textarea holding the body's HTML, which the server sanitizes as always.
    """

    def __init__(self, attrs=None):
        super().__init__(
            {"rows": 24, **(attrs or {})},
            config={"extensions": body_schema.EXTENSIONS},
            preset="configurable",
        )

    def get_config(self):
        config = super().get_config()
        config["js_modules"] = [static("js/body-schema.js"), *config["js_modules"]]
        # Where the Image button lists and uploads figure images (PostAdmin.get_urls).
        config["extensions"]["FigureImage"] = {"endpoint": reverse("admin:blog_post_figures")}
        return config

    @property
    def media(self):
        return super().media + forms.Media(css={"all": ["css/body-editor.css"]})


class FigureForm(forms.ModelForm):
    """An image uploaded from the body editor, with what readers need of it."""

    class Meta:
        model = Figure
        fields = ["image", "description", "credit"]


class PreviewForm(forms.ModelForm):
    """The post form's words, read for the preview beside the form and never saved."""

    class Meta:
        model = Post
        fields = ["post_type", "title", "dek", "body"]

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        # A field the form did not send (read-only for this account) keeps its saved value.
        for name in [name for name in self.fields if name not in data]:
            del self.fields[name]


class TopicsInput(TagWidget):
    """The comma-separated topics field, with suggestions of existing topics as one types."""

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", **(attrs or {})})

    def get_context(self, name, value, attrs):
        attrs = {**(attrs or {}), "data-topic-suggest": reverse("admin:blog_post_topics")}
        return super().get_context(name, value, attrs)

    class Media:
        js = ["js/topic-suggest.js"]


class TopicsField(TagField):
    """
    A post's topics, separated by commas (taggit parses and shows them through
    `blog.topics`, named in the TAGGIT_* settings). It refuses a name longer than a topic's
    name may be, and a post's topics count as changed only when a topic is added or removed:
    saving them in another order changes nothing, so it is no change.
    """

    widget = TopicsInput
    max_name_length = Tag._meta.get_field("name").max_length

    def clean(self, value):
        names = super().clean(value)
        too_long = [name for name in names if len(name) > self.max_name_length]
        if too_long:
            raise ValidationError(
                "A topic may have at most %(limit)d characters: “%(name)s” has %(length)d.",
                code="max_length",
                params={
                    "limit": self.max_name_length,
                    "name": too_long[0],
                    "length": len(too_long[0]),
                },
            )
        return names

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        try:
            after = self.clean(data)
        except ValidationError:
            return True
        if isinstance(initial, str):  # an add form's ?topics= in its address
            before = parse_topics(initial)
        else:
            before = [topic.name for topic in initial or []]
        # Topics are matched whatever their capitals (TAGGIT_CASE_INSENSITIVE).
        return {name.casefold() for name in before} != {name.casefold() for name in after}


class PostAdminForm(forms.ModelForm):
    """
    The post form. It carries the version of the post it was opened on: a save over a
    colleague's later save is refused with what they changed, and the form kept as it was.
    An optional note (`revision_note`) goes on the revision the save records.
    """

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # A form field, not a post's: the note belongs to the revision this save records, so
    # each opening of the form starts blank.
    revision_note = forms.CharField(
        label="Note on this change",
        max_length=Revision._meta.get_field("note").max_length,
        required=False,
        help_text="Optional. A few words on what this save changes and why, shown beside "
        "it in the list of revisions and when comparing them.",
    )

    class Meta:
        model = Post
        fields = [
            "post_type", "language", "translation_of", "title", "slug", "dek", "body",
            "program", "series", "topics",
            "hero_image", "hero_alt", "hero_caption", "hero_credit", "status", "proposed_for",
            "publish_at",
        ]  # fmt: skip
        widgets = {"body": BodyEditor, "language": forms.Select(choices=languages.choices())}
        field_classes = {"topics": TopicsField}
        help_texts = {
            "topics": "Separate topics with commas. A topic may contain spaces but cannot "
            "contain a comma. Topics are listed in the order they were added.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version
            if "topics" in self.fields:
                # taggit hands the form a post's topics in no set order; editors see them
                # as they were added.
                self.initial["topics"] = topics_as_stored(self.instance)
        if "publish_at" in self.fields:
            self.fields["publish_at"].help_text += f" Times are in {settings.TIME_ZONE}."
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text += (
                " Left empty, it is made from the title. Changing it on a published post "
                "keeps the old address working."
            )

    def clean_body(self):
        body = self.cleaned_data["body"]
        problems = [
            ValidationError(
                "The link “%(text)s” goes to “%(address)s”, which is not a web or e-mail "
                "address. Correct it (select the link, then Ctrl+K) or remove the link.",
                code="unusable_link",
                params={"text": text or "…", "address": address},
            )
            for text, address in unusable_links(body)
        ]
        if problems:
            raise ValidationError(problems)
        return body

    def clean(self):
        cleaned = super().clean()
        # Before the uniqueness check that follows clean(), so a simultaneous save of the
        # same slug is checked after this one commits (an empty slug is made from the title).
        hold_slug(cleaned.get("slug") or slug_from_title(cleaned.get("title") or ""))
        if self.instance.pk:
            self._refuse_overwrite(cleaned.get("loaded_version"))
        return cleaned

    def _refuse_overwrite(self, loaded_version):
        # The admin validates and saves in one transaction; locking the row here makes a
        # second save wait for the first, then see its new version.
        current = (
            Post.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if current is None or current == loaded_version:
            return
        if loaded_version is None:
            raise ValidationError(
                "This form is out of date: reload the post, then make your changes again.",
                code="stale",
            )
        saved = Post.objects.get(pk=self.instance.pk)
        theirs = revisions.snapshot(saved)
        before = Revision.objects.filter(post=saved, version=loaded_version).first()
        latest = Revision.objects.filter(post=saved).select_related("user").first()
        who = (
            latest.user.get_full_name() or latest.user.username if latest and latest.user else None
        )
        # The next save goes through: the editor has now seen what changed.
        self.data = self.data.copy()
        self.data["loaded_version"] = current
        if before:
            changes = revisions.compare(before.data, theirs)
            heading = "What they changed since you opened this post:"
        else:
            mine = {**theirs, **{k: self.cleaned_data.get(k) for k in ("title", "dek", "body")}}
            changes = revisions.compare(mine, theirs)
            heading = "How the saved post differs from yours:"
        raise ValidationError(
            mark_safe(  # noqa: S308 -- the diff escapes every piece of text
                format_html(
                    "{} saved this post while you were editing it, so your changes were not "
                    "saved. They are still in the form below. {} "
                    '<div class="revision-diff">{}</div>'
                    "Bring in what you need from their version, then save again.",
                    who or "Someone else",
                    heading,
                    revisions.render_changes(changes),
                )
            ),
            code="conflict",
        )


class CalendarFilterForm(forms.Form):
    """
    The editorial calendar's ?program= and ?author=. A value naming none of the programs
    or authors offered is left out of `cleaned_data` and the calendar shows them all:
    numbers beyond what an id holds included, which SQLite refuses to compare with.
    """

    program = forms.ModelChoiceField(Program.objects.all(), required=False)
    author = forms.ModelChoiceField(Author.objects.none(), required=False)

    def __init__(self, data, authors):
        super().__init__(data)
        self.fields["author"].queryset = authors
        self.is_valid()


class MergeTopicsForm(forms.Form):
    """The name of the topic the selected topics become."""

    name = forms.CharField(
        label="Name of the merged topic",
        max_length=100,
        help_text="One of the selected names, or a new one. Every post keeps its topics.",
    )
