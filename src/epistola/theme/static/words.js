/* epistola: the words of the theme's scripts in the page's language.
 *
 * The scripts write their words in English, as gettext("…") and ngettext("…", "…", n).
 * A page in another language carries their translations on an element as data-words
 * (see epistola/core/lang/scripts.py): each English message with its translation, or, for a
 * count, its forms by plural category, chosen with Intl.PluralRules for the page's lang.
 * "%(name)s" in a message is filled from the values given.
 */
(function () {
  "use strict";

  var words = null;

  function translations() {
    if (words === null) {
      var holder = document.querySelector("[data-words]");
      words = holder ? JSON.parse(holder.dataset.words) : {};
    }
    return words;
  }

  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (all, name) { return String(values[name]); });
  }

  window.EpistolaWords = {
    gettext: function (message, values) {
      var found = translations()[message];
      return fill(typeof found === "string" ? found : message, values || {});
    },
    ngettext: function (one, other, count, values) {
      var forms = translations()[one] || { one: one, other: other };
      var kind = new Intl.PluralRules(document.documentElement.lang).select(count);
      return fill(forms[kind] || forms.other, Object.assign({ num: count }, values));
    }
  };
})();
