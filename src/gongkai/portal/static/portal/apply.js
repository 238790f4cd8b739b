/* The application form: show only the applicant fieldset that applies, and focus the error summary.
   A file of its own, not an inline script: the Content-Security-Policy allows scripts from the site only. */
(function () {
  // Show only the applicant fieldset that applies; without JavaScript both stay visible.
  var radios = document.querySelectorAll("input[name=applicant_type]");
  function update() {
    var checked = document.querySelector("input[name=applicant_type]:checked");
    var kind = checked ? (checked.value === "natural_person" ? "person" : "organisation") : "";
    document.querySelectorAll("fieldset[data-for]").forEach(function (fs) { fs.hidden = kind !== "" && fs.dataset.for !== kind; });
  }
  radios.forEach(function (r) { r.addEventListener("change", update); });
  update();
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
