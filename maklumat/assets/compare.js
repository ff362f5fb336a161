/* Maklumat: compare any two archived versions of a notice, in the browser.
 *
 * Markup it expects (on a notice's version-history page; the form may be rendered
 * `hidden`, for readers without JavaScript: the script shows it):
 *   <form class="mk-compare" data-mk-compare data-mk-result="mk-compare-result" hidden>
 *     <select name="old">…<option value="/privacy/versions/<id>/">…</option>…</select>
 *     <select name="new">…</select>
 *     <button type="submit">…</button>
 *   </form>
 *   <div id="mk-compare-result" class="mk-compare-result" tabindex="-1"></div>
 * On submit it fetches both pages (same origin only), takes the notice body of each
 * (the element marked `data-mk-body`, whose children are the notice's blocks; else
 * `article`; anything marked `data-mk-skip` is ignored), aligns sections and blocks (h1-h6, p, li,
 * td/th, dt/dd, pre), diffs words and shows the new version with <ins>/<del> marks
 * and a summary, with the same classes as the Python renderer (maklumat/redline*.py).
 * The word and block diff follows Python's difflib (ported below), so both agree.
 *   <script type="application/json" id="mk-compare-strings">{"loading": "…", …}</script>
 * (the words, from the catalog: without them the form stays hidden).
 * No third-party code, no request but the two same-origin fetches.
 */
