// The status page: loads api/status every few seconds and renders the line and device tables.
// Self-contained (no libraries); all text goes through textContent.
(function () {
  'use strict';
  var REFRESH_MS = 5000;
  var SVG = 'http://www.w3.org/2000/svg';
  var SPARK_W = 120, SPARK_H = 24, PAD = 2;

  function cell(row, text, cls) {
    var td = document.createElement('td');
    td.textContent = text === null || text === undefined || text === '' ? '-' : String(text);
    if (cls) td.className = cls;
    row.appendChild(td);
    return td;
  }

  function fmt(n) { return n === null || n === undefined ? '-' : String(n); }

  function time(iso) {
    if (!iso) return '-';
    var d = new Date(iso);
    return isNaN(d.getTime()) ? iso : d.toLocaleTimeString();
  }

  // An SVG sparkline of rttAvgMs over the history; checks without a reply break the line and
  // show a red dot at the bottom.
  function sparkline(history) {
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'spark');
    svg.setAttribute('viewBox', '0 0 ' + SPARK_W + ' ' + SPARK_H);
    svg.setAttribute('role', 'img');
    var base = document.createElementNS(SVG, 'line');
    base.setAttribute('class', 'base');
    base.setAttribute('x1', 0); base.setAttribute('x2', SPARK_W);
    base.setAttribute('y1', SPARK_H - 0.5); base.setAttribute('y2', SPARK_H - 0.5);
    svg.appendChild(base);
    var values = history.map(function (h) { return h.rttAvgMs; });
    var known = values.filter(function (v) { return v !== null && v !== undefined; });
    var title = document.createElementNS(SVG, 'title');
    title.textContent = known.length ? 'RTT avg ms, last ' + values.length + ' checks: '
      + Math.min.apply(null, known) + ' to ' + Math.max.apply(null, known) : 'no replies';
    svg.appendChild(title);
    if (!values.length) return svg;
    var lo = known.length ? Math.min.apply(null, known) : 0;
    var hi = known.length ? Math.max.apply(null, known) : 1;
    if (hi - lo < 1e-9) { lo -= 1; hi += 1; }
    var step = values.length > 1 ? (SPARK_W - 2 * PAD) / (values.length - 1) : 0;
    var segment = [];
    function flush() {
      if (!segment.length) return;
      if (segment.length === 1) segment.push((Number(segment[0].split(',')[0]) + 1) + ',' + segment[0].split(',')[1]);
      var pl = document.createElementNS(SVG, 'polyline');
      pl.setAttribute('points', segment.join(' '));
      svg.appendChild(pl);
      segment = [];
    }
    values.forEach(function (v, i) {
      var x = (PAD + i * step).toFixed(1);
      if (v === null || v === undefined) {
        flush();
        var c = document.createElementNS(SVG, 'circle');
        c.setAttribute('class', 'lost');
        c.setAttribute('cx', x); c.setAttribute('cy', SPARK_H - PAD); c.setAttribute('r', 1.5);
        svg.appendChild(c);
      } else {
        var y = (SPARK_H - PAD - (v - lo) / (hi - lo) * (SPARK_H - 2 * PAD)).toFixed(1);
        segment.push(x + ',' + y);
      }
    });
    flush();
    return svg;
  }

  // Filters and sort live in the URL hash (#status=down&router=r1&tag=site=lab&loss=5&sort=loss),
  // so a filtered view can be bookmarked, shared and loaded by a headless browser.
  var FILTERS = ['status', 'router', 'tag', 'loss', 'sort'];
  var SEVERITY = { down: 0, unreachable: 1, error: 2, degraded: 3, skipped: 4, pending: 5, ok: 6 };
  var lastLines = [];

  function filters() {
    var out = {};
    location.hash.replace(/^#/, '').split('&').forEach(function (pair) {
      var eq = pair.indexOf('=');
      if (eq > 0) out[decodeURIComponent(pair.slice(0, eq))] = decodeURIComponent(pair.slice(eq + 1));
    });
    return out;
  }

  function control(name) { return document.getElementById('f-' + name); }

  function showFilters(f) {
    FILTERS.forEach(function (name) { control(name).value = f[name] || ''; });
  }

  function writeFilters() {
    var parts = [];
    FILTERS.forEach(function (name) {
      var v = control(name).value.trim();
      if (v) parts.push(name + '=' + encodeURIComponent(v));
    });
    window.history.replaceState(null, '', parts.length ? '#' + parts.join('&') : location.pathname + location.search);
    renderLines(lastLines);
  }

  function hasTag(l, tag) {
    var eq = tag.indexOf('=');
    var tags = l.tags || {};
    if (eq < 0) return Object.prototype.hasOwnProperty.call(tags, tag);
    return tags[tag.slice(0, eq).trim()] === tag.slice(eq + 1).trim();
  }

  function selected(lines, f) {
    var minLoss = f.loss === undefined || f.loss === '' ? null : Number(f.loss);
    var out = lines.filter(function (l) {
      if (f.status === 'problem' ? l.status === 'ok' : f.status && l.status !== f.status) return false;
      if (f.router && l.router !== f.router) return false;
      if (f.tag && !hasTag(l, f.tag)) return false;
      if (minLoss !== null && !isNaN(minLoss) && !(l.lossPercent !== null && Number(l.lossPercent) >= minLoss)) return false;
      return true;
    });
    var key = {
      line: function (l) { return [l.id]; },
      router: function (l) { return [l.router || '', l.id]; },
      status: function (l) { return [SEVERITY[l.status] === undefined ? 9 : SEVERITY[l.status], l.id]; },
      loss: function (l) { return [l.lossPercent === null ? 1 : 0, -(Number(l.lossPercent) || 0), l.id]; }
    }[f.sort];
    if (key) {
      out.sort(function (a, b) {
        var ka = key(a), kb = key(b);
        for (var i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
        return 0;
      });
    }
    return out;
  }

  function routerOptions(lines) {
    var select = control('router');
    var want = filters().router || '';
    var routers = lines.map(function (l) { return l.router; })
      .filter(function (r, i, all) { return r && all.indexOf(r) === i; }).sort();
    if (want && routers.indexOf(want) < 0) routers.push(want);
    var opts = [new Option('any', '')].concat(routers.map(function (r) { return new Option(r, r); }));
    select.replaceChildren.apply(select, opts);
    select.value = want;
  }

  // The router's own SLA operation (probe: sla) next to the line's measurement, so that a
  // disagreement with netpool's ping shows at a glance.
  function slaCell(tr, l) {
    var r = (l.readings || {}).sla;
    if (!r) return cell(tr, '');
    var parts = [r.status];
    if (r.lossPercent !== undefined) parts.push(fmt(r.lossPercent) + ' %');
    if (r.rttAvgMs !== undefined) parts.push(fmt(r.rttAvgMs) + ' ms');
    if (r.jitterSdMs !== undefined || r.jitterDsMs !== undefined) {
      parts.push('jitter ' + fmt(r.jitterSdMs) + ' / ' + fmt(r.jitterDsMs) + ' ms');
    }
    var td = cell(tr, parts.join(' · '), 'sla sla-' + r.status);
    td.setAttribute('data-sla-status', r.status);
    if (r.failure) td.title = r.failure + (r.message ? ': ' + r.message : '');
    return td;
  }

  function renderLines(lines) {
    var f = filters();
    var shown = selected(lines, f);
    var body = document.querySelector('#lines tbody');
    var rows = document.createDocumentFragment();
    shown.forEach(function (l) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-line', l.id);
      tr.setAttribute('data-status', l.status);
      if (l.late) tr.setAttribute('data-late', 'true');
      var link = document.createElement('a');
      link.href = 'lines/' + encodeURIComponent(l.id);
      link.textContent = l.id;
      cell(tr, '').replaceChildren(link);
      cell(tr, l.router);
      cell(tr, l.target);
      var td = cell(tr, '');
      var badge = document.createElement('span');
      badge.className = 'status status-' + l.status;
      badge.textContent = l.status;
      td.textContent = '';
      td.appendChild(badge);
      if (l.late) {
        // checks were skipped (router busy) since this status was measured: it is the last known one
        var late = document.createElement('span');
        late.className = 'late';
        late.textContent = ' (late)';
        late.title = l.skipped + ' check(s) skipped (' + (l.skipReason || 'skipped') + ') since '
          + time(l.lateSince);
        td.appendChild(late);
      }
      if (l.transport === 'telnet') {
        // the latest check ran over Telnet (clear text): protocol telnet, or a fallback from SSH
        var via = document.createElement('span');
        via.className = 'transport';
        via.textContent = ' telnet';
        via.title = l.fallbackReason ? 'Telnet fallback: ' + l.fallbackReason : 'protocol telnet';
        td.appendChild(via);
      }
      var state = cell(tr, l.state, l.state ? 'state state-' + l.state : null);
      if (l.stateCause) state.title = l.stateCause;
      cell(tr, fmt(l.lossPercent), 'num');
      cell(tr, l.rttAvgMs === null ? '-' : fmt(l.rttMinMs) + ' / ' + fmt(l.rttAvgMs) + ' / ' + fmt(l.rttMaxMs), 'num');
      slaCell(tr, l);
      cell(tr, time(l.lastCheck));
      var failure = cell(tr, l.failure);
      if (l.error) failure.title = l.error;
      cell(tr, '').replaceChildren(sparkline(l.history || []));
      cell(tr, Object.keys(l.tags || {}).sort().map(function (k) { return k + '=' + l.tags[k]; }).join(' '), 'tags');
      rows.appendChild(tr);
    });
    body.replaceChildren(rows);
    var count = document.getElementById('shown');
    count.textContent = shown.length === lines.length ? '' : shown.length + ' of ' + lines.length + ' lines shown';
    document.getElementById('lines').setAttribute('data-shown', shown.length);
  }

  function renderDevices(devices) {
    var body = document.querySelector('#devices tbody');
    var rows = document.createDocumentFragment();
    devices.forEach(function (d) {
      var p = d.pool || {};
      var tr = document.createElement('tr');
      tr.setAttribute('data-device', d.id);
      cell(tr, d.id);
      cell(tr, d.platform);
      cell(tr, d.protocol);
      cell(tr, d.lines, 'num');
      cell(tr, fmt(p.sessions), 'num');
      cell(tr, fmt(p.idle), 'num');
      cell(tr, fmt(p.inUse), 'num');
      cell(tr, fmt(p.creating), 'num');
      cell(tr, fmt(p.pending), 'num');
      cell(tr, p.circuit || '-', p.circuit ? 'circuit-' + p.circuit : null);
      rows.appendChild(tr);
    });
    body.replaceChildren(rows);
  }

  // login budgets per AAA group (docs/inventory.md, "AAA groups"); hidden without groups
  function renderGroups(groups) {
    var body = document.querySelector('#groups tbody');
    var rows = document.createDocumentFragment();
    groups.forEach(function (g) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-group', g.name);
      if (g.waiting > 0) tr.className = 'group-waiting';
      cell(tr, g.name);
      cell(tr, g.inProgress + ' / ' + g.maxConcurrentLogins, 'num');
      cell(tr, fmt(g.waiting), 'num');
      cell(tr, fmt(g.maxConcurrentLogins), 'num');
      cell(tr, fmt(g.loginsPerSecond), 'num');
      cell(tr, fmt(g.started), 'num');
      cell(tr, fmt(g.throttled), 'num');
      rows.appendChild(tr);
    });
    body.replaceChildren(rows);
    document.getElementById('aaa-groups').hidden = groups.length === 0;
  }

  // the cluster view (docs/cluster.md); hidden when the node runs alone
  function renderCluster(c, lines) {
    var section = document.getElementById('cluster');
    section.hidden = !c;
    if (!c) return;
    document.getElementById('cluster-name').textContent = c.name + ' (this node: ' + c.node + ')';
    var health = document.getElementById('cluster-health');
    var notes = (c.problems || []).concat(c.warnings || []);
    health.textContent = (c.healthy ? 'healthy' : 'NOT READY') + ', view ' + c.viewId + ', '
      + c.members.length + ' members' + (c.quorum ? ' (quorum ' + c.quorum + ')' : '')
      + (notes.length ? ': ' + notes.join('; ') : '');
    health.className = c.healthy && notes.length === 0 ? 'status-ok' : 'status-down';
    var urls = {};
    var rows = document.createDocumentFragment();
    c.members.forEach(function (m) {
      urls[m.node] = m.statusUrl;
      var tr = document.createElement('tr');
      tr.setAttribute('data-node', m.node);
      cell(tr, m.node);
      cell(tr, [m.self ? 'this node' : '', m.coordinator ? 'coordinator' : ''].filter(Boolean).join(', '));
      cell(tr, fmt(m.devices), 'num');
      cell(tr, fmt(m.lines), 'num');
      cell(tr, m.inventory ? m.inventory + (m.inventory !== c.inventory ? ' (differs)' : '') : '-');
      var td = document.createElement('td');
      if (m.statusUrl) {
        var a = document.createElement('a');
        a.href = m.statusUrl;
        a.textContent = m.statusUrl;
        td.appendChild(a);
      } else {
        td.textContent = '-';
      }
      tr.appendChild(td);
      rows.appendChild(tr);
    });
    document.querySelector('#members tbody').replaceChildren(rows);
    var own = {};
    lines.forEach(function (l) { own[l.id] = true; });
    var remote = document.createDocumentFragment();
    Object.keys(c.owners || {}).forEach(function (id) {
      var node = c.owners[id];
      if (node === c.node || own[id]) return;
      var tr = document.createElement('tr');
      tr.setAttribute('data-remote-line', id);
      var td = document.createElement('td');
      if (urls[node]) {
        var a = document.createElement('a');
        a.href = urls[node] + 'lines/' + encodeURIComponent(id);
        a.textContent = id;
        td.appendChild(a);
      } else {
        td.textContent = id;
      }
      tr.appendChild(td);
      cell(tr, node);
      remote.appendChild(tr);
    });
    document.querySelector('#remote-lines tbody').replaceChildren(remote);
  }

  function renderSummary(lines) {
    var counts = {};
    lines.forEach(function (l) { counts[l.status] = (counts[l.status] || 0) + 1; });
    var summary = document.getElementById('summary');
    summary.replaceChildren();
    var total = document.createElement('span');
    total.textContent = lines.length + ' lines';
    summary.appendChild(total);
    ['ok', 'degraded', 'down', 'unreachable', 'error', 'pending'].forEach(function (s) {
      if (!counts[s]) return;
      var span = document.createElement('span');
      span.className = 'status status-' + s;
      span.textContent = counts[s] + ' ' + s;
      summary.appendChild(span);
    });
  }

  function showError(text) {
    var e = document.getElementById('error');
    e.textContent = text;
    e.hidden = !text;
  }

  function load() {
    return fetch('api/status', { cache: 'no-store', headers: { 'Accept': 'application/json' } })
      .then(function (res) {
        if (!res.ok) throw new Error('api/status answered HTTP ' + res.status);
        return res.json();
      })
      .then(function (data) {
        lastLines = data.lines || [];
        routerOptions(lastLines);
        renderLines(lastLines);
        renderDevices(data.devices || []);
        renderGroups(data.aaaGroups || []);
        renderCluster(data.cluster || null, lastLines);
        renderSummary(data.lines || []);
        document.getElementById('updated').textContent = 'updated ' + time(data.time);
        document.body.setAttribute('data-loaded', 'true');
        showError('');
      })
      .catch(function (e) { showError('cannot load status: ' + e.message); });
  }

  showFilters(filters());
  FILTERS.forEach(function (name) {
    control(name).addEventListener(name === 'tag' || name === 'loss' ? 'input' : 'change', writeFilters);
  });
  window.addEventListener('hashchange', function () { showFilters(filters()); renderLines(lastLines); });
  load();
  setInterval(load, REFRESH_MS);
})();
