/* epistola search page.
 *
 * The index comes as script files (search/index/*.js), so the page works served and
 * opened from disk, where fetch() of JSON is refused. Each file calls EpistolaSearch:
 * manifest.js lists the shards and which terms files exist; a terms file
 * lists, for the words starting with the same two letters, the shards that hold them;
 * a shard holds the documents (paragraphs and notes) of a run of letters. A query loads
 * the terms files of its words, then only the shards holding every word, a few at a
 * time, and ranks their documents with MiniSearch. See the README for the design.
 */
(function () {
  "use strict";

  var gettext = window.EpistolaWords.gettext;
  var ngettext = window.EpistolaWords.ngettext;

  var BATCH = 4; // shards loaded at a time
  var PAGE = 20; // results shown before "More results"
  var CONTEXT = 90; // characters of context on each side of the first match

  var manifest = null;
  var loaded = { terms: {}, shard: {} };
  var waiting = { terms: {}, shard: {} };
  var engines = {};
  var current = null;
  var stem = function (word) { return word; }; // the language's stemmer, if the index names one

  function words(text) {
    return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").match(/[\p{L}\p{N}]+/gu) || [];
  }

  /* The words of `text` as the index holds them: cut and folded, then stemmed. */
  function stemmedWords(text) {
    return words(text).map(stem);
  }

  function hexPrefix(word) {
    var bytes = new TextEncoder().encode(Array.from(word).slice(0, 2).join(""));
    return Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  function arrived(kind, key, data) {
    loaded[kind][key] = data;
    (waiting[kind][key] || []).forEach(function (done) { done(data); });
    delete waiting[kind][key];
  }

  window.EpistolaSearch = {
    manifest: function (data) {
      manifest = data;
      if (data.stemmer) {
        var stemmer = new window[data.stemmer]();
        stem = function (word) { return stemmer.stemWord(word); };
      }
    },
    terms: function (hex, table) { arrived("terms", hex, table); },
    shard: function (number, data) { arrived("shard", String(number), data); }
  };

  function load(kind, key, file) {
    if (loaded[kind][key]) return Promise.resolve(loaded[kind][key]);
    return new Promise(function (resolve, reject) {
      var first = !waiting[kind][key];
      (waiting[kind][key] = waiting[kind][key] || []).push(resolve);
      if (!first) return;
      var script = document.createElement("script");
      script.src = "index/" + file + ".js";
      script.onerror = function () { reject(new Error("cannot load the search index: " + script.src)); };
      document.head.appendChild(script);
    });
  }

  function runsToShards(runs, into) {
    for (var i = 0; i < runs.length; i += 2) {
      for (var n = runs[i]; n < runs[i] + runs[i + 1]; n++) into.add(n);
    }
  }

  /* The shards that may hold every routed word of the query, in edition order. */
  function candidateShards(queryWords) {
    var routed = queryWords.filter(function (w) { return Array.from(w).length >= 2; });
    return Promise.all(routed.map(function (word) {
      var hex = hexPrefix(word);
      if (manifest.buckets.indexOf(hex) < 0) return Promise.resolve(new Set());
      return load("terms", hex, "terms-" + hex).then(function (table) {
        var found = new Set();
        Object.keys(table).forEach(function (term) {
          if (term.startsWith(word)) runsToShards(table[term], found);
        });
        return found;
      });
    })).then(function (sets) {
      return manifest.shards.filter(function (n) {
        return sets.every(function (set) { return set.has(n); });
      });
    });
  }

  function engine(number, data) {
    if (!engines[number]) {
      var search = new MiniSearch({ fields: ["text"], tokenize: words, processTerm: function (t) { return stem(t); } });
      search.addAll(data.docs.map(function (doc, i) { return { id: i, text: doc[2] }; }));
      engines[number] = search;
    }
    return engines[number];
  }

  function searchShard(number, data, query, scope) {
    var hits = engine(number, data).search(query, {
      prefix: true,
      combineWith: "AND",
      filter: function (hit) {
        var isNote = /^(note|app)-/.test(data.docs[hit.id][1]);
        return scope === "all" || (scope === "notes") === isNote;
      }
    });
    return hits.map(function (hit) {
      var doc = data.docs[hit.id];
      return { score: hit.score, terms: hit.terms, letter: doc[0], anchor: doc[1], text: doc[2], head: data.letters[doc[0]] };
    });
  }

  function place(anchor) {
    if (anchor.indexOf("app-") === 0) {
      return gettext("textual note %(note)s", { note: anchor.slice(4) });
    }
    return anchor.indexOf("note-") === 0
      ? gettext("note %(note)s", { note: anchor.slice(5) })
      : gettext("paragraph %(paragraph)s", { paragraph: anchor.slice(1) });
  }

  /* The words around the first match, with every matching word marked. */
  function context(text, terms) {
    var wanted = new Set(terms);
    var spans = [];
    var pattern = /[\p{L}\p{N}\p{M}]+/gu;
    var m;
    while ((m = pattern.exec(text)) !== null) {
      if (wanted.has(stemmedWords(m[0]).join(""))) spans.push([m.index, m.index + m[0].length]);
    }
    var first = spans.length ? spans[0][0] : 0;
    var start = 0;
    if (first > CONTEXT) {
      start = text.indexOf(" ", first - CONTEXT) + 1;
      if (start <= 0 || start > first) start = first - CONTEXT;
    }
    var end = first + 2 * CONTEXT >= text.length ? -1 : text.indexOf(" ", first + 2 * CONTEXT);
    if (end < 0) end = text.length;
    var out = document.createElement("p");
    out.className = "result-context";
    var at = start;
    if (start > 0) out.append("… ");
    spans.forEach(function (span) {
      if (span[0] < at || span[1] > end) return;
      out.append(text.slice(at, span[0]));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(span[0], span[1]);
      out.append(mark);
      at = span[1];
    });
    out.append(text.slice(at, end));
    if (end < text.length) out.append(" …");
    return out;
  }

  function resultItem(hit) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = "../" + hit.head[0] + "#" + hit.anchor;
    link.textContent = gettext("Letter %(number)s", { number: hit.letter }) + ", " + place(hit.anchor);
    var title = document.createElement("p");
    title.className = "result-place";
    title.append(link, " ", Object.assign(document.createElement("span"), { className: "result-letter", textContent: hit.head[1] }));
    item.append(title, context(hit.text, hit.terms));
    return item;
  }

  function ui() {
    return {
      form: document.querySelector(".search-form"),
      input: document.getElementById("search-q"),
      status: document.getElementById("search-status"),
      list: document.getElementById("search-results"),
      more: document.getElementById("search-more")
    };
  }

  function scopeOf(form) {
    var checked = form.querySelector("input[name=in]:checked");
    return checked ? checked.value : "all";
  }

  function show(run, els) {
    var hits = run.hits.slice().sort(function (a, b) { return b.score - a.score; });
    els.list.replaceChildren.apply(els.list, hits.slice(0, run.shown).map(resultItem));
    var where = { all: gettext("letters and notes"), text: gettext("letter text"), notes: gettext("notes") }[run.scope];
    var found = { count: hits.length + (run.queue.length ? "+" : ""), where: where, query: run.query };
    els.status.textContent = hits.length || run.queue.length
      ? ngettext("%(count)s place in the %(where)s for “%(query)s”", "%(count)s places in the %(where)s for “%(query)s”", hits.length, found)
      : gettext("Nothing in the %(where)s matches “%(query)s”.", found);
    els.more.hidden = !(hits.length > run.shown || run.queue.length);
  }

  /* Load shards until there are enough results to show, or none are left. */
  function fill(run, els) {
    if (run !== current) return Promise.resolve();
    if (run.hits.length >= run.shown || !run.queue.length) { show(run, els); return Promise.resolve(); }
    var batch = run.queue.splice(0, BATCH);
    return Promise.all(batch.map(function (n) { return load("shard", String(n), "shard-" + n); }))
      .then(function (datas) {
        if (run !== current) return;
        datas.forEach(function (data, i) {
          run.hits = run.hits.concat(searchShard(batch[i], data, run.query, run.scope));
        });
        return fill(run, els);
      });
  }

  function search(els) {
    var query = els.input.value.trim();
    var scope = scopeOf(els.form);
    var queryWords = stemmedWords(query);
    var run = { query: query, scope: scope, hits: [], queue: [], shown: PAGE };
    current = run;
    els.list.replaceChildren();
    els.more.hidden = true;
    if (!queryWords.some(function (w) { return Array.from(w).length >= 2; })) {
      els.status.textContent = query ? gettext("Type a word of two letters or more.") : gettext("Type a word to find it in the letters and notes.");
      return Promise.resolve();
    }
    els.status.textContent = gettext("Searching…");
    return candidateShards(queryWords).then(function (shards) {
      run.queue = shards;
      return fill(run, els);
    }).catch(function (error) {
      els.status.textContent = gettext("The search index could not be loaded (%(error)s).", { error: error.message });
    });
  }

  function remember(els) {
    var params = new URLSearchParams();
    params.set("q", els.input.value.trim());
    params.set("in", scopeOf(els.form));
    try {
      history.replaceState(null, "", "?" + params.toString());
    } catch (e) {
      /* some browsers refuse to change the address of a page opened from disk */
    }
  }

  /* True if the form asks for what is already shown, so typing Enter keeps "More results". */
  function isCurrent(els) {
    return !!current && current.query === els.input.value.trim() && current.scope === scopeOf(els.form);
  }

  function start() {
    var els = ui();
    if (!els.form || !manifest) return;
    var params = new URLSearchParams(location.search);
    els.input.value = params.get("q") || "";
    var scope = els.form.querySelector("input[name=in][value='" + (params.get("in") || "all") + "']");
    if (scope) scope.checked = true;
    var timer = null;
    els.form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      remember(els);
      if (!isCurrent(els)) search(els);
    });
    els.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { if (!isCurrent(els)) search(els); }, 200);
    });
    els.form.addEventListener("change", function (event) {
      if (event.target.name === "in") { remember(els); search(els); }
    });
    els.more.addEventListener("click", function () {
      if (!current) return;
      current.shown += PAGE;
      fill(current, els);
    });
    search(els);
  }

  document.addEventListener("DOMContentLoaded", start);
})();
