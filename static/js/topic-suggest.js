/*
 * The topics field as chips: each topic of the post is a chip with a button that removes
 * it, in the order the editor gave them; a new one is typed in the field and added with
 * Enter or a comma, or picked from the suggestions of existing topics, so editors reuse
 * “Central Asia” instead of creating “central asia” (arrow keys move, Enter or a click
 * picks, Escape closes).
 *
 * The form still sends the comma-separated field the server reads (blog.topics): the field
 * becomes hidden and the chips write it. Without JavaScript it is that field as it was.
 */
(function () {
  "use strict";

  // As blog.topics parses them: a name holding a comma is written in quotes.
  function parse(value) {
    var names = [];
    var pattern = /\s*(?:"([^"]*)"|([^,]+))\s*(?:,|$)/g;
    var match;
    while ((match = pattern.exec(value)) && match[0]) {
      var name = (match[1] !== undefined ? match[1] : match[2]).trim();
      if (name && names.indexOf(name) < 0) names.push(name);
    }
    return names;
  }

  function format(names) {
    return names.map(function (name) { return name.indexOf(",") >= 0 ? '"' + name + '"' : name; }).join(", ");
  }

  function setup(field) {
    var url = field.getAttribute("data-topic-suggest");
    var names = parse(field.value);
    var label = document.querySelector('label[for="' + field.id + '"]');

    var chips = document.createElement("ul");
    chips.className = "topic-chips";
    chips.setAttribute("aria-label", "Topics of this post");
    var input = document.createElement("input");
    input.type = "text";
    input.id = field.id + "-new";
    input.className = "topic-chips__input";
    input.setAttribute("autocomplete", "off");
    input.setAttribute("aria-describedby", field.getAttribute("aria-describedby") || "");
    var list = document.createElement("ul");
    list.className = "topic-suggest";
    list.id = field.id + "-suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    if (label) label.setAttribute("for", input.id);

    field.type = "hidden";
    field.after(chips, input, list);

    function write() {
      field.value = format(names);
      chips.innerHTML = "";
      names.forEach(function (name, index) {
        var chip = document.createElement("li");
        chip.className = "topic-chip";
        chip.textContent = name;
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "topic-chip__remove";
        remove.textContent = "×";
        remove.setAttribute("aria-label", "Remove the topic " + name);
        remove.addEventListener("click", function () {
          names.splice(index, 1);
          write();
          input.focus();
        });
        chip.appendChild(remove);
        chips.appendChild(chip);
      });
      chips.hidden = names.length === 0;
    }

    function add(name) {
      name = name.replace(/^"|"$/g, "").trim();
      if (name && names.indexOf(name) < 0) names.push(name);
      input.value = "";
      close();
      write();
    }

    var active = -1;
    var timer = null;
    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }
    function highlight(index) {
      var items = list.querySelectorAll("li");
      items.forEach(function (item, i) { item.setAttribute("aria-selected", String(i === index)); });
      active = index;
      if (items[index]) input.setAttribute("aria-activedescendant", items[index].id);
    }
    function show(found) {
      list.innerHTML = "";
      found.filter(function (name) { return names.indexOf(name) < 0; }).forEach(function (name, i) {
        var item = document.createElement("li");
        item.id = list.id + "-" + i;
        item.setAttribute("role", "option");
        item.textContent = name;
        item.addEventListener("mousedown", function (event) { event.preventDefault(); add(name); });
        list.appendChild(item);
      });
      var any = list.children.length > 0;
      list.hidden = !any;
      input.setAttribute("aria-expanded", String(any));
      active = -1;
    }

    input.addEventListener("input", function () {
      // A comma ends a topic, as in the plain field; a pasted list adds each of its names.
      if (input.value.indexOf(",") >= 0) {
        var typed = parse(input.value);
        var last = /,\s*$/.test(input.value) ? "" : typed.pop() || "";
        typed.forEach(function (name) { if (names.indexOf(name) < 0) names.push(name); });
        write();
        input.value = last;
      }
      clearTimeout(timer);
      var term = input.value.trim();
      if (!term) { close(); return; }
      timer = setTimeout(function () {
        fetch(url + "?q=" + encodeURIComponent(term), { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : { topics: [] }; })
          .then(function (data) { show(data.topics || []); })
          .catch(close);
      }, 150);
    });
    input.addEventListener("keydown", function (event) {
      var items = list.querySelectorAll("li");
      if (event.key === "Enter") {
        event.preventDefault();  // never submits the form half-typed
        if (!list.hidden && active >= 0) add(items[active].textContent);
        else add(input.value);
      } else if (event.key === "Backspace" && !input.value && names.length) {
        names.pop();
        write();
      } else if (!list.hidden && items.length && event.key === "ArrowDown") {
        event.preventDefault();
        highlight((active + 1) % items.length);
      } else if (!list.hidden && items.length && event.key === "ArrowUp") {
        event.preventDefault();
        highlight((active - 1 + items.length) % items.length);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
    // A name typed but not yet added is a topic all the same when the post is saved.
    field.form.addEventListener("submit", function () { if (input.value.trim()) add(input.value); });
    write();
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-topic-suggest]"), setup);
  });
})();
