/*
 * Click the author's photo to set the focal point: the square crops of the author box and
 * directory are cut around it. The two number fields stay editable for keyboard users.
 */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var fieldX = document.getElementById("id_photo_focal_x");
    var fieldY = document.getElementById("id_photo_focal_y");
    var current = document.querySelector(".field-photo .file-upload a, .field-photo a[href]");
    if (!fieldX || !fieldY || !current) return;

    var frame = document.createElement("div");
    frame.className = "focal-point";
    var image = document.createElement("img");
    image.src = current.href;
    image.alt = "The current photo: click where the face is";
    var marker = document.createElement("span");
    marker.className = "focal-point__marker";
    frame.appendChild(image);
    frame.appendChild(marker);
    var row = fieldX.closest(".form-row") || fieldX.parentNode;
    row.parentNode.insertBefore(frame, row);

    function fraction(field) {
      var value = parseFloat(field.value);
      return isNaN(value) ? 0.5 : value; // 0 is a real edge, not "unset"
    }
    function place() {
      marker.style.left = fraction(fieldX) * 100 + "%";
      marker.style.top = fraction(fieldY) * 100 + "%";
    }
    frame.addEventListener("click", function (event) {
      var box = image.getBoundingClientRect();
      var x = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
      var y = Math.min(1, Math.max(0, (event.clientY - box.top) / box.height));
      fieldX.value = x.toFixed(3);
      fieldY.value = y.toFixed(3);
      place();
    });
    fieldX.addEventListener("input", place);
    fieldY.addEventListener("input", place);
    place();
  });
})();
