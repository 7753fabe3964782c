/* Swagger UI draws some form fields with no label (the request body, say): give each one a name
   from what it is for, as soon as it appears, so screen readers can say what to type. */
(function () {
  function nameOf(field) {
    if (field.closest(".body-param")) return "Request body (JSON)";
    var row = field.closest("tr[data-param-name]");
    if (row) return row.getAttribute("data-param-name");
    if (field.closest(".response-control-media-type, .content-type-wrapper")) return "Media type";
    return field.getAttribute("placeholder") || "Value";
  }
  function label(root) {
    root.querySelectorAll("textarea, input, select").forEach(function (field) {
      if (field.labels && field.labels.length) return;
      if (field.getAttribute("aria-label") || field.getAttribute("aria-labelledby")) return;
      if (field.type === "hidden") return;
      field.setAttribute("aria-label", nameOf(field));
    });
  }
  var ui = document.getElementById("swagger-ui");
  new MutationObserver(function () { label(ui); }).observe(ui, { childList: true, subtree: true });
})();
