/* epistola letter page: notes next to the text, keys for the next letter, copy buttons.
 *
 * Everything here only adds to a page that works by plain links: without this script a
 * marker jumps to its note in the list and the note's back link jumps back.
 * - A click on a marker opens a copy of its note beside the text: in the margin on wide
 *   screens, as a panel at the foot of the screen on narrow ones. Escape, the close
 *   button or a click elsewhere closes it, and focus goes back to the marker.
 * - ArrowLeft / ArrowRight (no modifier, not in a form field) open the previous / next
 *   letter, as the links with rel=prev / rel=next do.
 * - Each citation and BibTeX or CSL-JSON block gets a Copy button.
 */
(function () {
  "use strict";

  var gettext = window.EpistolaWords.gettext;

  var WIDE = window.matchMedia("(min-width: 75em)");
  var open = null; // { marker, box }

  function noteOf(marker) {
    return document.getElementById(decodeURIComponent(marker.hash.slice(1)));
  }

  /* The note's content without its back link, its citation block or any id. */
  function noteContent(item) {
    var copy = item.cloneNode(true);
    copy.querySelectorAll("[role=doc-backlink], .cite-note").forEach(function (el) { el.remove(); });
    copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    var content = document.createElement("div");
    content.className = "note-pop-body";
    content.append.apply(content, Array.from(copy.childNodes));
    return content;
  }

  function build(marker, item) {
    var number = item.id.replace(/^(note|app)-/, "");
    var textual = /^app-/.test(item.id); /* the apparatus: a, b, c */
    var box = document.createElement("aside");
    box.className = "note-pop";
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-labelledby", "note-pop-title");
    box.tabIndex = -1;
    var title = document.createElement("p");
    title.className = "note-pop-title";
    title.id = "note-pop-title";
    var words = { number: number };
    title.textContent = textual ? gettext("Textual note %(number)s", words) : gettext("Note %(number)s", words);
    var close = document.createElement("button");
    close.type = "button";
    close.className = "note-pop-close";
    close.textContent = gettext("Close");
    close.setAttribute("aria-label", textual ? gettext("Close textual note %(number)s", words) : gettext("Close note %(number)s", words));
    close.addEventListener("click", function () { closeNote(true); });
    var head = document.createElement("div");
    head.className = "note-pop-head";
    head.append(title, close);
    box.append(head, noteContent(item));
    return box;
  }

  function position(marker, box) {
    var text = marker.closest(".letter-text");
    box.classList.toggle("note-side", WIDE.matches && !!text);
    box.classList.toggle("note-panel", !(WIDE.matches && text));
    if (WIDE.matches && text) {
      var top = marker.getBoundingClientRect().top - text.getBoundingClientRect().top;
      box.style.top = Math.max(0, top - 8) + "px";
    } else {
      box.style.top = "";
    }
  }

  function openNote(marker) {
    var item = noteOf(marker);
    if (!item) return false;
    closeNote(false);
    var box = build(marker, item);
    var block = marker.closest("p, li, blockquote") || marker;
    block.insertAdjacentElement("afterend", box);
    position(marker, box);
    open = { marker: marker, box: box };
    box.focus({ preventScroll: WIDE.matches });
    return true;
  }

  function closeNote(restoreFocus) {
    if (!open) return;
    var was = open;
    open = null;
    var hadFocus = was.box.contains(document.activeElement);
    was.box.remove();
    if (restoreFocus || hadFocus) was.marker.focus({ preventScroll: true });
  }

  document.addEventListener("click", function (event) {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    var marker = event.target.closest && event.target.closest("a[role=doc-noteref]");
    if (marker) {
      var same = open && open.marker === marker;
      if (same) { closeNote(true); event.preventDefault(); return; }
      if (openNote(marker)) event.preventDefault();
      return;
    }
    if (open && !open.box.contains(event.target)) closeNote(false);
  });

  function inField(target) {
    return target.closest && target.closest("input, textarea, select, [contenteditable]");
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open) { closeNote(true); return; }
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.defaultPrevented) return;
    if (inField(event.target)) return;
    var rel = { ArrowLeft: "prev", ArrowRight: "next" }[event.key];
    var link = rel && document.querySelector("link[rel=" + rel + "]");
    if (link) { event.preventDefault(); window.location.href = link.href; }
  });

  WIDE.addEventListener("change", function () {
    if (open) position(open.marker, open.box);
  });

  /* Copy buttons: the clipboard where the browser allows it, else the text is selected. */
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");

  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function addCopyButton(element) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = gettext("Copy");
    button.addEventListener("click", function () {
      var text = element.textContent.trim();
      var done = function () { status.textContent = gettext("Copied."); button.textContent = gettext("Copied"); };
      var fallback = function () { select(element); status.textContent = gettext("Selected: press Ctrl+C or ⌘C to copy."); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, fallback);
      } else {
        fallback();
      }
    });
    element.insertAdjacentElement("afterend", button);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.body.append(status);
    document.querySelectorAll(".copyable").forEach(addCopyButton);
  });
})();
