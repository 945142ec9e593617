// Catalogue search in the browser (docs/search.md). Pages work without it.
//
// 1. Arrow keys: from a search box with data-results="ID", Down moves into the list of results
//    (the home page's instant results, the counter's procedure list), Up/Down move between
//    them, Escape goes back to the box. Enter opens the result, as any link.
// 2. A results list with data-search tells the server, when the page is left without opening a
//    result, that this query was not answered (only the words; counted, never who).
(function () {
  "use strict";

  function links(list) {
    return Array.prototype.slice.call(list.querySelectorAll("a[href]"));
  }

  document.addEventListener("keydown", function (event) {
    var box = event.target.closest && event.target.closest("[data-results]");
    if (box && event.key === "ArrowDown") {
      var list = document.getElementById(box.getAttribute("data-results"));
      var first = list && links(list)[0];
      if (first) { first.focus(); event.preventDefault(); }
      return;
    }
    var list = event.target.closest && event.target.closest("[data-results-of]");
    if (!list || ["ArrowDown", "ArrowUp", "Escape"].indexOf(event.key) < 0) { return; }
    var all = links(list);
    var at = all.indexOf(event.target);
    var input = document.getElementById(list.getAttribute("data-results-of"));
    event.preventDefault();
    if (event.key === "ArrowDown" && at < all.length - 1) { all[at + 1].focus(); }
    else if (event.key === "ArrowUp" && at > 0) { all[at - 1].focus(); }
    else if ((event.key === "ArrowUp" || event.key === "Escape") && input) { input.focus(); }
  });

  var results = document.querySelector("[data-search]");
  if (!results || !navigator.sendBeacon) { return; }
  var query = results.getAttribute("data-search");
  var answered = false;
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-result], a[data-same-search]");
    if (link) { answered = true; }
  });
  document.addEventListener("submit", function (event) {
    var box = event.target.querySelector && event.target.querySelector("[name=q]");
    if (box && box.value.trim() === query) { answered = true; } // the same search, other filters
  });
  window.addEventListener("pagehide", function () {
    if (answered) { return; }
    answered = true; // once, even if the page comes back from the back/forward cache
    var data = new FormData();
    data.append("q", query);
    navigator.sendBeacon(results.getAttribute("data-abandon-url"), data);
  });
}());
