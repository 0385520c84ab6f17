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
    // Deep links put a link inside each operation's toggle button (nested interactive controls, WCAG 4.1.2).
    deepLinking: false,
    layout: "BaseLayout",
    presets: [window.SwaggerUIBundle.presets.apis],
    // Never send the "Try it out" calls to another host, and never load a document named in the address bar.
    queryConfigEnabled: false,
    validatorUrl: null,
    tryItOutEnabled: false,
  });

  // Swagger UI renders parts that need a name or keyboard access (WCAG 2.1 AA): name each parameter's select after
  // its parameter, and let keyboard users scroll the example blocks. It re-renders as operations open, so watch.
  function mend() {
    root.querySelectorAll("tr[data-param-name] select:not([aria-label])").forEach(function (select) {
      select.setAttribute("aria-label", select.closest("tr").getAttribute("data-param-name"));
    });
    root.querySelectorAll(".highlight-code > pre:not([tabindex]), .microlight:not([tabindex])").forEach(function (block) {
      block.setAttribute("tabindex", "0");
    });
  }
  new MutationObserver(mend).observe(root, { childList: true, subtree: true });
})();
