"""
The blog's models, one module per concern (as Wagtail splits `wagtail/models/`):

- `querysets`: what posts are read as, and the one rule of what readers may see
  (`Post.objects.published()`);
- `posts`: the post itself and the rules a save keeps; `reading`: how readers see it;
- `bylines`, `pull_quotes`, `figures`: the parts an editor builds a post from;
- `history`: former addresses, corrections and revisions; `review_links`: reviewers'
  read-only links; `search_entries`: the search index's rows on PostgreSQL.

Operations that change several of them at once live in `blog.services`.
"""

from .bylines import PostAuthor
from .figures import FIGURE_SPECS, Figure
from .history import Correction, PostSlug, Revision
from .posts import HERO_SPECS, Post
from .pull_quotes import PullQuote
from .querysets import CARD_FIELDS, PAGE_AUTHOR, RELATED_POSTS, PostQuerySet
from .reading import BodyPart
from .review_links import REVIEW_LINK_SALT, ReviewLink, ReviewLinkQuerySet, _review_link_expiry
from .search_entries import SearchEntry

__all__ = [
    "CARD_FIELDS",
    "FIGURE_SPECS",
    "HERO_SPECS",
    "PAGE_AUTHOR",
    "RELATED_POSTS",
    "REVIEW_LINK_SALT",
    "BodyPart",
    "Correction",
    "Figure",
    "Post",
    "PostAuthor",
    "PostQuerySet",
    "PostSlug",
    "PullQuote",
    "ReviewLink",
    "ReviewLinkQuerySet",
    "Revision",
    "SearchEntry",
    "_review_link_expiry",
]
