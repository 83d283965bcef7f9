/* gapcheck: the matrix's filters and column pages, and the comparison of
   states. Plain script, no library, nothing fetched: works from file:// and
   over HTTP. Without it the pages show the full matrix. */
(function () {
  "use strict";
  document.documentElement.classList.add("gc-js");

  function params() {
    var out = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
      var i = kv.indexOf("=");
      if (i > 0) { out[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1)); }
    });
    return out;
  }
  function setParams(obj) {
    var parts = [];
    Object.keys(obj).forEach(function (k) { if (obj[k]) { parts.push(encodeURIComponent(k) + "=" + encodeURIComponent(obj[k]).replace(/%2C/g, ",")); } });
    var url = location.pathname + location.search + (parts.length ? "#" + parts.join("&") : "");
    try { history.replaceState(null, "", url); } catch (e) { /* file:// in some browsers */ }
  }
  /* the words the script writes, in the page's language (a JSON block the
     page carries); {name} placeholders are filled from `values` */
  var WORDS = null;
  function w(key, english, values) {
    if (WORDS === null) {
      var block = document.getElementById("gc-words");
      try { WORDS = block ? JSON.parse(block.textContent) : {}; } catch (e) { WORDS = {}; }
    }
    var text = WORDS[key] || english;
    Object.keys(values || {}).forEach(function (k) { text = text.split("{" + k + "}").join(String(values[k])); });
    return text;
  }
  /* the language switcher keeps the place on the page (a finding's anchor) */
  document.addEventListener("click", function (ev) {
    var a = ev.target && ev.target.closest ? ev.target.closest("a.gc-lang") : null;
    if (a && location.hash && a.href.indexOf("#") < 0) { a.href = a.href + location.hash; }
  }, true);
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  /* ---- the matrix ---------------------------------------------------------- */
  function matrix(root) {
    var form = root.querySelector(".gc-filters");
    var table = root.querySelector("table.gc-matrix");
    var scroller = root.querySelector(".gc-matrix-scroll");
    var heads = Array.prototype.slice.call(table.querySelectorAll("thead th.gc-state"));
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr:not(.gc-area-row)"));
    var areaRows = Array.prototype.slice.call(table.querySelectorAll("tbody tr.gc-area-row"));
    var pager = form.querySelector(".gc-pager"), label = form.querySelector("[data-gc-page-label]");
    var count = form.querySelector(".gc-count");
    var page = 0;

    var p = params();
    ["area", "sev", "group", "inst"].forEach(function (k) {
      var s = form.elements[k];
      if (s && p[k]) { s.value = p[k]; }
    });

    function visibleColumns() {
      var group = form.elements.group ? form.elements.group.value : "";
      var out = [];
      heads.forEach(function (h, i) {
        if (!group || (" " + h.getAttribute("data-groups") + " ").indexOf(" " + group + " ") >= 0) { out.push(i); }
      });
      return out;
    }
    function perPage() {
      var first = table.querySelector("tbody th[scope=row]");
      var room = scroller.clientWidth - (first ? first.offsetWidth : 200);
      var col = heads.length ? Math.max(heads[0].offsetWidth, 56) : 80;
      return Math.max(2, Math.floor(room / col));
    }
    function apply() {
      var f = { area: form.elements.area.value, sev: form.elements.sev.value,
                group: form.elements.group ? form.elements.group.value : "", inst: form.elements.inst.value };
      setParams(f);
      var cols = visibleColumns();
      var size = perPage(), pages = Math.max(1, Math.ceil(cols.length / size));
      if (page >= pages) { page = pages - 1; }
      var shown = pages > 1 ? cols.slice(page * size, page * size + size) : cols;
      pager.hidden = pages <= 1;
      if (pages > 1) {
        label.textContent = w("states_page", "States {from}–{to} of {n}", { from: page * size + 1, to: page * size + shown.length, n: cols.length });
      }
      var show = {};
      shown.forEach(function (i) { show[i] = true; });
      var inGroup = {};
      cols.forEach(function (i) { inGroup[i] = true; });
      heads.forEach(function (h, i) {
        h.classList.toggle("gc-hidden", !inGroup[i]);
        h.classList.toggle("gc-hidden-col", inGroup[i] && !show[i]);
      });
      var n = 0, areasShown = {};
      rows.forEach(function (tr) {
        var cells = tr.querySelectorAll("td");
        var ok = (!f.area || tr.getAttribute("data-area") === f.area) &&
                 (!f.inst || (" " + tr.getAttribute("data-inst") + " ").indexOf(" " + f.inst + " ") >= 0);
        if (ok && f.sev) {
          ok = cols.some(function (i) {
            var c = cells[i];
            return c.getAttribute("data-status") === "gap" && (f.sev === "gap" || c.getAttribute("data-sev") === f.sev);
          });
        }
        tr.classList.toggle("gc-hidden", !ok);
        for (var i = 0; i < cells.length; i++) {
          cells[i].classList.toggle("gc-hidden", !inGroup[i]);
          cells[i].classList.toggle("gc-hidden-col", inGroup[i] && !show[i]);
        }
        if (ok) { n++; areasShown[tr.getAttribute("data-area")] = true; }
      });
      areaRows.forEach(function (tr) {
        tr.classList.toggle("gc-hidden", !areasShown[tr.getAttribute("data-area")]);
        tr.firstElementChild.colSpan = shown.length + 1;
      });
      count.textContent = w("matrix_count", "{n} of {total} requirements, {states} states", { n: n, total: rows.length, states: cols.length });
    }
    form.addEventListener("change", function () { page = 0; apply(); });
    form.querySelector("[data-gc-reset]").addEventListener("click", function () {
      ["area", "sev", "group", "inst"].forEach(function (k) { if (form.elements[k]) { form.elements[k].value = ""; } });
      page = 0; apply();
    });
    form.querySelector("[data-gc-prev]").addEventListener("click", function () { if (page > 0) { page--; apply(); } });
    form.querySelector("[data-gc-next]").addEventListener("click", function () { page++; apply(); });
    var resizeTimer;
    window.addEventListener("resize", function () { clearTimeout(resizeTimer); resizeTimer = setTimeout(apply, 120); });
    apply();
  }

  /* ---- compare two or three states ----------------------------------------- */
  function compare(root) {
    var data = JSON.parse(document.getElementById("gc-compare-data").textContent);
    var form = root.querySelector(".gc-filters");
    var out = root.querySelector("[data-gc-compare-out]");
    var share = root.querySelector("[data-gc-share]");
    var byId = {};
    data.states.forEach(function (s) { byId[s.id] = s; });
    var SYMBOL = { "gap": "✗", "met": "✓", "not assessed": "?", "not applicable": "–" };
    var CLS = { "gap": "gc-gap", "met": "gc-met", "not assessed": "gc-nas", "not applicable": "gc-na" };

    var p = params(), chosen = (p.states || "").split(",").filter(function (x) { return byId[x]; });
    if (!chosen.length && data.states.length >= 2) { chosen = [data.states[0].id, data.states[1].id]; }
    for (var i = 0; i < 3; i++) { form.elements["s" + i].value = chosen[i] || ""; }
    form.elements.diff.checked = p.diff === "1";

    function badge(status, sev) {
      var s = el("span", { "class": "gc-badge " + CLS[status] + (sev ? " gc-sev-" + sev : "") },
                 SYMBOL[status] + " " + w(status, status) + (sev ? " · " + w(sev, sev) : ""));
      return s;
    }
    function render() {
      var ids = [];
      for (var i = 0; i < 3; i++) {
        var v = form.elements["s" + i].value;
        if (v && ids.indexOf(v) < 0) { ids.push(v); }
      }
      var diff = form.elements.diff.checked;
      setParams({ states: ids.join(","), diff: diff ? "1" : "" });
      share.href = location.href;
      out.textContent = "";
      if (ids.length < 2) { out.appendChild(el("p", {}, w("choose_two", "Choose at least two states."))); return; }
      var table = el("table", { "class": "gc-compare-table" });
      var head = el("tr");
      head.appendChild(el("th", { scope: "col" }, w("requirement", "Requirement")));
      ids.forEach(function (id) {
        var th = el("th", { scope: "col" });
        var a = el("a", { href: "report/" + id + "/index.html" }, byId[id].name + (byId[id].code ? " (" + byId[id].code + ")" : ""));
        th.appendChild(a);
        th.appendChild(el("div", { "class": "gc-missing" }, byId[id].as_of ? w("as_of", "as of {date}", { date: byId[id].as_of }) : w("no_date", "no date")));
        head.appendChild(th);
      });
      var thead = el("thead"); thead.appendChild(head); table.appendChild(thead);
      var tbody = el("tbody"), shown = 0;
      data.requirements.forEach(function (req) {
        var found = ids.map(function (id) { return (data.findings[id] || {})[req.id]; });
        var keys = found.map(function (f) { return f ? f[0] + "|" + f[1] + "|" + JSON.stringify(f[2].map(function (x) { return [x[0], x[1]]; })) : "missing"; });
        if (diff && keys.every(function (k) { return k === keys[0]; })) { return; }
        shown++;
        var tr = el("tr", { id: "r-" + req.id });
        var th = el("th", { scope: "row" });
        th.appendChild(el("a", { href: "requirements/" + req.id + ".html" }, req.id));
        th.appendChild(document.createTextNode(" " + req.title));
        tr.appendChild(th);
        found.forEach(function (f, k) {
          var td = el("td");
          if (!f) { td.appendChild(el("span", { "class": "gc-missing" }, w("missing_data", "no finding: missing data"))); tr.appendChild(td); return; }
          var link = el("a", { href: "report/" + ids[k] + "/index.html#" + req.id });
          link.appendChild(badge(f[0], f[1]));
          td.appendChild(link);
          var ul = el("ul", { "class": "gc-facts" });
          f[2].forEach(function (fact) {
            var li = el("li");
            li.appendChild(el("code", {}, fact[0]));
            if (fact[1].length) {
              li.appendChild(document.createTextNode(" = " + fact[1].join(", ")));
              if (fact[2].length) { li.appendChild(el("div", { "class": "gc-missing" }, fact[2].join("; "))); }
            } else {
              li.appendChild(document.createTextNode(" "));
              li.appendChild(el("span", { "class": "gc-missing" }, w("not_stated", "not stated")));
            }
            ul.appendChild(li);
          });
          td.appendChild(ul);
          tr.appendChild(td);
        });
        tbody.appendChild(tr);
      });
      table.appendChild(tbody);
      out.appendChild(el("p", { "class": "gc-count" }, w("compare_count", "{n} of {total} requirements shown.", { n: shown, total: data.requirements.length })));
      out.appendChild(table);
    }
    form.addEventListener("change", render);
    render();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-gc-matrix]"), matrix);
    Array.prototype.forEach.call(document.querySelectorAll("[data-gc-compare]"), compare);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
