// The ranked choices: htmx swaps the list in place after Up, Down or Remove. The button that was pressed is gone
// with the old list, so put the focus back on the same choice (its Up or Down button), or on the list when the
// choice was removed, and say the new order in the status line outside the list (a screen reader reads it out).
(function () {
  "use strict";
  var pressed = "";

  document.addEventListener("htmx:beforeRequest", function (event) {
    var element = event.detail.elt;
    pressed = element && element.closest && element.closest("#keuzes") ? element.value || "" : "";
  });

  document.addEventListener("htmx:afterSettle", function () {
    var list = document.getElementById("keuzes");
    if (!list || !pressed) return;
    var parts = pressed.split(":");
    var verb = parts[0];
    var pk = parts[1];
    pressed = "";
    var order = verb === "up" ? ["up", "down"] : verb === "down" ? ["down", "up"] : [];
    var target = null;
    for (var i = 0; i < order.length && !target; i++) {
      target = list.querySelector('button[value="' + order[i] + ":" + pk + '"]');
    }
    if (!target) {
      target = list;
    }
    target.focus();
    var status = document.getElementById("keuzes-status");
    if (status) {
      status.textContent = list.getAttribute("data-announce") || "";
    }
  });
})();
