/*
 * Suggestions of existing topics under the comma-separated topics field, so editors reuse
 * “Central Asia” instead of creating “central asia”. Arrow keys move, Enter or a click
 * picks, Escape closes; typing a new name still works.
 */
(function () {
  "use strict";

  function setup(input) {
    var url = input.getAttribute("data-topic-suggest");
    var list = document.createElement("ul");
    list.className = "topic-suggest";
    list.id = input.id + "-suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    input.parentNode.insertBefore(list, input.nextSibling);
    var active = -1;
    var timer = null;

    function current() {
      var parts = input.value.split(",");
      return parts[parts.length - 1].trim().replace(/^"|"$/g, "");
    }
    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }
    function choose(name) {
      var parts = input.value.split(",");
      parts[parts.length - 1] = " " + (name.indexOf(" ") >= 0 && name.indexOf(",") >= 0 ? '"' + name + '"' : name);
      input.value = parts.join(",").replace(/^\s+/, "") + ", ";
      close();
      input.focus();
    }
    function highlight(index) {
      var items = list.querySelectorAll("li");
      items.forEach(function (item, i) { item.setAttribute("aria-selected", String(i === index)); });
      active = index;
      if (items[index]) input.setAttribute("aria-activedescendant", items[index].id);
    }
    function show(names) {
      list.innerHTML = "";
      names.forEach(function (name, i) {
        var item = document.createElement("li");
        item.id = list.id + "-" + i;
        item.setAttribute("role", "option");
        item.textContent = name;
        item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(name); });
        list.appendChild(item);
      });
      list.hidden = names.length === 0;
      input.setAttribute("aria-expanded", String(names.length > 0));
      active = -1;
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var term = current();
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
      if (list.hidden || !items.length) return;
      if (event.key === "ArrowDown") { event.preventDefault(); highlight((active + 1) % items.length); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight((active - 1 + items.length) % items.length); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); choose(items[active].textContent); }
      else if (event.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-topic-suggest]"), setup);
  });
})();
