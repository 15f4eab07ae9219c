/*
 * select2 names its box by the text shown in it, and reads as unnamed while that text is
 * blank; a screen reader then announces an input with no name. Each box takes the name of
 * the field it stands for: its label, or the name the server gave the select.
 */
(function () {
  "use strict";

  function fieldName(select) {
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    var text = label ? label.textContent : select.getAttribute("aria-label") || "";
    return text.replace(/:\s*$/, "").trim();
  }

  function nameBoxes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var container = select.nextElementSibling;
      var name = fieldName(select);
      if (!container || !name) {
        return;
      }
      container.querySelectorAll(".select2-selection, .select2-selection__rendered").forEach(
        function (box) {
          box.setAttribute("aria-label", name);
        }
      );
    });
  }

  // Whenever Django's autocomplete builds boxes: on DOM ready, which may come after the
  // page's load event, and for each new inline row.
  document.addEventListener("DOMContentLoaded", function () {
    new MutationObserver(function (changes) {
      if (changes.some(function (change) { return change.addedNodes.length; })) {
        nameBoxes();
      }
    }).observe(document.body, { childList: true, subtree: true });
    nameBoxes();
  });
})();
