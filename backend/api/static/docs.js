// The API reference: Swagger UI over /api/openapi.json, which needs a bearer token
// (kept for this tab only, in sessionStorage).
(function () {
  "use strict";
  var input = document.getElementById("token");
  var status = document.getElementById("status");
  function load(token) {
    status.textContent = "";
    window.ui = SwaggerUIBundle({
      url: "/api/openapi.json",
      dom_id: "#swagger-ui",
      requestInterceptor: function (req) {
        if (token) { req.headers.Authorization = "Bearer " + token; }
        return req;
      },
      onComplete: function () { status.textContent = "OK"; }
    });
  }
  document.getElementById("token-bar").addEventListener("submit", function (event) {
    event.preventDefault();
    sessionStorage.setItem("avisa-docs-token", input.value);
    load(input.value);
  });
  var saved = sessionStorage.getItem("avisa-docs-token");
  if (saved) { input.value = saved; load(saved); }
})();
