// Starts Swagger UI with the settings the server put in #swagger-settings (no inline script,
// so a strict Content-Security-Policy keeps working).
(function () {
  "use strict";
  var settings = JSON.parse(document.getElementById("swagger-settings").textContent);
  settings.dom_id = "#swagger-ui";
  settings.presets = [SwaggerUIBundle.presets.apis];
  settings.plugins = [SwaggerUIBundle.plugins.DownloadUrl];
  settings.persistAuthorization = true;
  window.ui = SwaggerUIBundle(settings);
})();
