"""Who may do what in the editors' admin. The post and topic admins and the extra views
all ask here, so a role means the same on every screen, and always on the server."""

from taggit.models import Tag

from ..models import Post


def can_publish(user):
    """Editors publish, schedule and unpublish; contributors never do."""
    return user.has_perm("blog.publish_post")


def topics_seen_by(user):
    """Every topic for editors. Contributors see those of published posts and of their own
    posts: a colleague's draft may carry a topic that is not to be known before it appears."""
    if can_publish(user):
        return Tag.objects.all()
    return Post.objects.public_topics() | Post.objects.authored_by(user).used_topics()
