// The rich-text editor replaces the body textarea, whose <label> then names
// nothing: give the editing surface the label's text (axe: "aria-input-field-name").
document.addEventListener("DOMContentLoaded", function () {
  var label = document.querySelector('label[for="id_body"]');
  var name = label ? label.textContent.replace(/[:*]/g, "").trim() : "Body";
  var attach = function () {
    var surface = document.querySelector(".field-body .ProseMirror");
    if (!surface) return false;
    surface.setAttribute("aria-label", name);
    return true;
  };
  if (!attach()) {
    var observer = new MutationObserver(function () {
      if (attach()) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }
});
