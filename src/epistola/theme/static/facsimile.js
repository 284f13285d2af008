/* epistola letter page: the writer's corrections remembered, and the facsimile viewer.
 *
 * Without this script the switch still shows the corrections (it is a checkbox that the
 * style sheet reads) and each page of the facsimile is a thumbnail linking to the whole
 * image. The script adds:
 * - the switch's choice kept for the next letter (localStorage);
 * - a deep-zoom viewer (OpenSeadragon, reading the static IIIF tiles) with buttons to
 *   turn the pages and zoom; a click on a page break in the text, or on a thumbnail,
 *   shows that page; on a wide screen the viewer follows the reading, showing the page
 *   of the last page break scrolled past; turning the page with the buttons, or a
 *   click on the image, scrolls the text to that page's break.
 */
(function () {
  "use strict";

  var KEY = "epistola-show-corrections";
  var toggle = document.getElementById("show-corrections");
  if (toggle) {
    try {
      var kept = window.localStorage.getItem(KEY);
      if (kept !== null) toggle.checked = kept === "1";
    } catch (e) { /* storage refused: the switch still works for this page */ }
    toggle.addEventListener("change", function () {
      try { window.localStorage.setItem(KEY, toggle.checked ? "1" : "0"); } catch (e) { /* ignore */ }
    });
  }

  var box = document.getElementById("facsimile-viewer");
  if (!box || typeof OpenSeadragon === "undefined") return;
  var items = Array.prototype.slice.call(document.querySelectorAll(".facsimile-pages li"));
  var controls = document.querySelector(".facsimile-controls");
  var status = controls.querySelector(".facsimile-status");
  var breaks = Array.prototype.slice.call(document.querySelectorAll(".letter-text a.pb[data-image]"));
  var sources = items.map(function (item) { return JSON.parse(item.getAttribute("data-tiles")); });
  var current = 0;

  box.hidden = false;
  controls.hidden = false;
  var viewer = OpenSeadragon({
    element: box,
    tileSources: sources,
    sequenceMode: true,
    showNavigationControl: false,
    showSequenceControl: false,
    showReferenceStrip: false,
    preserveViewport: false,
    visibilityRatio: 0.5,
    gestureSettingsMouse: { clickToZoom: false }
  });
  // The viewer's own surface takes the focus (and the keys: arrows move, + and - zoom),
  // so it is the image that screen readers name.
  var surface = viewer.canvas;
  surface.setAttribute("role", "img");

  function shown(index) {
    current = index;
    var item = items[index];
    items.forEach(function (other) { other.removeAttribute("aria-current"); });
    item.setAttribute("aria-current", "true");
    var description = item.getAttribute("data-description");
    surface.setAttribute("aria-label", description);
    status.textContent = "Page " + (index + 1) + " of " + items.length;
    controls.querySelector("[data-action=previous]").disabled = index === 0;
    controls.querySelector("[data-action=next]").disabled = index === items.length - 1;
  }

  function show(index) {
    if (index < 0 || index >= items.length) return;
    if (index !== viewer.currentPage()) viewer.goToPage(index);
    shown(index);
  }

  var ownScroll = 0; // until when scrolling is the script's own, not the reader's

  function textOf(index) {
    var found = breaks.filter(function (pb) { return Number(pb.getAttribute("data-image")) === index + 1; });
    if (!found.length) return;
    ownScroll = Date.now() + 600;
    found[0].scrollIntoView({ block: "start" });
  }

  viewer.addHandler("page", function (event) { shown(event.page); });
  // A click on the page (not a drag) shows its text.
  viewer.addHandler("canvas-click", function (event) { if (event.quick) textOf(current); });
  shown(0);

  var actions = {
    previous: function () { show(current - 1); textOf(current); },
    next: function () { show(current + 1); textOf(current); },
    "zoom-in": function () { viewer.viewport.zoomBy(1.5); viewer.viewport.applyConstraints(); },
    "zoom-out": function () { viewer.viewport.zoomBy(1 / 1.5); viewer.viewport.applyConstraints(); },
    home: function () { viewer.viewport.goHome(); }
  };
  controls.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-action]");
    if (button) actions[button.getAttribute("data-action")]();
  });

  breaks.forEach(function (pb) {
    pb.addEventListener("click", function (event) {
      event.preventDefault();
      show(Number(pb.getAttribute("data-image")) - 1);
      if (window.history.replaceState) window.history.replaceState(null, "", "#" + pb.id);
    });
  });
  items.forEach(function (item, index) {
    item.querySelector(".facsimile-full").addEventListener("click", function (event) {
      event.preventDefault();
      show(index);
      surface.focus();
    });
  });

  // On a wide screen, as the reader scrolls, the viewer shows the page of the last
  // break scrolled into the top third of the window.
  var wide = window.matchMedia("(min-width: 75em)");
  var waiting = false;
  function follow() {
    waiting = false;
    if (!wide.matches || Date.now() < ownScroll) return;
    var last = null;
    breaks.forEach(function (pb) {
      if (pb.getBoundingClientRect().top < window.innerHeight / 3) last = pb;
    });
    var index = last ? Number(last.getAttribute("data-image")) - 1 : 0;
    if (index !== current) show(index);
  }
  if (breaks.length) {
    window.addEventListener("scroll", function () {
      if (!waiting) { waiting = true; window.requestAnimationFrame(follow); }
    }, { passive: true });
  }
})();
