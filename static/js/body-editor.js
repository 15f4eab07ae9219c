/*
 * Folio's body editor: a small rich-text editor over the admin's body textarea.
 * It writes the allowlisted HTML Folio stores (paragraphs, h2, h3, bold, italic, links,
 * lists, block quotes, footnotes) into the textarea, which stays the form field: without
 * JavaScript, or with "Edit HTML", the editor works on the HTML directly. The server
 * sanitizes whatever arrives, so this cleaning is for a tidy document, not for safety.
 */
(function () {
  "use strict";

  var BLOCKS = { P: 1, H2: 1, H3: 1, UL: 1, OL: 1, LI: 1, BLOCKQUOTE: 1 };
  var INLINE = { STRONG: 1, EM: 1, A: 1, BR: 1, SUP: 1, SUB: 1 };
  var RENAME = { B: "STRONG", I: "EM", H1: "H2", H4: "H3", H5: "H3", H6: "H3", DIV: "P" };
  var DROP = { SCRIPT: 1, STYLE: 1, META: 1, LINK: 1, TITLE: 1, HEAD: 1, IFRAME: 1, OBJECT: 1, EMBED: 1, SVG: 1, MATH: 1, TEMPLATE: 1, "O:P": 1, XML: 1 };

  function safeHref(href) {
    href = (href || "").trim();
    return /^(https?:|mailto:|\/|#)/i.test(href) ? href : "";
  }

  function isFootnote(node) {
    return node.nodeName === "SPAN" && node.classList && node.classList.contains("footnote");
  }

  // Word and Google Docs mark bold and italic with inline styles on spans.
  function styledWrapper(node, doc) {
    var style = (node.getAttribute && node.getAttribute("style")) || "";
    var bold = /font-weight\s*:\s*(bold|[6-9]00)/i.test(style);
    var italic = /font-style\s*:\s*italic/i.test(style);
    if (!bold && !italic) return null;
    var outer = doc.createElement(bold ? "strong" : "em");
    if (bold && italic) {
      var inner = doc.createElement("em");
      outer.appendChild(inner);
      return { outer: outer, inner: inner };
    }
    return { outer: outer, inner: outer };
  }

  function cleanChildren(source, target, doc) {
    Array.prototype.slice.call(source.childNodes).forEach(function (child) {
      cleanNode(child, target, doc);
    });
  }

  function cleanNode(node, target, doc) {
    if (node.nodeType === 3) {
      target.appendChild(doc.createTextNode(node.nodeValue));
      return;
    }
    if (node.nodeType !== 1) return; // comments, Word's conditional blocks
    var name = node.nodeName.toUpperCase();
    if (DROP[name]) return;
    if (isFootnote(node)) {
      var note = doc.createElement("span");
      note.className = "footnote";
      note.textContent = node.textContent;
      target.appendChild(note);
      return;
    }
    // Google Docs wraps a whole paste in <b style="font-weight:normal">.
    if (name === "B" && /font-weight\s*:\s*normal/i.test(node.getAttribute("style") || "")) {
      cleanChildren(node, target, doc);
      return;
    }
    // A <div> that holds blocks is only a wrapper; one that holds text is a paragraph.
    if (name === "DIV" && node.querySelector("p, div, h1, h2, h3, h4, ul, ol, blockquote, table")) {
      cleanChildren(node, target, doc);
      return;
    }
    name = RENAME[name] || name;
    if (BLOCKS[name] || INLINE[name]) {
      var element = doc.createElement(name.toLowerCase());
      if (name === "A") {
        var href = safeHref(node.getAttribute("href"));
        if (!href) {
          cleanChildren(node, target, doc);
          return;
        }
        element.setAttribute("href", href);
      }
      target.appendChild(element);
      var styled = styledWrapper(node, doc);
      if (styled && !INLINE[name]) {
        element.appendChild(styled.outer);
        cleanChildren(node, styled.inner, doc);
      } else {
        cleanChildren(node, element, doc);
      }
      return;
    }
    // Anything else (span, font, table cells, Word's <o:p>): keep its text and inline styling.
    var styledSpan = styledWrapper(node, doc);
    if (styledSpan) {
      target.appendChild(styledSpan.outer);
      cleanChildren(node, styledSpan.inner, doc);
    } else {
      cleanChildren(node, target, doc);
    }
  }

  /** Clean HTML into Folio's allowlist; exposed for tests as FolioBodyEditor.clean. */
  function clean(html) {
    html = html.replace(/[\u200b\u200c\u200d\ufeff]/g, "");
    var parsed = new DOMParser().parseFromString(html, "text/html");
    var out = document.createElement("div");
    cleanChildren(parsed.body, out, document);
    // Empty paragraphs from Word's spacing.
    Array.prototype.slice.call(out.querySelectorAll("p, h2, h3, li")).forEach(function (el) {
      if (!el.textContent.trim() && !el.querySelector("br")) el.remove();
    });
    return out.innerHTML;
  }

  function escapeText(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function textToParagraphs(text) {
    return text
      .split(/\n\s*\n/)
      .map(function (para) { return para.trim(); })
      .filter(Boolean)
      .map(function (para) { return "<p>" + escapeText(para).replace(/\n/g, "<br>") + "</p>"; })
      .join("");
  }

  // The selection inside the editor, taken before a prompt steals the focus.
  function savedRange(area) {
    var selection = window.getSelection();
    if (!selection.rangeCount) return null;
    var range = selection.getRangeAt(0);
    return area.contains(range.commonAncestorContainer) ? range.cloneRange() : null;
  }

  // A footnote is an element of its own at the caret; typing goes on after it.
  function insertFootnote(range, text) {
    var note = document.createElement("span");
    note.className = "footnote";
    note.textContent = text;
    range.collapse(false);
    range.insertNode(note);
    // Browsers keep a caret placed right after an inline element inside it, so typing would
    // extend the note; a zero-width space outside holds the caret (clean() drops it).
    var holder = document.createTextNode("\u200b");
    note.parentNode.insertBefore(holder, note.nextSibling);
    var after = document.createRange();
    after.setStart(holder, 1);
    after.collapse(true);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(after);
  }

  var BUTTONS = [
    { command: "formatBlock", value: "p", label: "Paragraph", text: "¶" },
    { command: "formatBlock", value: "h2", label: "Heading", text: "H2" },
    { command: "formatBlock", value: "h3", label: "Subheading", text: "H3" },
    { command: "bold", label: "Bold", text: "B" },
    { command: "italic", label: "Italic", text: "I" },
    { command: "link", label: "Link", text: "Link" },
    { command: "unlink", label: "Remove link", text: "Unlink" },
    { command: "insertOrderedList", label: "Numbered list", text: "1." },
    { command: "insertUnorderedList", label: "Bulleted list", text: "•" },
    { command: "formatBlock", value: "blockquote", label: "Block quote", text: "“ ”" },
    { command: "footnote", label: "Footnote", text: "Note" },
    { command: "source", label: "Edit HTML", text: "HTML", toggle: true },
  ];

  function setup(textarea) {
    var wrapper = document.createElement("div");
    wrapper.className = "body-editor";
    var toolbar = document.createElement("div");
    toolbar.className = "body-editor__toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", "Body formatting");
    var area = document.createElement("div");
    area.className = "body-editor__area";
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    area.setAttribute("aria-label", "Body");
    area.innerHTML = clean(textarea.value || "") || "<p><br></p>";

    function sync() {
      if (!wrapper.classList.contains("is-source")) textarea.value = clean(area.innerHTML);
    }

    BUTTONS.forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "body-editor__button";
      button.textContent = spec.text;
      button.title = spec.label;
      button.setAttribute("aria-label", spec.label);
      button.dataset.command = spec.command;
      if (spec.toggle) button.setAttribute("aria-pressed", "false");
      button.addEventListener("mousedown", function (event) { event.preventDefault(); });
      button.addEventListener("click", function () {
        if (spec.command === "source") {
          var source = !wrapper.classList.contains("is-source");
          if (source) sync();
          else area.innerHTML = clean(textarea.value) || "<p><br></p>";
          wrapper.classList.toggle("is-source", source);
          button.setAttribute("aria-pressed", String(source));
          (source ? textarea : area).focus();
          return;
        }
        area.focus();
        if (spec.command === "link") {
          var url = window.prompt("Link address (https://…)", "https://");
          if (url && safeHref(url)) document.execCommand("createLink", false, safeHref(url));
        } else if (spec.command === "footnote") {
          var range = savedRange(area);
          var note = window.prompt("Footnote text");
          area.focus();
          if (note && note.trim() && range) insertFootnote(range, note.trim());
        } else {
          document.execCommand(spec.command, false, spec.value ? "<" + spec.value + ">" : null);
        }
        sync();
      });
      toolbar.appendChild(button);
    });

    area.addEventListener("input", sync);
    area.addEventListener("paste", function (event) {
      var data = event.clipboardData;
      if (!data) return;
      event.preventDefault();
      var html = data.getData("text/html");
      var cleaned = html ? clean(html) : textToParagraphs(data.getData("text/plain"));
      document.execCommand("insertHTML", false, cleaned);
      sync();
    });
    if (textarea.form) textarea.form.addEventListener("submit", sync);

    textarea.parentNode.insertBefore(wrapper, textarea);
    wrapper.appendChild(toolbar);
    wrapper.appendChild(area);
    wrapper.appendChild(textarea);
    textarea.classList.add("body-editor__source");
    document.execCommand("defaultParagraphSeparator", false, "p");
  }

  window.FolioBodyEditor = { clean: clean };
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("textarea[data-body-editor]"), setup);
  });
})();
