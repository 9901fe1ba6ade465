// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // "Back to top": without JS it is a plain link to #top. With JS it floats in
  // the corner once the reader has scrolled, and returns focus to the page top
  // so keyboard and screen-reader users land where sighted readers do.
  var button = document.querySelector("[data-back-to-top]");
  if (!button) return;
  var toggle = function () {
    button.classList.toggle("is-visible", window.scrollY > window.innerHeight);
  };
  window.addEventListener("scroll", toggle, { passive: true });
  toggle();
  button.addEventListener("click", function (event) {
    event.preventDefault();
    var reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    window.scrollTo({ top: 0, behavior: reduce ? "auto" : "smooth" });
    var first = document.querySelector(".masthead__title");
    if (first) first.focus({ preventScroll: true });
    if (history.replaceState) history.replaceState(null, "", location.pathname + location.search);
  });
})();
