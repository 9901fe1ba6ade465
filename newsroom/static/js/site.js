// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // "Back to top": without JS it is a plain link to #top. With JS it floats in
  // the corner once the reader has scrolled, and returns focus to the page top
  // so keyboard and screen-reader users land where sighted readers do.
  enhanceCommentForm();

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

  // "Leave a Reply": without JS, reply links reload the page with ?replyto=ID.
  // With JS the form moves under the comment being answered, and the time the
  // reader spent before posting is sent along (bots post within a second).
  function enhanceCommentForm() {
    var respond = document.querySelector("[data-comment-respond]");
    var form = document.getElementById("commentform");
    if (!respond || !form) return;
    var opened = Date.now();
    // After a post with errors the page comes back with the time already spent
    // writing (the shared page has none): count on from it, or the corrected
    // comment would look written in two seconds, like a bot's.
    var before = parseFloat(form.elements.elapsed.value) || 0;
    form.addEventListener("submit", function () {
      form.elements.elapsed.value = (before + (Date.now() - opened) / 1000).toFixed(1);
    });
    var home = document.createElement("div");
    respond.parentNode.insertBefore(home, respond);
    var title = document.getElementById("reply-title");
    var titleText = title.firstChild;
    var cancel = document.getElementById("cancel-comment-reply-link");
    var original = (title.dataset.defaultTitle || titleText.textContent.trim()) + " ";
    var template = form.dataset.replyTemplate || "Leave a Reply to %s";
    var replyTo = function (id, name, focus) {
      var comment = document.getElementById("comment-" + id);
      if (!comment) return;
      comment.querySelector(".comment__body").after(respond);
      form.elements.parent.value = id;
      titleText.textContent = template.replace("%s", name) + " ";
      cancel.hidden = false;
      if (focus) form.elements.body.focus();
    };
    document.querySelectorAll(".comment-reply-link").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        replyTo(link.dataset.replyto, link.dataset.name, true);
      });
    });
    // A page opened with ?replyto=ID (or shown again after an error) is already a reply.
    var current = form.elements.parent.value;
    var currentLink = current && document.querySelector('.comment-reply-link[data-replyto="' + current + '"]');
    if (currentLink) replyTo(current, currentLink.dataset.name, false);
    cancel.addEventListener("click", function (event) {
      event.preventDefault();
      home.after(respond);
      form.elements.parent.value = "";
      titleText.textContent = original;
      cancel.hidden = true;
    });
  }
})();
