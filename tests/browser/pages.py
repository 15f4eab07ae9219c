"""Steps shared by browser tests."""

#: The body editor's editing area in the post form (django-prose-editor).
BODY_AREA = ".prose-editor .ProseMirror[contenteditable=true]"


def log_in(page, site):
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "folio-demo")
    page.click("input[type=submit]")
    page.wait_for_url(f"{site}/admin/")
