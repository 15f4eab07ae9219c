"""Steps shared by browser tests."""

from playwright.sync_api import expect

#: The body editor's editing area in the post form (django-prose-editor).
BODY_AREA = ".prose-editor .ProseMirror[contenteditable=true]"


def log_in(page, site):
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "folio-demo")
    page.click("input[type=submit]")
    page.wait_for_url(f"{site}/admin/")


def edit_body_at_end(page, site, post):
    """Sign in, open the post's form, and put the cursor at the end of its body."""
    log_in(page, site)
    page.goto(f"{site}/admin/blog/post/{post.pk}/change/")
    area = page.locator(BODY_AREA)
    area.click()
    page.keyboard.press("Control+End")
    return area


def upload_figure(page, image, description, caption=""):
    """Insert an image from the editor's Image dialog, uploading `image` (JPEG bytes)."""
    page.get_by_role("button", name="Add an image").click()
    dialog = page.locator("dialog.figure-dialog")
    dialog.get_by_label("Image file").set_input_files(
        {"name": "upload.jpg", "mimeType": "image/jpeg", "buffer": image}
    )
    dialog.get_by_label("Description").fill(description)
    dialog.get_by_label("Caption").fill(caption)
    dialog.get_by_role("button", name="Insert image").click()
    # The upload cuts the image's renditions before the dialog closes: on a busy machine
    # that takes longer than an assertion's usual five seconds.
    expect(dialog).to_be_hidden(timeout=30_000)


def next_frames(page):
    """Wait two frames: the editor puts focus and selection back a frame after a toolbar
    button or a dialog, and a key pressed before then would act on the old selection."""
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


# The text of the caret's paragraph up to the caret.
TEXT_BEFORE_CARET = """() => {
    const selection = getSelection();
    const range = document.createRange();
    range.setStart(selection.focusNode.parentElement.closest("p, li, h2, h3, h4"), 0);
    range.setEnd(selection.focusNode, selection.focusOffset);
    return range.toString();
}"""
SELECTED_TEXT = "() => getSelection().toString()"


def press_and_wait_for_change(page, key, reading):
    """Press `key` and wait until `reading` (a JavaScript function of the page) gives
    another value: the editor moves the caret a moment after the key, later still on a
    busy machine, and the next key pressed before then would move it from where it was."""
    before = page.evaluate(reading)
    page.keyboard.press(key)
    page.wait_for_function(f"before => ({reading})() !== before", arg=before, timeout=5000)


def caret_after(page, words):
    """Put the caret just after `words`, from the start of the body, a word at a time with
    Ctrl+Right as a person would, each press waited for and checked."""
    page.keyboard.press("Control+Home")
    page.wait_for_function(f"() => ({TEXT_BEFORE_CARET})() === ''", timeout=5000)
    for _ in range(len(page.evaluate("document.activeElement.textContent").split()) + 1):
        if page.evaluate(TEXT_BEFORE_CARET).endswith(words):
            return
        press_and_wait_for_change(page, "Control+ArrowRight", TEXT_BEFORE_CARET)
    assert page.evaluate(TEXT_BEFORE_CARET).endswith(words)


def select_back_to(page, words):
    """Select, with Ctrl+Shift+Left as a person would, back from the caret until exactly
    `words` are selected, each press waited for and checked."""
    for _ in range(len(words.split()) + 3):
        if page.evaluate(SELECTED_TEXT) == words:
            return
        press_and_wait_for_change(page, "Control+Shift+ArrowLeft", SELECTED_TEXT)
    assert page.evaluate(SELECTED_TEXT) == words


def choose_autocomplete(page, select_id, search, option):
    """Open the select2 widget over <select id=select_id>, search, and pick the option."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    search_field = page.locator(".select2-container--open .select2-search__field")
    search_field.fill(search)
    page.locator(".select2-results__option", has_text=option).click()
    expect(page.locator(f"#{select_id} option:checked")).to_have_text(option)
