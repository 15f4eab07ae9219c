/*
 * Folio's own pieces of the body schema, loaded by django-prose-editor beside its
 * standard extensions (blog/body_schema.py names them all, and derives the server's
 * allowlist from the same list). An export named like a standard extension replaces it.
 *
 * - Footnote: <span class="footnote">the note</span>, a node of its own that the page
 *   numbers in order and lists under "Notes".
 * - Abbr and InlineQuote: <abbr title> and <q>.
 * - ForeignLanguage: <span lang="de">Ostpolitik</span>, words in another language than the
 *   post's, so that screen readers pronounce them in it.
 * - Table, TableHeader, TableCell: a table keeps its <caption>, header cells their scope,
 *   and a cell holds a line of text rather than paragraphs (<td>2024</td>, as data tables
 *   are written), so that a table is saved as it was opened.
 * - PasteCleanup: what Word, Google Docs and LibreOffice put on the clipboard, cleaned of
 *   empty paragraphs, and Word's "·" and "1." paragraphs made into real lists.
 * - Link, LinkScheme: a bare domain ("www.example.org") gets its https:// scheme; an
 *   address readers could not follow is kept as typed, and marked.
 */
import {
  DECORATION_MANAGER_PLUGIN_KEY,
  Extension,
  Link as BaseLink,
  Mark,
  Node,
  Plugin,
  Table as BaseTable,
  TableCell as BaseTableCell,
  TableHeader as BaseTableHeader,
  mergeAttributes,
  pm,
  updateAttrsDialog,
  WidgetDecoration,
} from "django-prose-editor/editor";

const text = (value) => ({ type: "string", title: value });

/**
 * Insert a block (an embed, a figure) where the cursor is, and put the cursor in the
 * paragraph after it, making one when none follows. Left on the new block, the cursor
 * would select it, and the next thing typed or inserted would replace it.
 */
function insertBlock(editor, content) {
  editor
    .chain()
    .focus()
    .insertContent(content)
    .command(({ tr }) => {
      const after = tr.selection.to;
      const next = tr.doc.resolve(after).nodeAfter;
      if (!next || !next.isTextblock) tr.insert(after, tr.doc.type.schema.nodes.paragraph.create());
      tr.setSelection(pm.state.TextSelection.create(tr.doc, after + 1));
      return true;
    })
    .run();
}

const footnoteDialog = (title, submitText) =>
  updateAttrsDialog({ note: { type: "string", format: "textarea", title: "Footnote", required: true } }, { title, submitText });

function editFootnote(editor, pos, current) {
  footnoteDialog("Edit the footnote", "Save footnote")(editor, { note: current }).then((attrs) => {
    const note = attrs && attrs.note && attrs.note.trim();
    if (!note || note === current) return;
    const size = editor.state.doc.nodeAt(pos).nodeSize;
    editor
      .chain()
      .focus()
      .insertContentAt({ from: pos, to: pos + size }, { type: "footnote", content: [{ type: "text", text: note }] })
      .run();
  });
}

export const Footnote = Node.create({
  name: "footnote",
  group: "inline",
  inline: true,
  content: "text*",
  marks: "bold italic subscript superscript link foreignLanguage",
  // A footnote is a place in the text, never part of the link or bold run beside it.
  excludes: "_",
  parseHTML() {
    return [{ tag: "span.footnote", priority: 60 }];
  },
  renderHTML() {
    return ["span", { class: "footnote" }, 0];
  },
  // In the editor a note is one piece of the sentence: the cursor steps over it rather than
  // into it (typing after a note at a paragraph's end would otherwise go into the note).
  // Double-clicking it edits its text.
  atom: true,
  selectable: true,
  addNodeView() {
    return ({ node, editor, getPos }) => {
      const dom = document.createElement("span");
      dom.className = "footnote";
      dom.contentEditable = "false";
      dom.title = "Footnote: double-click to edit";
      const contentDOM = document.createElement("span");
      dom.append(contentDOM);
      dom.addEventListener("dblclick", (event) => {
        event.preventDefault();
        editFootnote(editor, getPos(), node.textContent);
      });
      return {
        dom,
        contentDOM,
        update: (updated) => {
          if (updated.type.name !== "footnote") return false;
          node = updated;
          return true;
        },
      };
    };
  },
  addCommands() {
    return {
      addFootnote:
        () =>
        ({ editor }) => {
          footnoteDialog("Add a footnote", "Add footnote")(editor, {}).then((attrs) => {
            const note = attrs && attrs.note && attrs.note.trim();
            if (!note) return;
            // The cursor goes after the note, to carry on with the sentence.
            const at = editor.state.selection.to;
            editor
              .chain()
              .focus()
              .insertContentAt(at, { type: "footnote", content: [{ type: "text", text: note }] })
              .setTextSelection(at + note.length + 2)
              .run();
          });
          return true;
        },
    };
  },
  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "footnote",
      groups: "nodes",
      button: buttons.text("Note", "Add a footnote"),
      command(editor) {
        editor.commands.addFootnote();
      },
      enabled: (editor) => editor.can().insertContent({ type: "footnote" }),
    });
  },
});

