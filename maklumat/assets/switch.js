// Maklumat: the language switch keeps the reader on the same thing (maklumat/switch.py).
// Sections share their anchors across languages, so the switch carries #section along;
// a page reached by the switch without an exact counterpart (?nearest) says so in one line.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element && event.target.closest(".md-select__link[hreflang]");
    if (link && location.hash && link.href.indexOf("#") < 0) {
      link.href = link.href + location.hash;
    }
  }, true);
  function showNearest() {
    if (new URLSearchParams(location.search).has("nearest")) {
      document.querySelectorAll(".mk-nearest").forEach(function (note) { note.hidden = false; });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showNearest);
  } else {
    showNearest();
  }
})();
