/* The /docs page: Swagger UI (served from this server, like every asset) over /openapi.json.
   A file of its own because the page's Content-Security-Policy allows no inline script. */
window.addEventListener("load", function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({ url: root.dataset.openapi, domNode: root, deepLinking: true });
});
