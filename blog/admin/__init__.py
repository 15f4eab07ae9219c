"""
The editors' admin of posts and topics, split by concern:

- `permissions`: who may publish, and which topics an account may see;
- `inlines`: the byline, pull quotes, corrections and review links of a post's form;
- `filters`: the post list's filters;
- `forms`: the post form with its edit-conflict check, the calendar's and the merge's forms;
- `posts`: `PostAdmin`, mounting the extra views of `views` (preview, revisions,
  topic suggestions, figure images) and `calendar` (the editorial calendar);
- `topics`: `TopicAdmin`, which merges topics through `blog.services.merge_topics`;
- `figures`: `FigureAdmin`, the images set in bodies (uploaded from the body editor).

Django's autodiscovery imports this package; importing the admins here runs their
`@admin.register`.
"""

from . import figures, posts, topics  # noqa: F401
