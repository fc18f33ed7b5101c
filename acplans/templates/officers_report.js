// Filters and sorting run entirely in the page so the report works offline,
// from a shared drive or an email attachment. The filter state lives in the
// address's #fragment so a filtered view can be bookmarked or sent on.
(function () {
  "use strict";
  var text = document.getElementById("f-text");
  var kind = document.getElementById("f-kind");
  var sev = document.getElementById("f-sev");
  var unanswered = document.getElementById("f-unanswered");
  var sort = document.getElementById("f-sort");
  var count = document.getElementById("f-count");
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-filterable]"));

  function matches(el, q, k, s, u) {
    if (u && el.getAttribute("data-unanswered") !== "1") return false;
    if (Number(el.getAttribute("data-sev")) < s) return false;
    if (k && el.getAttribute("data-kinds").split(" ").indexOf(k) < 0) return false;
    if (q && el.textContent.toLowerCase().indexOf(q) < 0) return false;
    return true;
  }

  function sortKey(el, how) {
    var order = Number(el.getAttribute("data-order"));
    if (how === "sev") return [-Number(el.getAttribute("data-sev")), order];
    if (how === "deadline") return [el.getAttribute("data-deadline"), order];
    return [order];
  }

  function compare(a, b) {
    for (var i = 0; i < a.length; i++) {
      if (a[i] < b[i]) return -1;
      if (a[i] > b[i]) return 1;
    }
    return 0;
  }

  function reorder(how) {
    document.querySelectorAll(".cards").forEach(function (box) {
      var cards = Array.prototype.slice.call(box.querySelectorAll(":scope > [data-filterable]"));
      cards.sort(function (a, b) { return compare(sortKey(a, how), sortKey(b, how)); });
      var empty = box.querySelector(":scope > .empty");
      cards.forEach(function (c) { box.insertBefore(c, empty); });
    });
  }

  function saveState() {
    var p = new URLSearchParams();
    if (text.value) p.set("q", text.value);
    if (kind.value) p.set("kind", kind.value);
    if (sev.value !== "0") p.set("sev", sev.value);
    if (unanswered.checked) p.set("unanswered", "1");
    if (sort.value !== "order") p.set("sort", sort.value);
    var s = p.toString();
    history.replaceState(null, "", s ? "#" + s : location.pathname + location.search);
  }

  function loadState() {
    var h = location.hash.slice(1);
    if (h.indexOf("=") < 0) return;
    var p = new URLSearchParams(h);
    text.value = p.get("q") || "";
    if (p.get("kind")) kind.value = p.get("kind");
    if (p.get("sev")) sev.value = p.get("sev");
    unanswered.checked = p.get("unanswered") === "1";
    if (p.get("sort")) sort.value = p.get("sort");
  }

  function apply(save) {
    var q = text.value.trim().toLowerCase();
    var k = kind.value, s = Number(sev.value), u = unanswered.checked;
    var shown = 0;
    items.forEach(function (el) {
      var ok = matches(el, q, k, s, u);
      el.hidden = !ok;
      if (ok) shown++;
    });
    document.querySelectorAll(".finding").forEach(function (f) {
      f.classList.toggle("dim", !!k && f.getAttribute("data-kind") !== k);
    });
    document.querySelectorAll(".cards").forEach(function (box) {
      var empty = box.querySelector(":scope > .empty");
      if (empty) empty.hidden = !!box.querySelector(":scope > [data-filterable]:not([hidden])");
    });
    reorder(sort.value);
    count.textContent = "Showing " + shown + " of " + items.length + " items";
    if (save) saveState();
  }

  [text, kind, sev, unanswered, sort].forEach(function (el) {
    el.addEventListener(el === text ? "input" : "change", function () { apply(true); });
  });
  document.getElementById("f-reset").addEventListener("click", function () {
    text.value = ""; kind.value = ""; sev.value = "0"; unanswered.checked = false; sort.value = "order";
    apply(true);
  });
  document.querySelectorAll("[data-set-kind]").forEach(function (b) {
    b.addEventListener("click", function () {
      kind.value = b.getAttribute("data-set-kind");
      apply(true);
      var section = b.closest(".inspection");
      var first = section && section.querySelector(".cards > [data-filterable]:not([hidden])");
      if (first) first.scrollIntoView({ behavior: "smooth", block: "start" });
    });
  });
  loadState();
  apply(false);
})();
