/*
 * Embedded videos and charts load only when the reader asks: until then the page shows a
 * titled link, and no request goes to the provider (blog/embeds.py). The button that loads
 * the player is shown only where this script runs.
 */
(function () {
  "use strict";

  function load(figure) {
    var frame = document.createElement("iframe");
    frame.src = figure.getAttribute("data-embed-src");
    frame.title = figure.getAttribute("data-embed-title");
    frame.className = "embed__frame";
    frame.setAttribute("allow", "fullscreen; picture-in-picture");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-popups allow-presentation");
    figure.querySelector(".embed__note").replaceWith(frame);
    frame.focus();
  }

  document.querySelectorAll("figure.embed[data-embed-src]").forEach(function (figure) {
    var button = figure.querySelector(".embed__load");
    button.hidden = false;
    button.addEventListener("click", function () {
      load(figure);
    });
  });
})();
