// Binds django-import-export's "Select all" toggle on the export page. The library's
// template used an onchange attribute, which the Content-Security-Policy blocks.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.getElementById("select-all-toggle");
  if (toggle && typeof onSelectToggleChange === "function") {
    toggle.addEventListener("change", onSelectToggleChange);
  }
});
