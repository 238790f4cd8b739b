/* The portal's only script: the large-font (适老化) toggle without a page load.
   Without JavaScript the same button submits to /large-font/, which sets the same cookie and comes back. */
(function () {
  "use strict";
  var form = document.querySelector("form.mode-toggle");
  if (!form) { return; }
  var button = form.querySelector("button");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var on = !document.documentElement.classList.contains("large");
    document.documentElement.classList.toggle("large", on);
    button.setAttribute("aria-pressed", on ? "true" : "false");
    var secure = window.location.protocol === "https:" ? "; Secure" : "";
    document.cookie = "gongkai_large=" + (on ? "1" : "0") + "; path=/; max-age=31536000; SameSite=Lax" + secure;
  });
})();
