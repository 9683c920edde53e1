// searcher's web page: keys and the timeline's drag. Everything works without it; it adds no content.
"use strict";

(function () {
  function typing(target) {
    return target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable);
  }

  function hits() {
    return Array.prototype.slice.call(document.querySelectorAll(".hit"));
  }

  function moveTo(list, index) {
    list.forEach(function (hit) { hit.classList.remove("current"); });
    var hit = list[index];
    if (!hit) return;
    hit.classList.add("current");
    var link = hit.querySelector("a.hit-link");
    if (link) link.focus();
    hit.scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target)) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    if (event.key === "/") {
      var box = document.getElementById("q");
      if (box) { event.preventDefault(); box.focus(); box.select(); }
      return;
    }
    if (event.key === "j" || event.key === "k") {
      var list = hits();
      if (!list.length) return;
      var at = list.findIndex(function (hit) { return hit.classList.contains("current"); });
      var next = event.key === "j" ? Math.min(at + 1, list.length - 1) : Math.max(at - 1, 0);
      event.preventDefault();
      moveTo(list, at === -1 ? 0 : next);
    }
    // Enter on a focused hit's link follows it: the browser's own behaviour.
  });

  // Drag across the timeline's bars to narrow the dates to the periods covered.
  var chart = document.querySelector(".timeline svg");
  if (!chart) return;
  var bars = Array.prototype.slice.call(chart.querySelectorAll("a.bar"));
  var start = null;
  var dragged = false;

  function barAt(event) {
    var node = event.target;
    while (node && node !== chart) {
      if (node.classList && node.classList.contains("bar")) return node;
      node = node.parentNode;
    }
    return null;
  }

  function mark(from, to) {
    var a = bars.indexOf(from), b = bars.indexOf(to);
    var low = Math.min(a, b), high = Math.max(a, b);
    bars.forEach(function (bar, i) { bar.classList.toggle("selecting", i >= low && i <= high); });
  }

  chart.addEventListener("mousedown", function (event) {
    var bar = barAt(event);
    if (!bar) return;
    start = bar;
    dragged = false;
    event.preventDefault();
  });
  chart.addEventListener("mousemove", function (event) {
    if (!start) return;
    var bar = barAt(event);
    if (bar && bar !== start) dragged = true;
    if (bar) mark(start, bar);
  });
  document.addEventListener("mouseup", function (event) {
    if (!start) return;
    var end = barAt(event) || start;
    var from = start;
    start = null;
    if (!dragged || end === from) return;  // a click: the bar's own link
    var periods = [from.dataset.period, end.dataset.period].sort();
    var url = new URL(window.location.href);
    url.searchParams.set("since", periods[0]);
    url.searchParams.set("until", periods[1]);
    url.searchParams.delete("page");
    window.location.assign(url.toString());
  });
  chart.addEventListener("click", function (event) {
    if (dragged) { event.preventDefault(); dragged = false; }
  });
})();
