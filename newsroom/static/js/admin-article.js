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

// Tags are typed as "Baku, Transport": suggest existing tags for the word being
// typed, completing it in place, so the desk reuses tags instead of near-duplicates.
document.addEventListener("DOMContentLoaded", function () {
  var field = document.getElementById("id_tags");
  if (!field) return;
  var list = document.createElement("datalist");
  list.id = "tag-suggestions";
  field.after(list);
  field.setAttribute("list", list.id);
  field.setAttribute("autocomplete", "off");
  var url = field.closest("form").action.replace(/(add|\d+\/change)\/?(\?.*)?$/, "tags/");
  var pending;
  field.addEventListener("input", function () {
    clearTimeout(pending);
    pending = setTimeout(function () {
      var parts = field.value.split(",");
      var typed = parts.pop().trim();
      if (!typed) return;
      var head = parts.map(function (p) { return p.trim(); }).filter(Boolean);
      fetch(url + "?q=" + encodeURIComponent(typed), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { tags: [] }; })
        .then(function (data) {
          list.replaceChildren.apply(list, data.tags.map(function (name) {
            var option = document.createElement("option");
            option.value = head.concat([name]).join(", ");
            return option;
          }));
        });
    }, 150);
  });
});

// The edit lock runs out after a few minutes: renew it while the form is open,
// so others keep seeing that someone is working on the article.
document.addEventListener("DOMContentLoaded", function () {
  var lock = document.getElementById("edit-lock");
  if (!lock) return;
  var token = lock.closest("form").querySelector("[name=csrfmiddlewaretoken]");
  var seconds = parseInt(lock.dataset.seconds, 10) || 200;
  setInterval(function () {
    fetch(lock.dataset.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.value : "" },
    });
  }, seconds * 1000);
});

// When the browser's time zone differs from the newsroom's, Django's
// DateTimeShortcuts adds "Note: Enter times in the … timezone" under every date
// and time input: seven times on the article form. Keep the first (issue 11).
document.addEventListener("DOMContentLoaded", function () {
  var keepFirst = function () {
    var notes = document.querySelectorAll(".timezonewarning");
    for (var i = 1; i < notes.length; i++) notes[i].remove();
  };
  new MutationObserver(keepFirst).observe(document.body, { childList: true, subtree: true });
});