function attributeMark(name, tag, attribute, title) {
  return Mark.create({
    name,
    addAttributes() {
      return {
        [attribute]: {
          default: null,
          parseHTML: (element) => element.getAttribute(attribute),
          renderHTML: (attrs) => (attrs[attribute] ? { [attribute]: attrs[attribute] } : {}),
        },
      };
    },
    parseHTML() {
      return [{ tag }];
    },
    renderHTML({ HTMLAttributes }) {
      return [tag, mergeAttributes(HTMLAttributes), 0];
    },
    addMenuItems({ menu, buttons }) {
      menu.defineItem({
        name,
        groups: "marks",
        button: buttons.text(tag === "abbr" ? "Abbr" : "“q”", title),
        command(editor) {
          if (editor.isActive(name)) {
            editor.chain().focus().extendMarkRange(name).unsetMark(name).run();
            return;
          }
          updateAttrsDialog({ [attribute]: text(title) }, { title })(editor, {}).then((attrs) => {
            if (attrs) editor.chain().focus().setMark(name, { [attribute]: attrs[attribute] || null }).run();
          });
        },
        active: (editor) => editor.isActive(name),
        enabled: (editor) => !editor.state.selection.empty || editor.isActive(name),
      });
    },
  });
}

export const Abbr = attributeMark("abbr", "abbr", "title", "Abbreviation, spelled out");

// A BCP 47 language tag, as the server keeps it (blog/html.py LANGUAGE_TAG).
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

export const ForeignLanguage = Mark.create({
  name: "foreignLanguage",
  addAttributes() {
    return {
      lang: {
        default: null,
        parseHTML: (element) => element.getAttribute("lang"),
        renderHTML: (attrs) => (attrs.lang ? { lang: attrs.lang } : {}),
      },
    };
  },
  parseHTML() {
    return [{ tag: "span[lang]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["span", mergeAttributes(HTMLAttributes), 0];
  },
  addMenuItems({ menu, buttons }) {
    const title = "Words in another language";
    menu.defineItem({
      name: "foreignLanguage",
      groups: "marks",
      button: buttons.text("lang", title),
      command(editor) {
        if (editor.isActive("foreignLanguage")) {
          editor.chain().focus().extendMarkRange("foreignLanguage").unsetMark("foreignLanguage").run();
          return;
        }
        const field = { type: "string", title: "Their language, as a code: de, fr, ru, uk, pt-BR", required: true };
        updateAttrsDialog({ lang: field }, { title, submitText: "Mark the language" })(editor, {}).then((attrs) => {
          const code = attrs && attrs.lang && attrs.lang.trim();
          if (code && LANGUAGE_TAG.test(code)) editor.chain().focus().setMark("foreignLanguage", { lang: code }).run();
        });
      },
      active: (editor) => editor.isActive("foreignLanguage"),
      enabled: (editor) => !editor.state.selection.empty || editor.isActive("foreignLanguage"),
    });
  },
});
export const InlineQuote = attributeMark("inlineQuote", "q", "cite", "Quotation, its source address");

export const Table = BaseTable.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      caption: {
        default: null,
        parseHTML: (element) => {
          const caption = element.querySelector(":scope > caption");
          return caption ? caption.textContent.trim() || null : null;
        },
        renderHTML: () => ({}),
      },
    };
  },
  parseHTML() {
    // The caption is an attribute of the table (above), not a row of it.
    return [{ tag: "table" }, { tag: "caption", ignore: true }];
  },
  renderHTML({ node }) {
    // Column widths are not part of Folio's schema: the page lays tables out itself.
    const caption = node.attrs.caption;
    return caption ? ["table", {}, ["caption", {}, caption], ["tbody", 0]] : ["table", {}, ["tbody", 0]];
  },
  // The editor draws a table itself (prosemirror-tables), without the caption: it is
  // shown above the table, as the page shows it, and edited with the Caption button.
  addDecorations() {
    return {
      create: ({ state }) => {
        const captions = [];
        state.doc.descendants((node, pos) => {
          if (node.type.name === "table" && node.attrs.caption) {
            captions.push(
              new WidgetDecoration(
                pos,
                () => {
                  const caption = document.createElement("p");
                  caption.className = "editor-table-caption";
                  caption.contentEditable = "false";
                  caption.textContent = node.attrs.caption;
                  return caption;
                },
                `table-caption-${pos}-${node.attrs.caption}`,
                // After a pull quote set before the table (side 1): the caption belongs
                // to the table, right above it.
                { side: 2, ignoreSelection: true },
              ),
            );
          }
          return node.type.name !== "table";
        });
        return captions;
      },
    };
  },
  addMenuItems({ menu, buttons }) {
    this.parent?.({ menu, buttons });
    menu.defineItem({
      name: "tableCaption",
      groups: "table",
      button: buttons.text("Caption", "Table caption"),
      command(editor) {
        const attrs = editor.getAttributes("table");
        updateAttrsDialog({ caption: text("Table caption") }, { title: "Table caption", submitText: "Set caption" })(editor, {
          caption: attrs.caption || "",
        }).then((result) => {
          if (result) editor.chain().focus().updateAttributes("table", { caption: result.caption.trim() || null }).run();
        });
      },
      hidden: (editor) => !editor.isActive("table"),
    });
  },
});

