// Maklumat, for readers: the language switch keeps them on the same thing (maklumat/switch.py),
// and a comparison of two versions has a URL to share.
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

// A comparison has a URL to share: ?from=<version id>&to=<version id> on the history page,
// kept up to date when the reader compares and replayed when the page opens with it.
(function () {
  "use strict";
  var ID = /\/versions\/([0-9a-f]{12})\/$/;
  function idOf(select) { var m = ID.exec(new URL(select.value, location.href).pathname); return m && m[1]; }
  function choose(select, id) {
    for (var i = 0; i < select.options.length; i++) {
      if (ID.exec(new URL(select.options[i].value, location.href).pathname)?.[1] === id) { select.selectedIndex = i; return true; }
    }
    return false;
  }
  window.addEventListener("load", function () {
    var form = document.querySelector("form[data-mk-compare]");
    if (!form) return;
    form.addEventListener("submit", function () {
      var from = idOf(form.elements.old), to = idOf(form.elements["new"]);
      if (from && to) history.replaceState(null, "", "?from=" + from + "&to=" + to + "#compare");
    });
    var params = new URLSearchParams(location.search);
    if (params.has("from") && params.has("to") && !form.hidden &&
        choose(form.elements.old, params.get("from")) && choose(form.elements["new"], params.get("to"))) {
      form.requestSubmit();
    }
  });
})();
