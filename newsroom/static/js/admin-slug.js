// The slug made from the headline as it is typed (Django's prepopulated_fields)
// is the one the server makes, articles/slugs.py's slugify_headline, step by
// step with its letter table: Django's own URLify spells some Russian letters
// otherwise, and cuts long slugs mid-word (issue 12).
(function () {
  var djangoURLify = window.URLify;
  var table;
  window.URLify = function (text, maxLength, allowUnicode) {
    var source = document.getElementById("slug-transliteration");
    if (allowUnicode || !source) return djangoURLify(text, maxLength, allowUnicode);
    table = table || JSON.parse(source.textContent);
    var spelled = Array.from(text.toLowerCase(), function (letter) {
      return Object.prototype.hasOwnProperty.call(table, letter) ? table[letter] : letter;
    }).join("");
    var ascii = spelled.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase();
    var slug = ascii
      .replace(/[^a-z0-9\s_\/-]/g, "")
      .replace(/[\s_\/-]+/g, "-")
      .replace(/^-+|-+$/g, "");
    if (slug.length <= maxLength) return slug;
    var cut = slug.slice(0, maxLength + 1);
    var lastHyphen = cut.slice(0, -1).lastIndexOf("-");
    if (cut.slice(-1) !== "-" && lastHyphen !== -1) cut = cut.slice(0, lastHyphen);
    return cut.slice(0, maxLength).replace(/^-+|-+$/g, "");
  };
})();