const cellAttributes = {
  colspan: { default: 1, parseHTML: (el) => Number(el.getAttribute("colspan") || 1), renderHTML: (a) => (a.colspan > 1 ? { colspan: a.colspan } : {}) },
  rowspan: { default: 1, parseHTML: (el) => Number(el.getAttribute("rowspan") || 1), renderHTML: (a) => (a.rowspan > 1 ? { rowspan: a.rowspan } : {}) },
  colwidth: { default: null, parseHTML: () => null, renderHTML: () => ({}) },
};

export const TableCell = BaseTableCell.extend({
  content: "inline*",
  addAttributes() {
    return cellAttributes;
  },
});

export const TableHeader = BaseTableHeader.extend({
  content: "inline*",
  addAttributes() {
    return {
      ...cellAttributes,
      scope: {
        default: null,
        parseHTML: (el) => (["col", "row", "colgroup", "rowgroup"].includes(el.getAttribute("scope")) ? el.getAttribute("scope") : null),
        renderHTML: (a) => (a.scope ? { scope: a.scope } : {}),
      },
    };
  },
});

// An embed: a video or chart from one of the providers the page can show (blog/embeds.py,
// passed in as the extension's options), stored as its address and title. Readers see a
// titled link until they choose to load the player.
export const Embed = Node.create({
  name: "embed",
  group: "block",
  atom: true,
  addOptions() {
    return { providers: [] };
  },
  addAttributes() {
    return { href: { default: null }, title: { default: "" } };
  },
  parseHTML() {
    return [
      {
        tag: "figure.embed",
        getAttrs: (figure) => {
          const link = figure.querySelector(":scope > a[href]");
          return link ? { href: link.getAttribute("href"), title: link.textContent } : false;
        },
      },
    ];
  },
  renderHTML({ node }) {
    return ["figure", { class: "embed" }, ["a", { href: node.attrs.href }, node.attrs.title]];
  },
  addNodeView() {
    return ({ node }) => {
      const dom = document.createElement("figure");
      dom.className = "embed";
      const label = document.createElement("strong");
      label.textContent = "Embed: ";
      const link = document.createElement("a");
      link.href = node.attrs.href;
      link.textContent = node.attrs.title || node.attrs.href;
      dom.append(label, link);
      return { dom };
    };
  },
  addCommands() {
    return {
      addEmbed:
        () =>
        ({ editor }) => {
          const providers = this.options.providers;
          const names = providers.map((p) => p.name).join(", ");
          const ask = (values, problem) =>
            updateAttrsDialog(
              {
                href: { type: "string", title: "Address of the video or chart", required: true, description: problem || `From ${names}` },
                title: { type: "string", title: "Title readers see before loading it", required: true },
              },
              { title: "Embed a video or chart", submitText: "Embed" },
            )(editor, values).then((attrs) => {
              if (!attrs) return;
              const href = attrs.href.trim();
              if (!providers.some((p) => new RegExp(p.pattern).test(href))) {
                ask(attrs, `Not an address Folio can embed: use a link to a page of ${names}.`);
                return;
              }
              insertBlock(editor, { type: "embed", attrs: { href, title: attrs.title.trim() } });
            });
          ask({}, "");
          return true;
        },
    };
  },
  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "embed",
      groups: "nodes",
      button: buttons.text("Embed", "Embed a video or chart"),
      command(editor) {
        editor.commands.addEmbed();
      },
    });
  },
});