(function (global) {
  "use strict";

  var PAIR_MIN = 0.4, MOVE_MIN = 0.75, SECTION_MIN = 0.5, MAX_CELLS = 2500;
  var WORD_RE = /[\p{L}\p{N}_](?:[\p{L}\p{N}_'\u2019.,@\/:+&%-]*[\p{L}\p{N}_])?|[^\p{L}\p{N}_\s]/gu;
  var HAS_WORD = /[\p{L}\p{N}_]/u;
  var LEAF = /^(H[1-6]|P|LI|TD|TH|DT|DD|PRE)$/;
  var HEADING = /^H[1-6]$/;
  var BLOCK = /^(ADDRESS|ARTICLE|ASIDE|BLOCKQUOTE|DETAILS|DIV|DL|DD|DT|FIELDSET|FIGURE|FOOTER|FORM|H[1-6]|HEADER|HR|LI|MAIN|NAV|OL|P|PRE|SECTION|TABLE|THEAD|TBODY|TFOOT|TR|TD|TH|UL)$/;
  var SKIP = ".headerlink, .mk-sr, .mk-note, .md-content__button, script, style, template, noscript, [data-mk-skip]";
  var INVISIBLE = /[\ufeff\u200b]/g;

  /* The words come from the site's catalog (maklumat/locale/*.po): the page carries them as
     JSON in <script type="application/json" id="mk-compare-strings">, in its own language. */
  var loaded = null;
  function strings() {
    if (loaded === null) {
      var data = typeof document !== "undefined" && document.getElementById("mk-compare-strings");
      try { loaded = data ? JSON.parse(data.textContent) : false; } catch (e) { loaded = false; }
    }
    return loaded || null;
  }

  /* ---- words ------------------------------------------------------------ */

  function Word(text, fmt, href, sep) {
    this.text = text; this.fmt = fmt; this.href = href; this.sep = sep;
    this.key = text + "\u0001" + fmt + "\u0001" + (href === null ? "\u0002" : href) +
      "\u0001" + (fmt.indexOf("code") >= 0 ? sep : (sep ? " " : ""));   /* a space shows */
  }
  Word.prototype.isWord = function () { return this.fmt.indexOf("br") < 0 && HAS_WORD.test(this.text); };

  function splitWords(text, fmt, href, space) {
    var out = [], pos = 0, m;
    text = text.normalize("NFC").replace(INVISIBLE, "");
    WORD_RE.lastIndex = 0;
    while ((m = WORD_RE.exec(text))) {
      var gap = m.index > pos || (space && pos === 0);
      out.push(new Word(m[0], fmt, href, gap ? " " : ""));
      pos = m.index + m[0].length;
    }
    return out;
  }

  /* Same-page links compare (and render) as "#frag"; others as absolute URLs. */
  function linkTarget(raw, pageUrl) {
    var u;
    try { u = new URL(raw, pageUrl); } catch (e) { return raw; }
    var page = new URL(pageUrl);
    if (u.hash && u.origin === page.origin && u.pathname === page.pathname && u.search === page.search) return u.hash;
    return u.href;
  }

  function inlineWords(el, pageUrl) {
    var words = [], state = { space: false };
    function add(text, fmt, href) {
      if (!text) return;
      var ws = splitWords(text, fmt, href, state.space);
      for (var i = 0; i < ws.length; i++) words.push(ws[i]);
      state.space = /\s$/.test(text);
    }
    function walk(node, fmt, href) {
      for (var c = node.firstChild; c; c = c.nextSibling) {
        if (c.nodeType === 3) { add(c.data, fmt.join(","), href); continue; }
        if (c.nodeType !== 1 || c.matches(SKIP) || BLOCK.test(c.tagName)) continue;
        var t = c.tagName, f = fmt, h = href;
        if (t === "BR") { words.push(new Word("\n", "br", null, "")); state.space = false; continue; }
        if (t === "IMG") {
          words.push(new Word((c.getAttribute("alt") || "\u00a0").trim() || "\u00a0",
            fmt.concat(["img"]).join(","), linkTarget(c.getAttribute("src") || "", pageUrl), state.space ? " " : ""));
          state.space = false; continue;
        }
        if (t === "STRONG" || t === "B") f = fmt.concat(["strong"]);
        else if (t === "EM" || t === "I") f = fmt.concat(["em"]);
        else if (t === "CODE") f = fmt.concat(["code"]);
        else if (t === "A" && c.hasAttribute("href")) h = linkTarget(c.getAttribute("href"), pageUrl);
        walk(c, f, h);
      }
    }
    if (el.tagName === "PRE") {
      var code = el.textContent.replace(/\n$/, ""), re = /\S+/g, m, prev = 0;
      while ((m = re.exec(code))) { words.push(new Word(m[0], "code", null, code.slice(prev, m.index))); prev = re.lastIndex; }
      return words;
    }
    walk(el, [], null);
    if (words.length && words[0].sep) words[0] = new Word(words[0].text, words[0].fmt, words[0].href, "");
    return words;
  }

  /* ---- difflib (SequenceMatcher without junk), ported -------------------- */

  function opcodes(a, b) {
    var b2j = new Map(), i, j;
    for (j = 0; j < b.length; j++) { if (!b2j.has(b[j])) b2j.set(b[j], []); b2j.get(b[j]).push(j); }
    function longest(alo, ahi, blo, bhi) {
      var besti = alo, bestj = blo, bestsize = 0, j2len = new Map();
      for (var i = alo; i < ahi; i++) {
        var next = new Map(), js = b2j.get(a[i]) || [];
        for (var n = 0; n < js.length; n++) {
          var jj = js[n];
          if (jj < blo) continue;
          if (jj >= bhi) break;
          var k = (j2len.get(jj - 1) || 0) + 1;
          next.set(jj, k);
          if (k > bestsize) { besti = i - k + 1; bestj = jj - k + 1; bestsize = k; }
        }
        j2len = next;
      }
      return [besti, bestj, bestsize];
    }
    var queue = [[0, a.length, 0, b.length]], blocks = [];
    while (queue.length) {
      var q = queue.pop(), m = longest(q[0], q[1], q[2], q[3]);
      if (m[2]) {
        blocks.push(m);
        if (q[0] < m[0] && q[2] < m[1]) queue.push([q[0], m[0], q[2], m[1]]);
        if (m[0] + m[2] < q[1] && m[1] + m[2] < q[3]) queue.push([m[0] + m[2], q[1], m[1] + m[2], q[3]]);
      }
    }
    blocks.sort(function (x, y) { return x[0] - y[0] || x[1] - y[1]; });
    var merged = [], cur = null;
    blocks.forEach(function (blk) {
      if (cur && cur[0] + cur[2] === blk[0] && cur[1] + cur[2] === blk[1]) cur[2] += blk[2];
      else { if (cur) merged.push(cur); cur = blk.slice(); }
    });
    if (cur) merged.push(cur);
    merged.push([a.length, b.length, 0]);
    var ops = [];
    i = 0; j = 0;
    merged.forEach(function (blk) {
      var tag = i < blk[0] && j < blk[1] ? "replace" : i < blk[0] ? "delete" : j < blk[1] ? "insert" : "";
      if (tag) ops.push([tag, i, blk[0], j, blk[1]]);
      i = blk[0] + blk[2]; j = blk[1] + blk[2];
      if (blk[2]) ops.push(["equal", blk[0], i, blk[1], j]);
    });
    return ops;
  }

  function diffWords(a, b) {
    var ak = a.map(function (w) { return w.key; }), bk = b.map(function (w) { return w.key; });
    var segs = [];
    opcodes(ak, bk).forEach(function (op) {
      var eq = op[0] === "equal", last = segs[segs.length - 1];
      if (last && !eq && !last[0]) { last[2] = op[2]; last[4] = op[4]; }
      else segs.push([eq, op[1], op[2], op[3], op[4]]);
    });
    // A lone short common word between bigger changes reads better inside one change.
    var i = 1;
    while (i < segs.length - 1) {
      var s = segs[i], p = segs[i - 1], n = segs[i + 1];
      if (s[0] && !p[0] && !n[0]) {
        var size = s[2] - s[1], bs = Math.max(p[2] - p[1], p[4] - p[3]), as = Math.max(n[2] - n[1], n[4] - n[3]);
        var wordless = !a.slice(s[1], s[2]).some(function (w) { return w.isWord(); });
        if (size <= bs && size <= as && (wordless || size < bs || size < as)) {
          segs.splice(i - 1, 3, [false, p[1], n[2], p[3], n[4]]);
          i = Math.max(i - 1, 1); continue;
        }
      }
      i++;
    }
    var ops = [];
    segs.forEach(function (s) {
      var k;
      if (s[0]) { for (k = s[3]; k < s[4]; k++) ops.push(["=", b[k]]); return; }
      for (k = s[1]; k < s[2]; k++) ops.push(["-", a[k]]);
      for (k = s[3]; k < s[4]; k++) ops.push(["+", b[k]]);
    });
    return ops;
  }

  /* ---- blocks ------------------------------------------------------------ */

  function bag(words) {
    var m = new Map();
    words.forEach(function (w) { m.set(w.text, (m.get(w.text) || 0) + 1); });
    return m;
  }

  function dice(ba, na, bb, nb) {
    if (!na && !nb) return 0.5;
    var common = 0;
    ba.forEach(function (v, k) { if (bb.has(k)) common += Math.min(v, bb.get(k)); });
    return 2 * common / (na + nb);
  }

  function similarity(x, y) {
    if (x.tag !== y.tag) return 0;
    if (x.key === y.key) return 1;
    return dice(x.bag, x.words.length, y.bag, y.words.length);
  }

  /* Leaves of both lists, aligned: [{op, o, n, ops}] in the new text's order. */
  function align(old, neu) {
    var out = [];
    opcodes(old.map(function (l) { return l.key; }), neu.map(function (l) { return l.key; })).forEach(function (op) {
      var k;
      if (op[0] === "equal") { for (k = 0; k < op[2] - op[1]; k++) out.push({ op: "equal", o: old[op[1] + k], n: neu[op[3] + k] }); return; }
      pairStretch(old.slice(op[1], op[2]), neu.slice(op[3], op[4])).forEach(function (c) { out.push(c); });
    });
    var dels = out.filter(function (c) { return c.op === "delete"; }), ins = out.filter(function (c) { return c.op === "insert"; });
    if (dels.length && ins.length && dels.length * ins.length <= MAX_CELLS) {
      ins.forEach(function (c) {
        var best = -1, score = 0;
        dels.forEach(function (d, n) { var s = similarity(d.o, c.n); if (s > score) { score = s; best = n; } });
        if (best >= 0 && score >= MOVE_MIN) {
          var d = dels.splice(best, 1)[0];
          out.splice(out.indexOf(d), 1);
          c.op = "moved"; c.o = d.o;
        }
      });
    }
    out.forEach(function (c) {
      if (c.op === "equal") c.ops = c.n.words.map(function (w) { return ["=", w]; });
      else if (c.op === "insert") c.ops = c.n.words.map(function (w) { return ["+", w]; });
      else if (c.op === "delete") c.ops = c.o.words.map(function (w) { return ["-", w]; });
      else c.ops = diffWords(c.o.words, c.n.words);
    });
    return out;
  }

  function pairStretch(old, neu) {
    var m = old.length, k = neu.length, pairs = [], i, j;
    if (m && k && m * k <= MAX_CELLS) {
      var sim = old.map(function (o) { return neu.map(function (n) { return similarity(o, n); }); });
      var best = [];
      for (i = 0; i <= m; i++) { best.push(new Array(k + 1).fill(0)); }
      for (i = m - 1; i >= 0; i--) for (j = k - 1; j >= 0; j--) {
        var take = sim[i][j] >= PAIR_MIN ? best[i + 1][j + 1] + sim[i][j] : -1;
        best[i][j] = Math.max(best[i + 1][j], best[i][j + 1], take);
      }
      i = 0; j = 0;
      while (i < m && j < k) {
        if (sim[i][j] >= PAIR_MIN && best[i][j] === best[i + 1][j + 1] + sim[i][j]) { pairs.push([i, j]); i++; j++; }
        else if (best[i][j] === best[i + 1][j]) i++;
        else j++;
      }
    }
    var out = [];
    i = 0; j = 0;
    pairs.concat([[m, k]]).forEach(function (p) {
      for (; i < p[0]; i++) out.push({ op: "delete", o: old[i], n: null });
      for (; j < p[1]; j++) out.push({ op: "insert", o: null, n: neu[j] });
      if (p[0] < m) { out.push({ op: "changed", o: old[p[0]], n: neu[p[1]] }); i++; j++; }
    });
    return out;
  }

  /* ---- sections ---------------------------------------------------------- */

  function extract(root, pageUrl) {
    var leaves = [];
    (function visit(node) {
      for (var c = node.firstElementChild; c; c = c.nextElementSibling) {
        if (c.matches(SKIP)) continue;
        if (LEAF.test(c.tagName)) {
          var words = inlineWords(c, pageUrl);
          if (words.length || c.tagName === "TD" || c.tagName === "TH" || HEADING.test(c.tagName)) {
            var tag = c.tagName.toLowerCase();
            leaves.push({ el: c, tag: tag, words: words, seq: leaves.length, bag: bag(words),
              key: tag + "\u0003" + words.map(function (w) { return w.key; }).join("\u0004") });
          }
        }
        if (c.tagName !== "PRE") visit(c);
      }
    })(root);
    var sections = [], cur = null, stack = [];
    leaves.forEach(function (l) {
      if (HEADING.test(l.el.tagName)) {
        var level = +l.el.tagName[1];
        while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
        cur = { heading: l, level: level, id: l.el.id || "", leaves: [], words: l.words.slice(),
          title: text(l.words), parent: stack.length ? stack[stack.length - 1].index : null, index: sections.length };
        sections.push(cur); stack.push(cur);
      } else {
        if (!cur) { cur = { heading: null, level: 0, id: "", leaves: [], words: [], title: "", parent: null, index: 0 }; sections.push(cur); }
        cur.leaves.push(l);
        l.words.forEach(function (w) { cur.words.push(w); });
      }
    });
    return sections;
  }

  function text(words) {
    return words.map(function (w, i) { return (i ? w.sep : "") + w.text; }).join("");
  }

  function matchSections(O, N) {
    var match = new Map(), taken = new Set();
    [function (s) { return s.heading ? null : "intro"; },
     function (s) { return s.heading && s.id ? "#" + s.id : null; },
     function (s) { return s.heading ? s.title.toLowerCase() : null; }].forEach(function (key) {
      var index = new Map();
      O.forEach(function (s, i) { var k = key(s); if (!taken.has(i) && k !== null) { if (!index.has(k)) index.set(k, []); index.get(k).push(i); } });
      N.forEach(function (s, j) {
        var k = key(s), list = index.get(k);
        if (!match.has(j) && k !== null && list && list.length) { var i = list.shift(); match.set(j, i); taken.add(i); }
      });
    });
    var restO = O.filter(function (s, i) { return !taken.has(i) && s.heading; });
    var restN = N.filter(function (s, j) { return !match.has(j) && s.heading; });
    if (restO.length && restN.length && restO.length * restN.length <= MAX_CELLS) {
      var scored = [];
      restN.forEach(function (n) {
        var bn = bag(n.words);
        restO.forEach(function (o) {
          var s = dice(bag(o.words), o.words.length, bn, n.words.length);
          if (s >= SECTION_MIN) scored.push([s, n.index, o.index]);
        });
      });
      scored.sort(function (x, y) { return y[0] - x[0] || x[1] - y[1] || x[2] - y[2]; });
      scored.forEach(function (s) { if (!match.has(s[1]) && !taken.has(s[2])) { match.set(s[1], s[2]); taken.add(s[2]); } });
    }
    return match;
  }

  function movedSections(O, N, match) {
    var moved = new Set(), groups = new Map();
    var size = N.map(function (s) { return 1 + s.words.length; });
    for (var j = N.length - 1; j >= 0; j--) if (N[j].parent !== null) size[N[j].parent] += size[j];
    Array.from(match.keys()).sort(function (x, y) { return x - y; }).forEach(function (j) {
      var pn = N[j].parent, po = O[match.get(j)].parent;
      if ((pn === null && po === null) || (pn !== null && match.get(pn) === po)) {
        if (!groups.has(pn)) groups.set(pn, []);
        groups.get(pn).push(j);
      } else moved.add(j);
    });
    groups.forEach(function (g) {
      var seq = g.map(function (j) { return match.get(j); }), w = g.map(function (j) { return size[j]; });
      var best = w.slice(), prev = g.map(function () { return -1; }), i, k;
      for (i = 0; i < g.length; i++) for (k = 0; k < i; k++)
        if (seq[k] < seq[i] && best[k] + w[i] > best[i]) { best[i] = best[k] + w[i]; prev[i] = k; }
      var keep = new Set(), top = -1;
      for (i = 0; i < g.length; i++) if (top < 0 || best[i] > best[top]) top = i;
      for (i = top; i !== -1; i = prev[i]) keep.add(i);
      g.forEach(function (j, n) { if (!keep.has(n)) moved.add(j); });
    });
    return moved;
  }

  /* The comparison itself: plain data, rendered by render(). */
  function compareRoots(oldRoot, newRoot, oldUrl, newUrl) {
    var O = extract(oldRoot, oldUrl), N = extract(newRoot, newUrl);
    var match = matchSections(O, N), moved = movedSections(O, N, match), reverse = new Map();
    match.forEach(function (i, j) { reverse.set(i, j); });
    var placed = new Map(), last = null, items = [];
    function place(at, item) { if (!placed.has(at)) placed.set(at, []); placed.get(at).push(item); }
    O.forEach(function (s, i) {
      var j = reverse.has(i) ? reverse.get(i) : null;
      if (j === null) place(last, { kind: "removed", old: s, neu: null, at: last });
      else if (moved.has(j)) place(last, { kind: "stub", old: s, neu: N[j], at: last });
      else last = j;
    });
    N.forEach(function (s, j) {
      var item;
      if (!match.has(j)) {
        item = { kind: "added", old: null, neu: s, changes: (s.heading ? [s.heading] : []).concat(s.leaves)
          .map(function (l) { return { op: "insert", o: null, n: l, ops: l.words.map(function (w) { return ["+", w]; }) }; }) };
      } else {
        var o = O[match.get(j)], changes = [];
        if (s.heading) {
          var same = o.heading.key === s.heading.key;
          changes.push({ op: same ? "equal" : "changed", o: o.heading, n: s.heading,
            ops: same ? s.heading.words.map(function (w) { return ["=", w]; }) : diffWords(o.heading.words, s.heading.words) });
        }
        changes = changes.concat(align(o.leaves, s.leaves));
        item = { kind: moved.has(j) ? "moved" : "equal", old: o, neu: s, changes: changes };
        if (item.kind === "equal" && changes.some(function (c) { return c.op !== "equal"; })) item.kind = "changed";
      }
      item.ins = 0; item.dels = 0;
      item.changes.forEach(function (c) {
        c.ops.forEach(function (op) { if (op[0] !== "=" && op[1].isWord()) { if (op[0] === "+") item.ins++; else item.dels++; } });
      });
      items.push(item);
    });
    var removed = [];
    placed.forEach(function (list) { list.forEach(function (it) {
      if (it.kind === "removed") {
        it.ins = 0; it.dels = it.old.words.filter(function (w) { return w.isWord(); }).length;
        removed.push(it);
      }
    }); });
    return { sections: items, placed: placed, removed: removed, oldSections: O, newSections: N };
  }

  /* ---- rendering --------------------------------------------------------- */

  function el(doc, tag, cls, textContent) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (textContent !== undefined) e.textContent = textContent;
    return e;
  }

  /* Same words, formatting and links; only whether a space precedes the first differs. */
  function onlySpace(a, b) {
    if (a.length !== b.length || !a.length || !a[0].sep === !b[0].sep) return false;
    for (var n = 0; n < a.length; n++) {
      if (a[n].text !== b[n].text || a[n].fmt !== b[n].fmt || a[n].href !== b[n].href) return false;
      if (n && a[n].key !== b[n].key) return false;
    }
    return true;
  }

  function renderOps(doc, ops, t, pre) {
    var frag = doc.createDocumentFragment(), i = 0, first = true;
    while (i < ops.length) {
      var op = ops[i][0], words = [];
      while (i < ops.length && ops[i][0] === op) words.push(ops[i++][1]);
      if (op === "-" && i < ops.length && ops[i][0] === "+") {
        var j = i, next = [];
        while (j < ops.length && ops[j][0] === "+") next.push(ops[j++][1]);
        if (onlySpace(words, next)) {   /* the space is marked, the words are not (as in Python) */
          var added = pre || !first ? next[0].sep : "", kind = added ? "+" : "-";
          var space = el(doc, kind === "+" ? "ins" : "del", (kind === "+" ? "mk-ins" : "mk-del") + " mk-space");
          space.appendChild(el(doc, "span", "mk-sr", t[kind === "+" ? "ins_start" : "del_start"]));
          space.appendChild(doc.createTextNode(added || words[0].sep || " "));
          space.appendChild(el(doc, "span", "mk-sr", t[kind === "+" ? "ins_end" : "del_end"]));
          frag.appendChild(space);
          runs(doc, next, pre, frag);
          i = j; first = false;
          continue;
        }
      }
      var sep = pre || !first ? words[0].sep : "";
      if (sep) frag.appendChild(doc.createTextNode(sep));
      var target = frag;
      if (op !== "=") {
        var mark = el(doc, op === "+" ? "ins" : "del", op === "+" ? "mk-ins" : "mk-del");
        mark.appendChild(el(doc, "span", "mk-sr", t[op === "+" ? "ins_start" : "del_start"]));
        frag.appendChild(mark);
        target = mark;
      }
      runs(doc, words, pre, target);
      if (op !== "=") target.appendChild(el(doc, "span", "mk-sr", t[op === "+" ? "ins_end" : "del_end"]));
      first = false;
    }
    return frag;
  }

  function runs(doc, words, pre, target) {
    var i = 0;
    while (i < words.length) {
      var fmt = words[i].fmt, href = words[i].href, run = [];
      while (i < words.length && words[i].fmt === fmt && words[i].href === href) run.push(words[i++]);
      if (target.lastChild && run[0] !== words[0] && run[0].sep) target.appendChild(doc.createTextNode(run[0].sep));
      var inner = doc.createDocumentFragment(), box = inner, f = fmt ? fmt.split(",") : [];
      if (href !== null && f.indexOf("img") < 0) { var a = el(doc, "a"); a.setAttribute("href", href); box.appendChild(a); box = a; }
      f.forEach(function (name) {
        if (name === "strong" || name === "em" || (name === "code" && !pre)) { var e = el(doc, name); box.appendChild(e); box = e; }
      });
      run.forEach(function (w, n) {
        if (n && w.sep) box.appendChild(doc.createTextNode(w.sep));
        if (w.fmt.indexOf("br") >= 0) box.appendChild(el(doc, "br"));
        else if (w.fmt.indexOf("img") >= 0) {
          var img = el(doc, "img"); img.setAttribute("src", w.href || ""); img.setAttribute("alt", w.text.trim());
          box.appendChild(img);
        } else box.appendChild(doc.createTextNode(w.text));
      });
      target.appendChild(inner);
    }
  }

  /* Replace a leaf's own inline content (not its nested blocks) with `frag`. */
  function replaceInline(leaf, frag) {
    if (leaf.tagName === "PRE") {
      leaf.textContent = "";
      leaf.appendChild(leaf.ownerDocument.createElement("code")).appendChild(frag);
      return;
    }
    var keep = null;
    Array.prototype.slice.call(leaf.childNodes).forEach(function (c) {
      if (c.nodeType === 1 && (BLOCK.test(c.tagName) || c.matches(".headerlink"))) { keep = keep || c; return; }
      leaf.removeChild(c);
    });
    leaf.insertBefore(frag, keep);
  }

  function markWhole(doc, leafEl, op, t) {
    var words = inlineWords(leafEl, "http://x.invalid/");
    replaceInline(leafEl, renderOps(doc, words.map(function (w) { return [op, w]; }), t, leafEl.tagName === "PRE"));
  }

  function leavesIn(node, leafSet) {
    var out = leafSet.has(node) ? [node] : [];
    Array.prototype.forEach.call(node.querySelectorAll("*"), function (e) { if (leafSet.has(e)) out.push(e); });
    return out;
  }

  /* Build the redline in `newCopy` (the new version's body, already in `doc`),
     taking deleted blocks from `oldCopy`. Returns {fragment, summary, items, ...}. */
  function render(doc, cmp, newCopy, oldCopy, lang, prefix) {
    var t = strings(lang);
    prefix = prefix === undefined ? "mkc-" : prefix;
    var ids = new Set(), used = new Set();
    newCopy.querySelectorAll("[id]").forEach(function (e) { ids.add(e.id); e.id = prefix + e.id; used.add(e.id); });
    oldCopy.querySelectorAll("[id]").forEach(function (e) { e.removeAttribute("id"); });
    oldCopy.querySelectorAll(".headerlink").forEach(function (e) { e.remove(); });
    [newCopy, oldCopy].forEach(function (root) {   // same-page links follow the prefixed ids
      root.querySelectorAll("a[href^='#']").forEach(function (a) {
        var id = decodeURIComponent(a.getAttribute("href").slice(1));
        if (ids.has(id)) a.setAttribute("href", "#" + prefix + id);
      });
    });
    function unique(base) { var id = base, n = 0; while (used.has(id)) id = base + "_" + (++n); used.add(id); return id; }
    function topBlock(e, root) { while (e.parentNode && e.parentNode !== root) e = e.parentNode; return e; }
    var oldLeafEls = new Set(), deletedEls = new Set(), entries = [];
    cmp.oldSections.forEach(function (s) {
      (s.heading ? [s.heading] : []).concat(s.leaves).forEach(function (l) { oldLeafEls.add(l.el); });
    });
    cmp.sections.forEach(function (it) {
      it.changes.forEach(function (c) { if (c.op === "delete") deletedEls.add(c.o.el); });
    });

    function insertAfter(node, ref) {
      if (ref) ref.parentNode.insertBefore(node, ref.nextSibling);
      else newCopy.insertBefore(node, newCopy.firstChild);
    }

    /* A deleted leaf goes after `ref`, the new place of the old leaf before it. The
       largest enclosing block whose leaves are all deleted (a row, an item, a whole
       list or table) is shown whole, in a host of its kind where there is one. */
    function placeDeleted(o, ref) {
      var src = o.el, unit = src, node;
      if (src.closest("[data-mk-placed]")) return ref;   // shown with its block already
      while (unit.parentNode !== oldCopy && leavesIn(unit.parentNode, oldLeafEls).every(function (e) { return deletedEls.has(e); })) {
        unit = unit.parentNode;
      }
      node = unit.cloneNode(true);
      var copies = node.querySelectorAll("*");
      Array.prototype.forEach.call(unit.querySelectorAll("*"), function (e, n) {
        if (oldLeafEls.has(e)) markWhole(doc, copies[n], "-", t);
      });
      if (oldLeafEls.has(unit)) markWhole(doc, node, "-", t);
      node.classList.add("mk-block-del");
      unit.setAttribute("data-mk-placed", "1");
      var result = unit === src ? node : lastLeaf(node);
      if (unit.parentNode === oldCopy) {   // a top-level block: after the reference's block
        insertAfter(node, ref ? topBlock(ref, newCopy) : null);
        return result;
      }
      var kin = { LI: "li", TD: "td, th", TH: "td, th", DT: "dt, dd", DD: "dt, dd" }[unit.tagName] || unit.tagName.toLowerCase();
      var host = ref ? ref.closest(kin) : null;
      if (host && newCopy.contains(host)) { insertAfter(node, host); return result; }
      node = orphan(node);
      if (ref && !ref.closest("li, td, th, dt, dd") && !/^(TR|TBODY|THEAD|UL|OL|DL)$/.test(node.tagName)) insertAfter(node, ref);
      else insertAfter(node, ref ? topBlock(ref, newCopy) : null);
      return result;
    }

    /* A deleted part with nowhere of its kind to go: give it a valid container. */
    function orphan(node) {
      var wrap = { LI: ["ul"], TR: ["table", "tbody"], TBODY: ["table"], THEAD: ["table"], DT: ["dl"], DD: ["dl"] }[node.tagName];
      if (node.tagName === "TD" || node.tagName === "TH") {
        var p = doc.createElement("p");
        while (node.firstChild) p.appendChild(node.firstChild);
        p.className = node.className;
        return p;
      }
      if (!wrap) return node;
      var outer = doc.createElement(wrap[0]), inner = outer;
      if (wrap[1]) inner = outer.appendChild(doc.createElement(wrap[1]));
      inner.appendChild(node);
      outer.classList.add("mk-block-del");
      return outer;
    }
    function lastLeaf(node) {
      var all = node.querySelectorAll("p, li, td, th, dt, dd, pre, h1, h2, h3, h4, h5, h6");
      return all.length ? all[all.length - 1] : node;
    }

    cmp.sections.forEach(function (it) {
      var s = it.neu, anchorEl = s.heading ? s.heading.el : null;
      it.changes.forEach(function (c) {
        if (c.op === "delete" || c.op === "equal") return;
        replaceInline(c.n.el, renderOps(doc, c.ops, t, c.n.tag === "pre"));
        if (c.op === "insert") c.n.el.classList.add("mk-block-ins");
        if (c.op === "moved") {
          c.n.el.classList.add("mk-moved");
          c.n.el.insertBefore(doc.createTextNode(" "), c.n.el.firstChild);
          c.n.el.insertBefore(el(doc, "span", "mk-note mk-badge", "[" + t.moved_badge + "]"), c.n.el.firstChild);
        }
      });
      var ref = anchorEl, newPlace = new Map();
      it.changes.forEach(function (c) { if (c.o && c.n && c.op !== "moved") newPlace.set(c.o, c.n.el); });
      if (it.old) {
        (it.old.heading ? [it.old.heading] : []).concat(it.old.leaves).forEach(function (o) {
          if (newPlace.has(o)) ref = newPlace.get(o);
          else if (deletedEls.has(o.el)) ref = placeDeleted(o, ref);
        });
      }
      if (!s.heading && it.kind !== "equal") {
        anchorEl = el(doc, "div", "mk-intro");
        anchorEl.id = unique(prefix + "mk-intro");
        newCopy.insertBefore(anchorEl, newCopy.firstChild);
      }
      if (it.kind !== "equal") entries.push({ kind: it.kind, el: anchorEl, title: s.title, ins: it.ins, dels: it.dels });
    });

    // Removed sections, and notes where moved ones were: before the next new section.
    var N = cmp.newSections;
    cmp.placed.forEach(function (list, at) {
      var before = null, next;
      if (at === null) before = newCopy.firstChild;
      else for (next = at + 1; next < N.length; next++) if (N[next].heading) { before = topBlock(N[next].heading.el, newCopy); break; }
      list.forEach(function (it) {
        var nodes = [];
        if (it.kind === "stub") {
          var h = it.neu.heading.el, p = el(doc, "p", "mk-note mk-moved-from");
          p.id = unique(prefix + "mk-from-" + (it.neu.id || "section"));
          var to = el(doc, "a", "", t.moved_away_link), back = el(doc, "a", "", t.moved_here_link);
          to.setAttribute("href", "#" + h.id);
          back.setAttribute("href", "#" + p.id);
          fill(p, t.moved_away, { title: it.old.title, link: to });
          var note = el(doc, "p", "mk-note mk-moved-note");
          fill(note, t.moved_here, { link: back });
          h.classList.add("mk-moved");
          h.parentNode.insertBefore(note, h.nextSibling);
          nodes.push(p);
        } else {
          var first = it.old.heading || it.old.leaves[0];
          for (var e = first ? topBlock(first.el, oldCopy) : null; e; e = e.nextElementSibling) {
            if (nodes.length && leavesIn(e, oldLeafEls).some(function (x) { return HEADING.test(x.tagName); })) break;
            var copy = e.cloneNode(true), originals = e.querySelectorAll("*"), copies = copy.querySelectorAll("*");
            if (oldLeafEls.has(e)) markWhole(doc, copy, "-", t);
            Array.prototype.forEach.call(originals, function (x, n) { if (oldLeafEls.has(x)) markWhole(doc, copies[n], "-", t); });
            copy.classList.add("mk-block-del");
            nodes.push(copy);
          }
          if (!nodes.length) return;
          nodes[0].id = unique(prefix + "mk-del-" + (it.old.id || "intro"));
          entries.push({ kind: "removed", el: nodes[0], title: it.old.title, ins: 0, dels: it.dels });
        }
        nodes.forEach(function (n) { if (before) before.parentNode.insertBefore(n, before); else newCopy.appendChild(n); });
      });
    });

    entries.sort(function (x, y) { return x.el.compareDocumentPosition(y.el) & 4 ? -1 : 1; });
    var totalIns = 0, totalDel = 0;
    entries.forEach(function (e) { e.anchor = e.el.id; totalIns += e.ins; totalDel += e.dels; });
    oldCopy.querySelectorAll("[data-mk-placed]").forEach(function (e) { e.removeAttribute("data-mk-placed"); });
    var wrap = el(doc, "div", "mk-redline");
    while (newCopy.firstChild) wrap.appendChild(newCopy.firstChild);
    return { fragment: wrap, summary: summaryNode(doc, entries, totalIns, totalDel, t), items: entries,
      wordsInserted: totalIns, wordsDeleted: totalDel };
  }

  function fill(parent, template, parts) {
    template.split(/(\{\w+\})/).forEach(function (piece) {
      var m = /^\{(\w+)\}$/.exec(piece);
      if (m && parts[m[1]] !== undefined) {
        parent.appendChild(typeof parts[m[1]] === "string" ? parent.ownerDocument.createTextNode(parts[m[1]]) : parts[m[1]]);
      } else if (piece) parent.appendChild(parent.ownerDocument.createTextNode(piece));
    });
  }

  function summaryNode(doc, items, ins, dels, t) {
    var box = el(doc, "div", "mk-redline-summary");
    if (!items.length) { box.appendChild(el(doc, "p", "", t.no_changes)); return box; }
    var counts = t.counts.replace("{ins}", ins).replace("{dels}", dels);
    box.appendChild(el(doc, "p", "mk-totals", t.totals.replace("{counts}", counts)));
    var ul = el(doc, "ul");
    items.forEach(function (s) {
      var li = el(doc, "li", "mk-sum-" + s.kind), a = el(doc, "a", "", s.title || t.intro);
      a.setAttribute("href", "#" + s.anchor);
      li.appendChild(el(doc, "span", "mk-kind", t["kind_" + s.kind]));
      li.appendChild(doc.createTextNode(": "));
      li.appendChild(a);
      li.appendChild(doc.createTextNode(" "));
      li.appendChild(el(doc, "span", "mk-counts", "(" + t.counts.replace("{ins}", s.ins).replace("{dels}", s.dels) + ")"));
      ul.appendChild(li);
    });
    box.appendChild(ul);
    return box;
  }

  /* ---- the page ---------------------------------------------------------- */

  /* The element whose children are the notice's blocks: [data-mk-body], else the
     article (through any lone wrapper). */
  function bodyOf(doc) {
    var root = doc.querySelector("[data-mk-body]");
    if (root) return root;
    root = doc.querySelector("article") || doc.body;
    while (root.children.length === 1 && /^(DIV|SECTION|MAIN)$/.test(root.firstElementChild.tagName) &&
           !root.firstElementChild.classList.contains("admonition")) root = root.firstElementChild;
    return root;
  }

  /* Drop anything active, and make links absolute (or "#frag" within the page), since the
     result is shown on another page. */
  function sanitize(root, pageUrl) {
    root.querySelectorAll("script, style, template, noscript, iframe, object, embed, form, .md-content__button, [data-mk-skip]")
      .forEach(function (e) { e.remove(); });
    root.querySelectorAll("a[href]").forEach(function (a) { a.setAttribute("href", linkTarget(a.getAttribute("href"), pageUrl)); });
    root.querySelectorAll("img[src]").forEach(function (i) { i.setAttribute("src", linkTarget(i.getAttribute("src"), pageUrl)); });
    root.querySelectorAll("*").forEach(function (e) {
      Array.prototype.slice.call(e.attributes).forEach(function (a) { if (/^on/i.test(a.name)) e.removeAttribute(a.name); });
    });
    return root;
  }

  function fetchPage(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + url);
      return r.text();
    }).then(function (html) { return new DOMParser().parseFromString(html, "text/html"); });
  }

  function compareUrls(oldUrl, newUrl, lang) {
    var a = new URL(oldUrl, location.href), b = new URL(newUrl, location.href);
    if (a.origin !== location.origin || b.origin !== location.origin) return Promise.reject(new Error("cross-origin"));
    return Promise.all([fetchPage(a.href), fetchPage(b.href)]).then(function (docs) {
      var oldCopy = sanitize(document.importNode(bodyOf(docs[0]), true), a.href);
      var newCopy = sanitize(document.importNode(bodyOf(docs[1]), true), b.href);
      return render(document, compareRoots(oldCopy, newCopy, a.href, b.href), newCopy, oldCopy, lang);
    });
  }

  function init() {
    document.querySelectorAll("form[data-mk-compare]").forEach(function (form) {
      var lang = (form.getAttribute("lang") || document.documentElement.lang || "id").slice(0, 2);
      var t = strings(lang), out = document.getElementById(form.getAttribute("data-mk-result") || "mk-compare-result");
      if (!out || !t) return;
      form.removeAttribute("hidden");
      var status = el(document, "p", "mk-compare-status");
      status.setAttribute("role", "status");
      form.parentNode.insertBefore(status, form.nextSibling);
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var oldSel = form.elements.old, newSel = form.elements["new"];
        if (oldSel.value === newSel.value) { status.textContent = t.same_version; return; }
        status.textContent = t.loading;
        out.setAttribute("aria-busy", "true");
        compareUrls(oldSel.value, newSel.value, lang).then(function (res) {
          out.textContent = "";
          var h = el(document, "h2", "mk-compare-heading", t.comparing
            .replace("{old}", oldSel.options[oldSel.selectedIndex].text).replace("{new}", newSel.options[newSel.selectedIndex].text));
          h.id = "mk-compare-heading";
          out.appendChild(h);
          out.appendChild(res.summary);
          out.appendChild(res.fragment);
          status.textContent = "";
          out.removeAttribute("aria-busy");
          out.focus();
        }).catch(function (err) {
          out.removeAttribute("aria-busy");
          status.textContent = t.error.replace("{reason}", err && err.message ? err.message : String(err));
        });
      });
    });
  }

  global.MaklumatCompare = { strings: strings, splitWords: splitWords, diffWords: diffWords, opcodes: opcodes,
    compareRoots: compareRoots, render: render, compareUrls: compareUrls, init: init };
  if (typeof document !== "undefined") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
  }
})(typeof window !== "undefined" ? window : this);
