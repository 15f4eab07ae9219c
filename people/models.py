import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from core import images, languages
from core.models import PageBySlug
from core.text import sort_key
from programs.models import Program

# Photo renditions: square crops for the author box (120 px), the directory (80 px) and the
# author page (200 px), each at 1× and 2×, and a 1200×630 card for shared links.
PHOTO_SPECS = [
    images.Spec("square-80", 80, 80),
    images.Spec("square-120", 120, 120),
    images.Spec("square-160", 160, 160),
    images.Spec("square-240", 240, 240),
    images.Spec("square-400", 400, 400),
    images.Spec("share", 1200, 630, formats=("jpeg",)),
]


class AuthorQuerySet(models.QuerySet):
    def with_status(self, on=None):
        """Annotate `is_current` (holds a position today) and `is_former` (held one)."""
        on = on or timezone.localdate()
        positions = Position.objects.filter(author=OuterRef("pk"))
        return self.annotate(
            is_current=Exists(positions.current(on)),
            is_former=Exists(positions.filter(end_date__lt=on)),
        )


class Author(PageBySlug, images.RenditionsMixin, models.Model):
    """
    A person who writes for the institution. Not a login account: an author may be linked
    to one (so a contributor can edit their own drafts) but most never log in.
    """

    page_url_name = "people:detail"

    # The photo's renditions (`images.RenditionsMixin`): cut on save when the photo or its
    # focal point changes, old files removed once the save commits.
    rendition_image_field = "photo"
    rendition_field = "photo_renditions"
    rendition_prefix = "renditions/people"
    rendition_focal_fields = ("photo_focal_x", "photo_focal_y")

    name = models.CharField(max_length=200, help_text="As shown in bylines: “Anna Petrova”.")
    family_name = models.CharField(
        max_length=100, help_text="For sorting the directory and for citations: “Petrova”."
    )
    slug = models.SlugField(max_length=200, unique=True)
    modified_at = models.DateTimeField(auto_now=True)
    photo = images.ImageUploadField(
        upload_to=images.UnguessableName("people/"),
        blank=True,
        help_text="A JPEG, PNG or WebP portrait, at least 400 pixels square. Location and "
        "camera data are removed when it is saved.",
    )
    photo_focal_x = models.FloatField(
        "focal point (across)",
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="Where the face is, from 0 (left edge) to 1 (right edge). Click the photo "
        "to set it.",
    )
    photo_focal_y = models.FloatField(
        "focal point (down)",
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="From 0 (top) to 1 (bottom).",
    )
    photo_renditions = models.JSONField(default=dict, blank=True, editable=False)
    photo_alt = models.CharField(
        "photo description",
        max_length=300,
        blank=True,
        help_text="Describes the photo for readers who cannot see it. Required with a photo.",
    )
    short_bio = models.TextField(
        blank=True, help_text="A paragraph for the “About the Author” box under each post."
    )
    full_bio = models.TextField(
        blank=True,
        help_text="The full biography on the author page. Separate paragraphs with a blank line.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
        help_text="The login account of this author, if they write in the admin themselves.",
    )
    sort_name = models.CharField(max_length=300, editable=False, db_index=True, default="")

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = ["sort_name", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # A transliterated name can outgrow its letters ("Щ" → "shch"): cut to the field.
        sort_name = sort_key(f"{self.family_name} {self.name}")
        self.sort_name = sort_name[: self._meta.get_field("sort_name").max_length]
        # RenditionsMixin.save re-cuts the photo's renditions when they are out of date.
        super().save(*args, **kwargs)

    def clean(self):
        if self.photo and not self.photo_alt.strip():
            raise ValidationError(
                {"photo_alt": "Describe the photo for readers who cannot see it."}
            )

    def rendition_specs(self):
        """The photo's renditions, read when they are cut (so changed sizes take effect)."""
        return PHOTO_SPECS

    @property
    def photo_square(self):
        """The square renditions, smallest first, for `srcset`."""
        return [
            self.photo_renditions[spec.name]
            for spec in PHOTO_SPECS
            if spec.name.startswith("square") and spec.name in self.photo_renditions
        ]

    @property
    def share_image_name(self):
        return self.photo_renditions.get("share", {}).get("jpeg", "")

    @property
    def share_image_url(self):
        name = self.share_image_name
        return settings.SITE_URL + images.url(name) if name else ""

    def current_positions(self, on=None):
        """Positions held on a date (today by default), in the order staff set."""
        on = on or timezone.localdate()
        # Iterates the prefetched positions when there are any, so a page that shows many
        # authors runs one query for all their positions.
        return [position for position in self.positions.all() if position.is_held_on(on)]

    @property
    def titles_display(self):
        """Current positions joined as in the author box: “Senior Fellow; Editor, Series”."""
        return self.titles_on()

    def titles_on(self, on=None):
        """Positions held on a date joined as in the author box."""
        return "; ".join(position.display for position in self.current_positions(on))

    @property
    def past_positions(self):
        today = timezone.localdate()
        return [p for p in self.positions.all() if p.end_date and p.end_date < today]

    @property
    def programs(self):
        """Programs this person holds a current position in, without repeats."""
        seen = {}
        for position in self.current_positions():
            if position.program_id and position.program_id not in seen:
                seen[position.program_id] = position.program
        return list(seen.values())

    def person_data(self, titles=None):
        """schema.org Person, as a post's JSON-LD names its authors; `titles` as the post
        shows them (those it appeared with), else today's."""
        data = {
            "@type": "Person",
            "name": self.name,
            "familyName": self.family_name,
            "url": settings.SITE_URL + self.get_absolute_url(),
            "affiliation": {"@type": "Organization", "name": settings.SITE_NAME},
        }
        if titles := titles or self.titles_display:
            data["jobTitle"] = titles
        return data

    def structured_data(self):
        """schema.org Person for the author page: the byline's Person, with bio and links."""
        data = {"@context": "https://schema.org", **self.person_data()}
        if self.short_bio:
            data["description"] = self.short_bio
        if self.share_image_url:
            data["image"] = self.share_image_url
        if links := [link.url for link in self.links.all()]:
            data["sameAs"] = links
        return data

    @property
    def bio_paragraphs(self):
        return [p.strip() for p in self.full_bio.replace("\r\n", "\n").split("\n\n") if p.strip()]


class PositionQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=on),
            Q(end_date__isnull=True) | Q(end_date__gte=on),
        )


