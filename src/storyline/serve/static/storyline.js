/* Storyline's only script of its own: progressive enhancement on top of htmx.
   - Sends the write token (typed on the ingest page, kept for this tab only) with htmx writes,
     which is how a browser passes `Authorization: Bearer` to a server open beyond 127.0.0.1.
   - Shows why a write was refused instead of failing silently. Text only, never HTML. */
(function () {
  "use strict";
  var KEY = "storyline-write-token";

  document.addEventListener("input", function (event) {
    if (event.target.id === "token") {
      sessionStorage.setItem(KEY, event.target.value);
    }
  });

  document.addEventListener("htmx:configRequest", function (event) {
    var token = sessionStorage.getItem(KEY);
    if (token && event.detail.verb !== "get") {
      event.detail.headers["Authorization"] = "Bearer " + token;
    }
  });

  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var reason = "the server answered " + xhr.status;
    try {
      reason = JSON.parse(xhr.responseText).detail || reason;
    } catch (ignored) { /* not JSON: keep the status */ }
    var notice = document.createElement("p");
    notice.className = "notice error";
    notice.setAttribute("role", "alert");
    notice.textContent = "Not done: " + reason;
    event.detail.target.replaceChildren(notice);
  });
})();
