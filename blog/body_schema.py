"""
What a post's body may hold, defined once.

The editor is django-prose-editor (ProseMirror and Tiptap, served from our own static
files) with the extensions named in `EXTENSIONS`: its standard ones, and Folio's own from
`static/js/body-schema.js` (`FOLIO_EXTENSIONS`). The server's sanitizer allows exactly the
elements and attributes those extensions write (`ALLOWLIST`), so that the editor and the
sanitizer cannot drift apart: opening a body and saving it unchanged stores the same
document.
"""

from django_prose_editor.config import allowlist_from_extensions

from . import embeds

# django-prose-editor's own extensions, as configured for Folio.
STANDARD_EXTENSIONS = {
    "Paragraph": True,
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "Subscript": True,
    "Superscript": True,
    "Code": True,
    "HardBreak": True,
    "Link": {"enableTarget": False},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "CodeBlock": True,
    "HorizontalRule": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
}

# Folio's extensions (static/js/body-schema.js): for each, the elements it writes and the
# attributes and classes those may carry. Its Table, TableHeader and TableCell replace the
# standard ones: a table keeps its caption, a header cell its scope, and a cell holds a
# line of text (no <thead>, no paragraphs in cells: the editor writes neither).
FOLIO_EXTENSIONS = {
    "Footnote": {"tags": {"span"}, "classes": {"span": {"footnote"}}},
    # Words in another language than the post's: <span lang="de">Ostpolitik</span>.
    "ForeignLanguage": {"tags": {"span"}, "attributes": {"span": {"lang"}}},
    "Abbr": {"tags": {"abbr"}, "attributes": {"abbr": {"title"}}},
    "InlineQuote": {"tags": {"q"}, "attributes": {"q": {"cite"}}},
    "Table": {"tags": {"caption"}, "attributes": {"th": {"scope"}}, "drop": {"thead"}},
    "PasteCleanup": {},
    "Embed": {"tags": {"figure"}, "classes": {"figure": {"embed"}}},
    "FigureImage": {
        "tags": {"figure", "img", "figcaption"},
        "attributes": {"img": {"src", "alt", "width", "height", "data-image"}},
        "classes": {"figure": {"image"}},
    },
    "LinkScheme": {},
    "EditorLabel": {},
    "PullQuotePreview": {},
}

# What the editor loads; an embed's providers are those the page can show (blog.embeds).
EXTENSIONS = (
    STANDARD_EXTENSIONS
    | dict.fromkeys(FOLIO_EXTENSIONS, True)
    | {"Embed": {"providers": embeds.editor_providers()}}
)

URL_SCHEMES = {"http", "https", "mailto"}


def _allowlist():
    allowed = allowlist_from_extensions(STANDARD_EXTENSIONS)
    tags = set(allowed["tags"])
    attributes = {tag: set(names) for tag, names in allowed["attributes"].items()}
    classes = {tag: set(names) for tag, names in allowed.get("allowed_classes", {}).items()}
    for extension in FOLIO_EXTENSIONS.values():
        tags = (tags | extension.get("tags", set())) - extension.get("drop", set())
        for tag, names in extension.get("attributes", {}).items():
            attributes.setdefault(tag, set()).update(names)
        for tag, names in extension.get("classes", {}).items():
            classes.setdefault(tag, set()).update(names)
    # A link is its address and title: "rel" and "target" are the page's business. A list's
    # numbering is its "type" (1, a, i); the editor's "data-type" repeats it.
    attributes["a"] -= {"rel", "target"}
    attributes["ol"] -= {"data-type"}
    # No attribute on every element: the sanitizer would otherwise keep `lang` and `title`
    # anywhere, where the editor keeps them only on the elements above.
    attributes["*"] = set()
    return {"tags": tags, "attributes": attributes, "allowed_classes": classes}


#: The elements (`tags`), attributes (`attributes`) and classes (`allowed_classes`) a
#: body may hold, in the shape nh3.clean takes them.
ALLOWLIST = _allowlist()
