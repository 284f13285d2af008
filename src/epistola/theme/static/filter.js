/* epistola letters list: a filter over all letters, by correspondent, years, place of
 * writing and first words.
 *
 * The list pages (list/*.html) read fully without this script: the form stays hidden and
 * the page shows its year's letters. With it, the form appears; the data of every letter
 * (list/letters.js, a script because browsers refuse fetch() on file://) is loaded only
 * once the form is used or the address carries a filter. Each change narrows the list at
 * once, the live region says how many letters match, and the filter is kept in the
 * address (?who=…&from=…&to=…&place=…&words=…), so a filtered list can be linked and
 * reloaded. The data names its columns (`fields`), so a column added later is read by
 * name and older columns keep their meaning; the place field is there only when some
 * letter has a place of writing.
 */
(function () {
  "use strict";

  var gettext = window.EpistolaWords.gettext;
  var ngettext = window.EpistolaWords.ngettext;

  var PAGE = 100; // letters shown before "More letters"
  var PARAMS = ["who", "from", "to", "place", "words"];

  var data = null;
  var waiting = [];
  var requested = false;
  var shown = PAGE;

  window.EpistolaFilter = {
    letters: function (loaded) {
      data = prepare(loaded);
      waiting.forEach(function (done) { done(); });
      waiting = [];
    }
  };

  function words(text) {
    return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").match(/[\p{L}\p{N}]+/gu) || [];
  }

  /* The rows as records, each name and first line cut into words once. */
  function prepare(loaded) {
    var at = {};
    loaded.fields.forEach(function (name, i) { at[name] = i; });
    var names = loaded.names.map(function (name) { return { name: name, words: words(name) }; });
    var places = (loaded.places || []).map(function (place) { return { id: place[0], name: place[1] }; });
    var letters = loaded.letters.map(function (row) {
      return {
        number: row[at.number],
        year: parseInt(row[at.date].slice(0, 4), 10),
        label: row[at.label],
        from: [].concat(row[at.from]), /* one writer is a number, several a list */
        to: row[at.to],
        incipit: row[at.incipit],
        place: at.place === undefined ? null : row[at.place],
        words: words(row[at.incipit])
      };
    });
    return { names: names, places: places, letters: letters };
  }

  function load(els) {
    if (data) return Promise.resolve();
    return new Promise(function (resolve, reject) {
      waiting.push(resolve);
      if (requested) return;
      requested = true;
      els.status.textContent = gettext("Loading the list of all letters…");
      var script = document.createElement("script");
      script.src = "letters.js";
      script.onerror = function () { reject(new Error("cannot load " + script.src)); };
      document.head.appendChild(script);
    });
  }

  /* True if every word of `query` begins a word of `found`. */
  function allBegin(query, found) {
    return query.every(function (q) {
      return found.some(function (w) { return w.lastIndexOf(q, 0) === 0; });
    });
  }

  function wanted(els) {
    return {
      who: words(els.who.value),
      from: parseInt(els.from.value, 10) || null,
      to: parseInt(els.to.value, 10) || null,
      place: els.place && els.place.value ? els.place.value : null,
      words: words(els.words.value)
    };
  }

  function isEmpty(query) {
    return !query.who.length && !query.words.length && query.from === null &&
      query.to === null && query.place === null;
  }

  function matches(query) {
    var people = data.names.map(function (person) { return allBegin(query.who, person.words); });
    var place = query.place === null ? null :
      data.places.findIndex(function (found) { return found.id === query.place; });
    return data.letters.filter(function (letter) {
      if (place !== null && letter.place !== place) return false;
      if (query.from !== null && letter.year < query.from) return false;
      if (query.to !== null && letter.year > query.to) return false;
      if (query.who.length && !(letter.from.some(function (i) { return people[i]; }) || letter.to.some(function (i) { return people[i]; }))) return false;
      return !query.words.length || allBegin(query.words, letter.words);
    });
  }

  function cell(row, content) {
    var td = document.createElement("td");
    td.append(content);
    row.append(td);
  }

  function table(letters) {
    var out = document.createElement("table");
    out.className = "letter-list";
    var head = out.createTHead().insertRow();
    [gettext("No."), gettext("Date"), gettext("From → to"), gettext("Beginning")].forEach(function (title) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = title;
      head.append(th);
    });
    var body = out.createTBody();
    letters.forEach(function (letter) {
      var row = body.insertRow();
      var link = document.createElement("a");
      link.href = "../letters/" + letter.number + ".html";
      link.textContent = String(letter.number);
      cell(row, link);
      cell(row, letter.label);
      var named = function (i) { return data.names[i].name; };
      var to = letter.to.map(named).join(", ");
      var at = letter.place === null ? "" : ", " + gettext("at %(place)s", { place: data.places[letter.place].name });
      cell(row, letter.from.map(named).join(", ") + " → " + to + at);
      cell(row, letter.incipit);
    });
    return out;
  }

  function show(els) {
    var query = wanted(els);
    if (isEmpty(query)) {
      els.results.hidden = true;
      els.results.replaceChildren();
      els.more.hidden = true;
      els.list.hidden = false;
      els.status.textContent = data ? gettext("Showing the letters of this page; the filter is empty.") : "";
      return;
    }
    var found = matches(query);
    els.results.replaceChildren(table(found.slice(0, shown)));
    els.results.hidden = false;
    els.list.hidden = true;
    els.more.hidden = found.length <= shown;
    els.status.textContent = ngettext("%(num)s letter matches.", "%(num)s letters match.", found.length);
  }

  /* The filter into the address, so the list can be linked and reloaded as it is. */
  function remember(els) {
    var params = new URLSearchParams();
    PARAMS.forEach(function (name) {
      if (!els[name]) return;
      var value = els[name].value.trim();
      if (value) params.set(name, value);
    });
    var query = params.toString();
    try {
      history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
    } catch (e) {
      /* a browser may refuse to change the address of a page opened from disk */
    }
  }

  function update(els) {
    shown = PAGE;
    remember(els);
    return load(els).then(function () { show(els); }).catch(function (error) {
      els.status.textContent = gettext("The list of all letters could not be loaded (%(error)s).", { error: error.message });
    });
  }

  function start() {
    var form = document.getElementById("letter-filter");
    if (!form) return;
    var els = {
      form: form,
      who: document.getElementById("filter-who"),
      from: document.getElementById("filter-from"),
      to: document.getElementById("filter-to"),
      place: document.getElementById("filter-place"),
      words: document.getElementById("filter-words"),
      status: document.getElementById("filter-status"),
      results: document.getElementById("filter-results"),
      more: document.getElementById("filter-more"),
      list: document.getElementById("letter-list")
    };
    var params = new URLSearchParams(location.search);
    var given = false;
    PARAMS.forEach(function (name) {
      var value = params.get(name);
      if (value === null || !els[name]) return;
      given = true;
      els[name].value = value;
    });
    form.hidden = false;
    form.addEventListener("input", function () { update(els); });
    form.addEventListener("change", function () { update(els); });
    form.addEventListener("submit", function (event) { event.preventDefault(); update(els); });
    form.addEventListener("reset", function () {
      // The fields are emptied after this event; show the whole list once they are.
      setTimeout(function () { update(els); els.who.focus(); }, 0);
    });
    els.more.addEventListener("click", function () {
      shown += PAGE;
      show(els);
    });
    if (given) update(els);
  }

  document.addEventListener("DOMContentLoaded", start);
})();
