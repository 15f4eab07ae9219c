"""What an import remembers of the WordPress site it came from: which WordPress user,
post and image became which of ours, and each post's old address."""

from django.db import models

from blog.models import Figure, Post
from people.models import Author


class ImportedAuthor(models.Model):
    """A WordPress user or Co-Authors Plus guest author, and the person they became."""

    key = models.CharField(
        max_length=250, unique=True, help_text="“user:login” or “guest:login” in WordPress."
    )
    email = models.EmailField(
        blank=True, help_text="From the export; private, never shown on the site."
    )
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return self.key


class ImportedPost(models.Model):
    """A WordPress post and the post it became; its old address answers with a redirect."""

    wp_id = models.PositiveBigIntegerField("WordPress post ID", unique=True)
    # Kept when the post is deleted in Folio, so that a re-run does not bring it back.
    post = models.OneToOneField(
        Post, on_delete=models.SET_NULL, null=True, blank=True, related_name="wordpress"
    )
    old_path = models.CharField(
        max_length=500, db_index=True, help_text="The path of the post’s WordPress address."
    )
    fingerprint = models.CharField(
        max_length=64, help_text="Of the export's item as last imported: unchanged, skipped."
    )
    hero_wp_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The featured image the hero image was made from."
    )
    version = models.PositiveIntegerField(
        help_text="The post's version after the import; a later one was edited in Folio."
    )
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "imported WordPress post"

    def __str__(self):
        return f"WordPress post {self.wp_id}"


class ImportedImage(models.Model):
    """A WordPress attachment and the figure image it became."""

    wp_id = models.PositiveBigIntegerField("WordPress attachment ID", unique=True)
    figure = models.ForeignKey(Figure, on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return f"WordPress attachment {self.wp_id}"