// Pull quotes, shown in the body where readers will see them: after the paragraph that
// holds the quote's passage, or the one the editor chose, as the page places them
// (PullQuote.placement and blog.html.Passages, whose folding of quote marks, dashes,
// spaces and case this repeats). They follow the quote rows of the form as they change.
const FOLDED = [[/[\u2018\u2019\u201a\u201b\u2032]/g, "'"], [/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"'], [/[\u2010-\u2015\u2212]/g, "-"], [/\u00a0/g, " "], [/\u2026/g, "..."], [/[\u200b\u200c\u200d\u2060\ufeff]/g, ""]];

function fold(text) {
  let folded = FOLDED.reduce((value, [pattern, replacement]) => value.replace(pattern, replacement), text);
  folded = folded.split(/\s+/).filter(Boolean).join(" ").replace(/\s*-+\s*/g, "-");
  return folded.replace(/^[ "']+|[ "']+$/g, "").toLowerCase();
}

function blockText(block) {
  let text = "";
  block.descendants((node) => {
    if (node.type.name === "footnote") return false;
    if (node.isText) text += node.text;
    else if ((node.isBlock || node.type.name === "hardBreak") && text) text += " ";
    return true;
  });
  return fold(text);
}

function passagePattern(quote) {
  const needle = fold(quote);
  return needle ? new RegExp(`(?<![\\p{L}\\p{N}_])${needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}_])`, "u") : null;
}

function formQuotes(form) {
  const quotes = [];
  form.querySelectorAll("[name^='pull_quotes-'][name$='-text']").forEach((field) => {
    const prefix = field.name.slice(0, -"text".length);
    const deleted = form.querySelector(`[name='${prefix}DELETE']`);
    if (!field.value.trim() || prefix.includes("__prefix__") || (deleted && deleted.checked)) return;
    const after = form.querySelector(`[name='${prefix}after_paragraph']`);
    const order = form.querySelector(`[name='${prefix}order']`);
    quotes.push({ text: field.value.trim(), after: after ? after.value : "", order: Number(order ? order.value : 0) || 0 });
  });
  return quotes.sort((a, b) => a.order - b.order);
}

function placeQuotes(doc, quotes) {
  const blocks = [];
  doc.forEach((node) => blocks.push(node));
  const texts = blocks.map(blockText);
  const joined = texts.join(" ");
  const ends = [];
  texts.reduce((end, text) => (ends.push(end + text.length + 1), end + text.length + 1), 0);
  return quotes.map((quote) => {
    let after;
    if (quote.after === "") {
      const pattern = passagePattern(quote.text);
      const index = pattern ? texts.findIndex((text) => pattern.test(text)) : -1;
      if (index >= 0) after = index + 1;
      else {
        const match = pattern && pattern.exec(joined);
        after = match ? ends.findIndex((end) => end >= match.index + match[0].length + 1) + 1 : blocks.length;
      }
    } else {
      after = Math.min(Number(quote.after), blocks.length);
    }
    const pos = blocks.slice(0, after).reduce((size, block) => size + block.nodeSize, 0);
    return { ...quote, pos };
  });
}

export const PullQuotePreview = Extension.create({
  name: "pullQuotePreview",
  addDecorations() {
    return {
      create: ({ state }) => {
        const form = this.editor.options.element.closest("form");
        if (!form) return [];
        return placeQuotes(state.doc, formQuotes(form)).map(
          (quote, index) =>
            new WidgetDecoration(
              quote.pos,
              () => {
                const aside = document.createElement("aside");
                aside.className = "editor-pull-quote";
                aside.contentEditable = "false";
                aside.textContent = quote.text;
                aside.title = "Pull quote: edit it in the Pull quotes rows below";
                return aside;
              },
              `pull-quote-${index}-${quote.text}`,
              { side: 1, ignoreSelection: true },
            ),
        );
      },
    };
  },
  onCreate() {
    const refresh = () => {
      if (this.editor.isDestroyed) return;
      this.editor.view.dispatch(this.editor.state.tr.setMeta(DECORATION_MANAGER_PLUGIN_KEY, { type: "force", name: this.name }));
    };
    const form = this.editor.options.element.closest("form");
    if (!form) return;
    const isQuoteField = (event) => /^pull_quotes-\d+-(text|after_paragraph|order|DELETE)$/.test(event.target.name || "");
    form.addEventListener("input", (event) => isQuoteField(event) && refresh());
    form.addEventListener("change", (event) => isQuoteField(event) && refresh());
    document.addEventListener("formset:removed", refresh);
    refresh();
  },
});

// A figure: an image uploaded from here or chosen among those uploaded before (the admin's
// figures endpoint, passed in as the extension's options), with a caption. The page
// serves it as renditions with the image's description and credit (blog.models.figures).
const FIGURE_DIALOG = `<form method="dialog">
  <h3 class="prose-editor-dialog-title">Add an image</h3>
  <div class="prose-editor-dialog-field"><label for="figure-existing">An image uploaded before</label>
    <select id="figure-existing"><option value="">None: upload a new one</option></select></div>
  <fieldset class="figure-dialog__upload"><legend>Or upload a new image</legend>
    <div class="prose-editor-dialog-field"><label for="figure-file">Image file (JPEG, PNG or WebP)</label>
      <input id="figure-file" type="file" accept="image/jpeg,image/png,image/webp"></div>
    <div class="prose-editor-dialog-field"><label for="figure-description">Description, for readers who cannot see it</label>
      <input id="figure-description" type="text" maxlength="300"></div>
    <div class="prose-editor-dialog-field"><label for="figure-credit">Credit</label>
      <input id="figure-credit" type="text" maxlength="200" placeholder="Photo: Agency"></div>
  </fieldset>
  <div class="prose-editor-dialog-field"><label for="figure-caption">Caption</label>
    <input id="figure-caption" type="text"></div>
  <p class="figure-dialog__error" role="alert"></p>
  <div class="prose-editor-dialog-buttons"><button type="submit">Insert image</button>
    <button type="button" class="figure-dialog__cancel">Cancel</button></div>
</form>`;

async function chooseFigure(editor, endpoint) {
  const dialog = document.createElement("dialog");
  dialog.className = "prose-editor-dialog figure-dialog";
  dialog.innerHTML = FIGURE_DIALOG;
  editor.view.dom.parentElement.append(dialog);
  const field = (id) => dialog.querySelector(`#figure-${id}`);
  const error = dialog.querySelector(".figure-dialog__error");
  const figures = new Map();
  dialog.showModal();
  dialog.addEventListener("close", () => dialog.remove());
  dialog.querySelector(".figure-dialog__cancel").addEventListener("click", () => dialog.close());
  const listed = await fetch(endpoint, { headers: { Accept: "application/json" } }).then((r) => (r.ok ? r.json() : { figures: [] }));
  for (const figure of listed.figures) {
    figures.set(String(figure.image), figure);
    const option = document.createElement("option");
    option.value = figure.image;
    option.textContent = figure.credit ? `${figure.alt} (${figure.credit})` : figure.alt;
    field("existing").append(option);
  }
  dialog.querySelector("form").addEventListener("submit", async (event) => {
    event.preventDefault();
    let figure = figures.get(field("existing").value);
    if (!figure) {
      const file = field("file").files[0];
      const description = field("description").value.trim();
      if (!file || !description) {
        error.textContent = file ? "Describe the image for readers who cannot see it." : "Choose an image, or a file to upload.";
        return;
      }
      const data = new FormData();
      data.append("image", file);
      data.append("description", description);
      data.append("credit", field("credit").value.trim());
      const token = document.querySelector("input[name=csrfmiddlewaretoken]");
      const response = await fetch(endpoint, { method: "POST", body: data, headers: { "X-CSRFToken": token ? token.value : "" } });
      const answer = await response.json().catch(() => ({ errors: { image: ["The upload failed; try again."] } }));
      if (!response.ok) {
        error.textContent = Object.values(answer.errors || {}).flat().join(" ");
        return;
      }
      figure = answer.figure;
    }
    const { credit, ...attrs } = figure;
    dialog.close();
    insertBlock(editor, { type: "figureImage", attrs: { ...attrs, caption: field("caption").value.trim() } });
  });
}

export const FigureImage = Node.create({
  name: "figureImage",
  group: "block",
  atom: true,
  draggable: true,
  addOptions() {
    return { endpoint: "" };
  },
  addAttributes() {
    return { image: { default: null }, src: { default: null }, alt: { default: "" }, width: { default: null }, height: { default: null }, caption: { default: "" } };
  },
  parseHTML() {
    return [
      {
        tag: "figure.image",
        getAttrs: (figure) => {
          const image = figure.querySelector(":scope > img[data-image]");
          if (!image) return false;
          const caption = figure.querySelector(":scope > figcaption");
          const read = (name) => image.getAttribute(name);
          return { image: read("data-image"), src: read("src"), alt: read("alt") || "", width: read("width"), height: read("height"), caption: caption ? caption.textContent : "" };
        },
      },
    ];
  },
  renderHTML({ node }) {
    const { image, src, alt, width, height, caption } = node.attrs;
    const img = ["img", { src, alt, width, height, "data-image": image }];
    return caption ? ["figure", { class: "image" }, img, ["figcaption", {}, caption]] : ["figure", { class: "image" }, img];
  },
  addCommands() {
    return {
      addFigure:
        () =>
        ({ editor }) => {
          chooseFigure(editor, this.options.endpoint);
          return true;
        },
    };
  },
  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "figureImage",
      groups: "nodes",
      button: buttons.text("Image", "Add an image"),
      command(editor) {
        editor.commands.addFigure();
      },
    });
    menu.defineItem({
      name: "figureCaption",
      groups: "nodes",
      button: buttons.text("Caption", "Image caption"),
      command(editor) {
        editFigureCaption(editor);
      },
      hidden: (editor) => !editor.isActive("figureImage"),
    });
  },
  // Double-clicking an image edits its caption; its description and credit belong to the
  // image wherever it is used (Commentary → Figure images).
  addProseMirrorPlugins() {
    const editor = this.editor;
    return [
      new Plugin({
        props: {
          handleDoubleClickOn(view, pos, node) {
            if (node.type.name !== "figureImage") return false;
            editor.commands.setNodeSelection(pos);
            editFigureCaption(editor);
            return true;
          },
        },
      }),
    ];
  },
});

function editFigureCaption(editor) {
  const current = editor.getAttributes("figureImage").caption || "";
  updateAttrsDialog({ caption: text("Image caption") }, { title: "Image caption", submitText: "Set caption" })(editor, {
    caption: current,
  }).then((result) => {
    if (result) editor.chain().focus().updateAttributes("figureImage", { caption: result.caption.trim() }).run();
  });
}

// The editing area is named by the field's label, as the textarea it stands for was, and
// clicking the label puts the cursor in it.
export const EditorLabel = Extension.create({
  name: "editorLabel",
  onCreate() {
    const area = this.editor.view.dom;
    const textarea = this.editor.options.element.querySelector("textarea");
    const label = textarea && textarea.id && document.querySelector(`label[for="${textarea.id}"]`);
    area.setAttribute("aria-multiline", "true");
    if (label) {
      label.id = label.id || `${textarea.id}-label`;
      area.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", () => this.editor.commands.focus());
    }
    const help = textarea && textarea.getAttribute("aria-describedby");
    if (help) area.setAttribute("aria-describedby", help);
  },
});

// Word writes a list item as <p style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">·
// </span>Text</p>; the marker tells a bulleted list from a numbered one.
const WORD_BULLETS = /^[·•▪◦o§\-–]$/;

function wordLists(doc) {
  const items = Array.from(doc.querySelectorAll("p")).filter((p) => /mso-list:\s*l\d/i.test(p.getAttribute("style") || ""));
  // The open lists, outermost first: Word's "level2" paragraph goes in a list inside the
  // last item of the "level1" list before it.
  let lists = [];
  for (const p of items) {
    const style = p.getAttribute("style") || "";
    const level = Math.max(1, Number((style.match(/level(\d+)/i) || [])[1] || 1));
    const ignore = p.querySelector("[style*='mso-list:Ignore'], [style*='mso-list: Ignore']");
    const marker = ignore ? ignore.textContent.replace(/\s+/g, "") : "";
    if (ignore) ignore.remove();
    const kind = WORD_BULLETS.test(marker) ? "ul" : "ol";
    // Consecutive list paragraphs make one list; any other paragraph ends it.
    if (!lists.length || p.previousElementSibling !== lists[0]) lists = [];
    lists = lists.slice(0, level);
    if (lists.length === level && lists[level - 1].localName !== kind) lists = lists.slice(0, level - 1);
    while (lists.length < level) {
      const list = doc.createElement(kind);
      const parent = lists[lists.length - 1];
      if (!parent) {
        p.before(list);
      } else {
        if (!parent.lastElementChild) parent.append(doc.createElement("li"));
        parent.lastElementChild.append(list);
      }
      lists.push(list);
    }
    const item = doc.createElement("li");
    const paragraph = doc.createElement("p");
    paragraph.append(...p.childNodes);
    item.append(paragraph);
    lists[level - 1].append(item);
    p.remove();
  }
}

// Page furniture and form controls are not part of a text; their words would be left behind.
const NOISE = "script, style, meta, link, title, xml, o\\:p, button, input, select, textarea, form, nav, iframe, object, embed, svg, canvas, noscript, template";

function rename(element, name) {
  const renamed = element.ownerDocument.createElement(name);
  renamed.append(...element.childNodes);
  element.replaceWith(renamed);
}

// Lists a program wrote as one list per item (Word for the web) become one list again.
function joinLists(doc) {
  doc.querySelectorAll("ul, ol").forEach((list) => {
    let next = list.nextSibling;
    while (next && next.nodeType === 3 && !next.data.trim()) next = next.nextSibling;
    if (next && next.nodeType === 1 && next.localName === list.localName && list.isConnected) {
      next.prepend(...list.childNodes);
      list.remove();
    }
  });
}

// Google Docs and Word for the web write bold and italic as styles on spans: made into
// <strong> and <em> before styles are dropped. A <b> styled "not bold" is only a wrapper.
function styledMarks(doc) {
  doc.querySelectorAll("[style]").forEach((element) => {
    const weight = element.style.fontWeight;
    const bold = /^(bold|bolder|[6-9]00)$/.test(weight);
    const italic = element.style.fontStyle === "italic";
    if (["b", "strong"].includes(element.localName) && /^(normal|[1-4]00)$/.test(weight)) {
      element.replaceWith(...element.childNodes);
      return;
    }
    for (const [on, name] of [[italic, "em"], [bold, "strong"]]) {
      if (on && element.localName !== name && !/^h\d$/.test(element.localName)) {
        const mark = doc.createElement(name);
        mark.append(...element.childNodes);
        element.append(mark);
      }
    }
  });
}

// What a body keeps of an element's attributes; classes, styles, ids and data are the
// program's, not the text's (a footnote's class is the one class a body has).
const KEPT_ATTRIBUTES = new Set(["href", "title", "cite", "start", "type", "colspan", "rowspan", "scope"]);

function plainAttributes(doc) {
  doc.body.querySelectorAll("*").forEach((element) => {
    for (const { name } of Array.from(element.attributes)) {
      const footnote = name === "class" && element.matches("span.footnote");
      if (!KEPT_ATTRIBUTES.has(name) && !footnote) element.removeAttribute(name);
    }
  });
}

// A table cell holds a line of text: its paragraphs become lines.
function cellParagraphs(doc) {
  doc.querySelectorAll("td, th").forEach((cell) => {
    cell.querySelectorAll("p").forEach((paragraph, index) => {
      if (index) paragraph.prepend(doc.createElement("br"));
      paragraph.replaceWith(...paragraph.childNodes);
    });
  });
}

function cleanPastedHTML(html) {
  const doc = new DOMParser().parseFromString(html, "text/html");
  doc.querySelectorAll(NOISE).forEach((element) => element.remove());
  wordLists(doc);
  // A division carries no meaning in a body; what it holds does.
  doc.querySelectorAll("div").forEach((div) => div.replaceWith(...div.childNodes));
  joinLists(doc);
  // The page's title is the post's title: a document's top heading is a section heading.
  doc.querySelectorAll("h1").forEach((heading) => rename(heading, "h2"));
  doc.querySelectorAll("h5, h6").forEach((heading) => rename(heading, "h4"));
  styledMarks(doc);
  cellParagraphs(doc);
  plainAttributes(doc);
  // Google Docs wraps everything in <b style="font-weight:normal" id="docs-internal-guid…">.
  doc.querySelectorAll("b[id^='docs-internal-guid']").forEach((wrapper) => wrapper.replaceWith(...wrapper.childNodes));
  // Empty paragraphs are how word processors make space; the page has its own.
  doc.querySelectorAll("p, h1, h2, h3, h4, h5, h6").forEach((block) => {
    if (!block.textContent.replace(/[\s\u00a0\u200b]/g, "") && !block.querySelector("img")) block.remove();
  });
  doc.querySelectorAll("br").forEach((br) => {
    const parent = br.parentElement;
    if (parent && parent.localName === "body") br.remove();
  });
  return doc.body.innerHTML;
}

export const PasteCleanup = Extension.create({
  name: "pasteCleanup",
  addProseMirrorPlugins() {
    return [
      new Plugin({
        props: {
          transformPastedHTML: cleanPastedHTML,
        },
      }),
    ];
  },
});

// "www.example.org" and "example.org/report" are addresses without their scheme.
const BARE_DOMAIN = /^(?!mailto:|https?:|\/|#)[\w-]+(\.[\w-]+)+(\/\S*)?$/i;

// An address on our own site, a web address with a host name, or an e-mail address: as
// USABLE_ADDRESS in blog/links.py.
const USABLE_ADDRESS = /^(?:#\S*|\/(?!\/)\S*|https?:\/\/[\w-]+(?:\.[\w-]+)+(?::\d+)?(?:[/?#]\S*)?|mailto:[^\s@/]+@[\w-]+(?:\.[\w-]+)+)$/i;
const isUsableAddress = (address) => BARE_DOMAIN.test(address.trim()) || USABLE_ADDRESS.test(address.trim());

// Tiptap writes an empty address for one whose scheme it does not know ("htp://…"), so what
// the editor typed was lost without a word. Every address is kept as typed but a script's;
// LinkScheme marks one readers could not follow, and saving the post names it.
const SCRIPT_ADDRESS = /^(javascript|vbscript|data):/i;
const keepAddress = (address) => !SCRIPT_ADDRESS.test((address || "").replace(/[\u0000-\u0020]/g, ""));

export const Link = BaseLink.extend({
  addOptions() {
    return { ...this.parent?.(), isAllowedUri: keepAddress };
  },
});

export const LinkScheme = Extension.create({
  name: "linkScheme",
  addProseMirrorPlugins() {
    const linkType = this.editor.schema.marks.link;
    return [
      new Plugin({
        appendTransaction(transactions, oldState, newState) {
          if (!linkType || !transactions.some((tr) => tr.docChanged)) return null;
          let tr = null;
          newState.doc.descendants((node, pos) => {
            for (const mark of node.marks) {
              if (mark.type === linkType && BARE_DOMAIN.test(mark.attrs.href || "")) {
                tr = tr || newState.tr;
                const fixed = linkType.create({ ...mark.attrs, href: `https://${mark.attrs.href}` });
                tr.removeMark(pos, pos + node.nodeSize, mark).addMark(pos, pos + node.nodeSize, fixed);
              }
            }
          });
          return tr;
        },
        // A link readers could not follow is marked where it stands, and named; saving
        // the post says the same (blog/links.py, by the same rule).
        props: {
          decorations(state) {
            const marked = [];
            state.doc.descendants((node, pos) => {
              const link = node.isText && node.marks.find((mark) => mark.type === linkType);
              if (link && !isUsableAddress(link.attrs.href || "")) {
                marked.push(
                  pm.view.Decoration.inline(pos, pos + node.nodeSize, {
                    class: "link-unusable",
                    title: `Not a web or e-mail address: “${link.attrs.href || ""}”. Select the link, then Ctrl+K.`,
                  }),
                );
              }
            });
            return pm.view.DecorationSet.create(state.doc, marked);
          },
        },
      }),
    ];
  },
});
