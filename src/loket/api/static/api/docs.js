/* Starts Swagger UI on the API documentation page. The document's URL comes from a data attribute, so the page
   needs no inline script. */
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: root.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    layout: "BaseLayout",
    presets: [window.SwaggerUIBundle.presets.apis],
    // Never send the "Try it out" calls to another host, and never load a document named in the address bar.
    queryConfigEnabled: false,
    validatorUrl: null,
    tryItOutEnabled: false,
  });
})();