class Position(models.Model):
    """A title an author holds, at the institution or elsewhere, between two dates."""

    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(max_length=200, help_text="“Senior Fellow”, “Editor-in-Chief”.")
    organization = models.CharField(
        max_length=200,
        blank=True,
        help_text="Leave empty for a title at this institution; otherwise the program, series "
        "or outside organization, shown after the title.",
    )
    program = models.ForeignKey(
        Program,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="positions",
        help_text="The program this position belongs to, if any: the person is then listed "
        "among the program’s experts.",
    )
    leadership = models.BooleanField(
        default=False, help_text="List this person among the program’s leadership."
    )
    order = models.PositiveIntegerField(default=0)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(
        null=True, blank=True, help_text="Empty while the position is held."
    )

    objects = PositionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.display

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date is before the start date."})

    @property
    def display(self):
        return f"{self.title}, {self.organization}" if self.organization else self.title

    def is_held_on(self, day: datetime.date) -> bool:
        started = self.start_date is None or self.start_date <= day
        not_ended = self.end_date is None or self.end_date >= day
        return started and not_ended


class AuthorLink(models.Model):
    """A link on the author page: a personal site, a profile, a list of publications."""

    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=100)
    url = models.URLField("URL")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.label


class AuthorTranslation(models.Model):
    """
    What the “About the Author” box says of a person on a post in another of the site's
    languages: their titles and short bio as that language writes them. Where a field is
    empty, or a language has none, the box shows the site's own text, marked with its
    language.
    """

    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=12, validators=[languages.validate_language])
    titles = models.CharField(
        max_length=300,
        blank=True,
        help_text="The titles as this language writes them: “Старший научный сотрудник, "
        "Каспийский институт”.",
    )
    short_bio = models.TextField(
        blank=True, help_text="The paragraph of the “About the Author” box, in this language."
    )

    class Meta:
        ordering = ["language"]
        verbose_name = "in another language"
        verbose_name_plural = "in other languages (the author box under posts in them)"
        constraints = [
            models.UniqueConstraint(
                fields=["author", "language"], name="one_translation_per_author_and_language"
            )
        ]

    def __str__(self):
        return f"{self.author} ({languages.local_name(self.language)})"
