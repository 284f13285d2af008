// Live reload for `epistola serve` only: the server adds this script to the pages it
// serves; published builds never include it. It polls a small status file, reloads the
// page after a good rebuild and shows the problems of a failed one over the page.
(function () {
  "use strict";
  var shown = null;
  var overlay = null;

  function showProblems(lines) {
    if (!lines.length) {
      if (overlay) { overlay.remove(); overlay = null; }
      return;
    }
    if (!overlay) {
      overlay = document.createElement("pre");
      overlay.id = "epistola-problems";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;" +
        "margin:0;padding:1em;background:#2b0b0b;color:#ffd9d0;font:13px/1.4 monospace;" +
        "white-space:pre-wrap;z-index:2147483647;border-top:3px solid #e0533a";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "The last rebuild failed; this is the last good build.\n\n" +
      lines.join("\n");
  }

  function poll() {
    fetch("/__epistola/status", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (shown !== null && status.version !== shown) {
          location.reload();
          return;
        }
        shown = status.version;
        showProblems(status.problems);
      })
      .catch(function () { /* the server is restarting or stopped: try again */ })
      .finally(function () { setTimeout(poll, 500); });
  }
  poll();
})();
