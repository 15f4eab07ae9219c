/*
 * The preview beside the post form (templates/admin/blog/post/change_form.html).
 *
 * The "Refresh preview" button works without this script: it sends the whole form to the
 * preview, into the frame. This script sends only the words the preview shows (type,
 * title, dek and body), by itself a moment after typing stops, and keeps the reader's
 * place in the frame. It sends them through a form of its own so that the post form's
 * own submit handlers (a half-typed topic becomes a chip) do not run while one types.
 */
(function () {
  "use strict";

  const FIELDS = ["csrfmiddlewaretoken", "post_type", "title", "dek", "body"];
  const QUIET_MS = 1200;

  function start() {
    const button = document.querySelector("[data-preview-refresh]");
    const frame = document.querySelector("iframe[name=post-preview]");
    const postForm = document.getElementById("post_form");
    if (!button || !frame || !postForm) return;
    const status = document.querySelector("[data-preview-status]");
    const wide = window.matchMedia("(min-width: 1500px)");

    const sender = document.createElement("form");
    sender.method = "post";
    sender.action = button.getAttribute("formaction");
    sender.target = frame.name;
    sender.hidden = true;
    document.body.append(sender);

    function current() {
      const values = new FormData(postForm);
      return FIELDS.filter((name) => values.has(name)).map((name) => [name, values.get(name)]);
    }

    let shown = JSON.stringify(current());
    let scrollY = 0;

    function refresh() {
      const values = current();
      shown = JSON.stringify(values);
      try {
        scrollY = frame.contentWindow.scrollY;
      } catch (error) {
        scrollY = 0;  // the frame holds another site's page: start at the top
      }
      sender.replaceChildren(
        ...values.map(([name, value]) => {
          const input = document.createElement("input");
          input.type = "hidden";
          input.name = name;
          input.value = value;
          return input;
        }),
      );
      if (status) status.textContent = "Showing what is typed here. Nothing is saved.";
      sender.submit();
    }

    frame.addEventListener("load", () => {
      try {
        frame.contentWindow.scrollTo(0, scrollY);
      } catch (error) {
        // another site's page: nothing to restore
      }
    });

    button.addEventListener("click", (event) => {
      event.preventDefault();
      refresh();
    });

    // The body editor writes its textarea as one types, without an input event, so the
    // fields are compared, not listened to: a change refreshes once typing pauses.
    let changedAt = 0;
    let seen = shown;
    window.setInterval(() => {
      if (!wide.matches) return;
      const now = JSON.stringify(current());
      if (now !== seen) {
        seen = now;
        changedAt = Date.now();
      } else if (now !== shown && Date.now() - changedAt >= QUIET_MS) {
        refresh();
      }
    }, 400);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
