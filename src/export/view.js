// geokg view: search, select, filter, pan and zoom over the picture Graphviz drew.
// Every name, alias, sentence and citation goes into the page as text (textContent),
// never as markup; links are made only for http(s) addresses.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('geokg-data').textContent);
  const svg = document.querySelector('#graph svg');
  const panel = document.getElementById('panel');
  const box = document.getElementById('q');
  const list = document.getElementById('suggestions');
  const RELATIONS = ['supports', 'opposes', 'warns'];
  // panel groups, in order: [direction, relation, heading]
  const GROUPS = [
    ['in', 'supports', 'Backed by'], ['in', 'opposes', 'Opposed by'],
    ['in', 'warns', 'Warned by'], ['out', 'supports', 'Backs'],
    ['out', 'opposes', 'Opposes'], ['out', 'warns', 'Warns']];

  const state = { actor: null, relations: new Set(RELATIONS), hedged: true, since: '', until: '' };

  // ---- elements of the picture ----
  const nodeOf = data.actors.map((a) => (svg && document.getElementById(a.svg)) || null);
  const edgeOf = data.edges.map((e, i) => (svg && document.getElementById('e' + i)) || null);
  const actorOfNode = new Map();
  nodeOf.forEach((n, i) => {
    if (!n) return;
    actorOfNode.set(n, i);
    n.setAttribute('tabindex', '0');
    n.setAttribute('role', 'button');
    n.setAttribute('aria-label', data.actors[i].name);
  });
  const ties = data.actors.map(() => []);
  data.edges.forEach((e, i) => {
    ties[e.source].push(i);
    if (e.target !== e.source) ties[e.target].push(i);
  });

  // ---- filters ----
  // A date as the first or last day it can mean, as text that sorts: 2020 -> 2020-01-01
  // or 2020-12-31 (the rule of geokg's --since and --until).
  function day(d, last) {
    const p = d.split('-');
    return [p[0], p[1] || (last ? '12' : '01'), p[2] || (last ? '31' : '01')].join('-');
  }
  const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
  function inWindow(c) {
    const lo = DATE.test(state.since) ? day(state.since, false) : '';
    const hi = DATE.test(state.until) ? day(state.until, true) : '';
    if (!lo && !hi) return true;
    if (!c.from && !c.until) return false;
    // a sentence read in a dated article holds on that day only
    const until = c.until || (c.doc !== undefined ? c.from : null);
    const from = c.from ? day(c.from, false) : '0000-01-01';
    const to = until ? day(until, true) : '9999-12-31';
    return (!hi || from <= hi) && (!lo || to >= lo);
  }
  function claimsShown(e) {
    if (!state.relations.has(e.relation)) return [];
    return e.claims.filter((c) => (state.hedged || !c.hedged) && inWindow(c));
  }
  const shown = () => data.edges.map((e) => claimsShown(e));

  // ---- drawing the state ----
  function paint() {
    const kept = shown();
    const seen = new Set();
    data.edges.forEach((e, i) => {
      const on = kept[i].length > 0;
      if (on) { seen.add(e.source); seen.add(e.target); }
      if (edgeOf[i]) edgeOf[i].classList.toggle('off', !on);
    });
    nodeOf.forEach((n, i) => n && n.classList.toggle('off', !seen.has(i)));
    const sel = state.actor;
    if (svg) svg.classList.toggle('selecting', sel !== null);
    document.querySelectorAll('#graph .hl').forEach((el) => el.classList.remove('hl'));
    if (sel !== null) {
      if (nodeOf[sel]) nodeOf[sel].classList.add('hl');
      for (const i of ties[sel]) {
        if (!kept[i].length) continue;
        const e = data.edges[i];
        [edgeOf[i], nodeOf[e.source], nodeOf[e.target]].forEach((el) => el && el.classList.add('hl'));
      }
    }
    showPanel(kept);
    writeFragment();
  }

  function el(tag, cls, text) {
    const x = document.createElement(tag);
    if (cls) x.className = cls;
    if (text !== undefined) x.textContent = text;
    return x;
  }
  function dates(from, until, doc) {
    if (!from && !until) return '';
    if (doc !== undefined && !until) return '[' + from + ']';
    return '[' + (from || '') + '..' + (until || '') + ']';
  }
  const URL_RE = /\bhttps?:\/\/[^\s<>"'()\]]+[^\s<>"'().,;:\]]/g;
  // Text with its http(s) addresses as links that open in a new tab.
  function linked(text) {
    const span = el('span', 'text');
    let at = 0;
    for (const m of text.matchAll(URL_RE)) {
      span.append(text.slice(at, m.index));
      const a = el('a', null, m[0]);
      a.href = m[0];
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      span.append(a);
      at = m.index + m[0].length;
    }
    span.append(text.slice(at));
    return span;
  }
  function sources(claims) {
    return new Set(claims.map((c) => (c.citation !== undefined ? 'c:' + c.citation : 'd:' + c.doc))).size;
  }
  function actorButton(i) {
    const b = el('button', 'actor', data.actors[i].name);
    b.type = 'button';
    b.addEventListener('click', () => select(i, false));
    return b;
  }

  function showPanel(kept) {
    panel.replaceChildren();
    const sel = state.actor;
    if (sel === null) {
      panel.append(el('p', 'hint', 'Click an actor, or find one by name, to see its ties and the evidence for each.'));
      return;
    }
    const a = data.actors[sel];
    const head = el('h2', 'name', a.name);
    head.id = 'panel-name';
    panel.append(head);
    panel.append(el('p', 'kind', a.kind.replace(/_/g, ' ') + (a.aliases.length ? ' · also ' + a.aliases.join(', ') : '')));
    let count = 0;
    for (const [dir, relation, title] of GROUPS) {
      const rows = ties[sel]
        .filter((i) => kept[i].length && data.edges[i].relation === relation &&
          (dir === 'out' ? data.edges[i].source === sel : data.edges[i].target === sel && data.edges[i].source !== sel))
        .map((i) => ({ i, other: dir === 'out' ? data.edges[i].target : data.edges[i].source, claims: kept[i] }))
        .sort((x, y) => sources(y.claims) - sources(x.claims) ||
          data.actors[x.other].name.localeCompare(data.actors[y.other].name));
      if (!rows.length) continue;
      count += rows.length;
      const section = el('section', 'group');
      section.dataset.direction = dir;
      section.dataset.relation = relation;
      section.append(el('h3', 'rel ' + relation, title + ' (' + rows.length + ')'));
      const ul = el('ul', 'ties');
      for (const row of rows) ul.append(tieItem(row, dir, relation));
      section.append(ul);
      panel.append(section);
    }
    if (!count) panel.append(el('p', 'hint', 'No tie passes the filters.'));
  }

  function tieItem(row, dir, relation) {
    const li = el('li', 'tie');
    li.dataset.direction = dir;
    li.dataset.relation = relation;
    li.dataset.actor = data.actors[row.other].id;
    const hedged = row.claims.every((c) => c.hedged);
    const line = el('div', 'tie-head');
    const self = el('span', 'self', data.actors[state.actor].name);
    const verb = el('span', 'rel ' + relation, relation);
    if (dir === 'out') line.append(self, ' ', verb, ' ', actorButton(row.other));
    else line.append(actorButton(row.other), ' ', verb, ' ', self);
    if (hedged) line.append(' ', el('span', 'badge', 'hedged'));
    const n = sources(row.claims);
    line.append(' ', el('span', 'meta', n + (n === 1 ? ' source' : ' sources') + ', ' +
      row.claims.length + (row.claims.length === 1 ? ' claim' : ' claims')));
    li.append(line);
    const ev = el('ul', 'evidence');
    for (const c of row.claims) {
      const item = el('li', c.citation !== undefined ? 'citation' : 'sentence');
      if (c.citation !== undefined) {
        item.append(el('span', 'label', 'citation: '), linked(c.citation));
      } else {
        item.append(linked('“' + c.sentence.replace(/\s+/g, ' ').trim() + '”'), ' ');
        const where = el('span', 'doc');
        where.append('— ', linked(c.doc), ', sentence ' + c.index);
        item.append(where);
      }
      const d = dates(c.from, c.until, c.doc);
      if (d) item.append(' ', el('span', 'dates', d));
      if (c.hedged) item.append(' ', el('span', 'badge', 'hedged'));
      ev.append(item);
    }
    li.append(ev);
    return li;
  }

  // From the picture: keep the view, bring the node into it. From the search box, the
  // panel or a link: show the actor with all its ties.
  function select(i, fromPicture) {
    state.actor = i;
    paint();
    if (i !== null && nodeOf[i]) {
      if (fromPicture) reveal(nodeOf[i]);
      else fitTies();
    }
    if (fromPicture) panel.focus({ preventScroll: true });
  }

  // ---- the URL fragment keeps the view: #actor=ID&hide=warns&hedged=0&since=..&until=.. ----
  function writeFragment() {
    const p = new URLSearchParams();
    if (state.actor !== null) p.set('actor', data.actors[state.actor].id);
    const hidden = RELATIONS.filter((r) => !state.relations.has(r));
    if (hidden.length) p.set('hide', hidden.join(','));
    if (!state.hedged) p.set('hedged', '0');
    if (state.since) p.set('since', state.since);
    if (state.until) p.set('until', state.until);
    const hash = p.toString() ? '#' + p.toString() : '';
    if (hash === location.hash || (!hash && !location.hash)) return;
    try { history.replaceState(null, '', hash || location.pathname + location.search); } catch (e) { /* file: in some browsers */ }
  }
  function readFragment() {
    const p = new URLSearchParams(location.hash.slice(1));
    const id = p.get('actor');
    const i = id === null ? -1 : data.actors.findIndex((a) => a.id === id);
    state.actor = i >= 0 ? i : (location.hash ? null : data.focus);
    const hide = (p.get('hide') || '').split(',');
    state.relations = new Set(RELATIONS.filter((r) => !hide.includes(r)));
    state.hedged = p.get('hedged') !== '0';
    state.since = p.get('since') || '';
    state.until = p.get('until') || '';
    document.querySelectorAll('input[name=relation]').forEach((b) => { b.checked = state.relations.has(b.value); });
    document.getElementById('hedged').checked = state.hedged;
    document.getElementById('since').value = state.since;
    document.getElementById('until').value = state.until;
  }

  // ---- search with completion over names and aliases ----
  const fold = (s) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const index = [];
  data.actors.forEach((a, i) => {
    index.push([fold(a.name), i, null]);
    for (const alias of a.aliases) index.push([fold(alias), i, alias]);
  });
  let active = -1;
  function suggest() {
    const q = fold(box.value.trim());
    list.replaceChildren();
    active = -1;
    if (!q) return closeList();
    const best = new Map();
    for (const [text, i, alias] of index) {
      const at = text.indexOf(q);
      if (at < 0) continue;
      // whole name first, then a word's start, then anywhere
      const rank = text === q ? 0 : at === 0 ? 1 : /[\s\-'’(]/.test(text[at - 1]) ? 2 : 3;
      const was = best.get(i);
      // the alias is shown only when the name itself does not match
      if (!was) best.set(i, { rank, alias });
      else if (rank < was.rank) best.set(i, { rank, alias: was.alias && alias });
    }
    const found = [...best].sort((x, y) => x[1].rank - y[1].rank ||
      data.actors[x[0]].name.localeCompare(data.actors[y[0]].name)).slice(0, 12);
    found.forEach(([i, m], k) => {
      const li = el('li', 'option', data.actors[i].name);
      li.id = 'suggestion-' + k;
      li.setAttribute('role', 'option');
      li.dataset.actor = data.actors[i].id;
      if (m.alias) li.append(el('span', 'alias', ' (' + m.alias + ')'));
      li.addEventListener('mousedown', (ev) => ev.preventDefault());
      li.addEventListener('click', () => choose(i));
      list.append(li);
    });
    if (!found.length) list.append(el('li', 'none', 'no actor by that name here'));
    list.hidden = false;
    box.setAttribute('aria-expanded', 'true');
  }
  function closeList() {
    list.hidden = true;
    box.setAttribute('aria-expanded', 'false');
    box.removeAttribute('aria-activedescendant');
  }
  function choose(i) {
    box.value = data.actors[i].name;
    closeList();
    select(i, false);
  }
  function move(step) {
    const options = list.querySelectorAll('.option');
    if (!options.length) return;
    active = (active + step + options.length) % options.length;
    options.forEach((o, k) => o.setAttribute('aria-selected', String(k === active)));
    box.setAttribute('aria-activedescendant', options[active].id);
    options[active].scrollIntoView({ block: 'nearest' });
  }
  box.addEventListener('input', suggest);
  box.addEventListener('blur', closeList);
  box.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown') { ev.preventDefault(); if (list.hidden) suggest(); move(1); }
    else if (ev.key === 'ArrowUp') { ev.preventDefault(); move(-1); }
    else if (ev.key === 'Enter') {
      const options = list.querySelectorAll('.option');
      const pick = options[Math.max(active, 0)];
      if (pick) { ev.preventDefault(); choose(data.actors.findIndex((a) => a.id === pick.dataset.actor)); }
    } else if (ev.key === 'Escape') closeList();
  });

  // ---- filters ----
  document.getElementById('filters').addEventListener('input', () => {
    state.relations = new Set([...document.querySelectorAll('input[name=relation]:checked')].map((b) => b.value));
    state.hedged = document.getElementById('hedged').checked;
    for (const name of ['since', 'until']) {
      const input = document.getElementById(name);
      const v = input.value.trim();
      input.setAttribute('aria-invalid', String(v !== '' && !DATE.test(v)));
      state[name] = DATE.test(v) ? v : '';
    }
    paint();
  });

  // ---- pan and zoom: the SVG's viewBox ----
  let view = null;
  let home = null;
  if (svg) {
    const vb = svg.viewBox.baseVal;
    home = { x: vb.x, y: vb.y, w: vb.width, h: vb.height };
    view = { ...home };
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  }
  function setView(v) {
    view = v;
    svg.setAttribute('viewBox', [v.x, v.y, v.w, v.h].join(' '));
  }
  function zoom(factor, cx, cy) {
    if (!svg) return;
    const w = Math.min(Math.max(view.w * factor, home.w / 40), home.w * 4);
    const k = w / view.w;
    const px = cx === undefined ? view.x + view.w / 2 : cx;
    const py = cy === undefined ? view.y + view.h / 2 : cy;
    setView({ x: px - (px - view.x) * k, y: py - (py - view.y) * k, w, h: view.h * k });
  }
  function pan(dx, dy) { if (svg) setView({ ...view, x: view.x + dx, y: view.y + dy }); }
  function toSvg(ev) {
    const r = svg.getBoundingClientRect();
    const s = Math.max(view.w / r.width, view.h / r.height);
    return { x: view.x + view.w / 2 + (ev.clientX - r.left - r.width / 2) * s, y: view.y + view.h / 2 + (ev.clientY - r.top - r.height / 2) * s, s };
  }
  // keep a selected node inside the view
  function reveal(node) {
    const r = node.getBoundingClientRect();
    const p = toSvg({ clientX: r.left + r.width / 2, clientY: r.top + r.height / 2 });
    if (p.x < view.x || p.y < view.y || p.x > view.x + view.w || p.y > view.y + view.h) {
      setView({ ...view, x: p.x - view.w / 2, y: p.y - view.h / 2 });
    }
  }
  function fitTies() {
    const boxes = [...svg.querySelectorAll('g.node.hl')].map((n) => n.getBoundingClientRect());
    if (!boxes.length) return;
    const a = toSvg({ clientX: Math.min(...boxes.map((b) => b.left)), clientY: Math.min(...boxes.map((b) => b.top)) });
    const b = toSvg({ clientX: Math.max(...boxes.map((b) => b.right)), clientY: Math.max(...boxes.map((b) => b.bottom)) });
    const pad = Math.max(b.x - a.x, b.y - a.y) * 0.08 + 10;
    const w = Math.max(b.x - a.x + 2 * pad, home.w / 6);
    const h = Math.max(b.y - a.y + 2 * pad, home.h / 6);
    setView({ x: (a.x + b.x - w) / 2, y: (a.y + b.y - h) / 2, w, h });
  }
  const graph = document.getElementById('graph');
  let drag = null;
  if (svg) {
    graph.addEventListener('wheel', (ev) => {
      ev.preventDefault();
      const p = toSvg(ev);
      zoom(ev.deltaY > 0 ? 1.15 : 1 / 1.15, p.x, p.y);
    }, { passive: false });
    svg.addEventListener('pointerdown', (ev) => { drag = { x: ev.clientX, y: ev.clientY, moved: false }; });
    svg.addEventListener('pointermove', (ev) => {
      if (!drag || !(ev.buttons & 1)) return;
      const dx = ev.clientX - drag.x;
      const dy = ev.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      if (!drag.moved) svg.setPointerCapture(ev.pointerId);
      drag.moved = true;
      const s = toSvg(ev).s;
      pan(-dx * s, -dy * s);
      drag.x = ev.clientX;
      drag.y = ev.clientY;
    });
    svg.addEventListener('click', (ev) => {
      const wasDrag = drag && drag.moved;
      drag = null;
      if (wasDrag) return;
      const node = ev.target.closest('g.node');
      select(node && actorOfNode.has(node) ? actorOfNode.get(node) : null, true);
    });
    svg.addEventListener('keydown', (ev) => {
      const node = ev.target.closest && ev.target.closest('g.node');
      if (node && (ev.key === 'Enter' || ev.key === ' ')) { ev.preventDefault(); select(actorOfNode.get(node), true); }
    });
  }
  document.getElementById('zoom-in').addEventListener('click', () => zoom(1 / 1.4));
  document.getElementById('zoom-out').addEventListener('click', () => zoom(1.4));
  document.getElementById('zoom-fit').addEventListener('click', () => svg && setView({ ...home }));
  graph.addEventListener('keydown', (ev) => {
    if (!svg || ev.target.closest('button')) return;
    const step = view.w / 10;
    const keys = {
      ArrowLeft: () => pan(-step, 0), ArrowRight: () => pan(step, 0),
      ArrowUp: () => pan(0, -step), ArrowDown: () => pan(0, step),
      '+': () => zoom(1 / 1.4), '=': () => zoom(1 / 1.4), '-': () => zoom(1.4), 0: () => setView({ ...home }),
    };
    if (keys[ev.key]) { ev.preventDefault(); keys[ev.key](); }
  });
  document.addEventListener('keydown', (ev) => {
    if (ev.key === '/' && document.activeElement !== box && !/^(INPUT|TEXTAREA)$/.test(document.activeElement.tagName)) {
      ev.preventDefault();
      box.focus();
      box.select();
    } else if (ev.key === 'Escape' && document.activeElement !== box) {
      select(null, false);
    }
  });

  window.addEventListener('hashchange', () => { readFragment(); select(state.actor, false); });
  readFragment();
  select(state.actor, false);
  if (state.actor !== null) box.value = data.actors[state.actor].name;
  document.body.dataset.ready = String(Math.round(performance.now()));
})();
