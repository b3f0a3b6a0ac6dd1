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

  function renderLines(lines) {
    var body = document.querySelector('#lines tbody');
    var rows = document.createDocumentFragment();
    lines.forEach(function (l) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-line', l.id);
      tr.setAttribute('data-status', l.status);
      if (l.late) tr.setAttribute('data-late', 'true');
      cell(tr, l.id);
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
      cell(tr, fmt(l.lossPercent), 'num');
      cell(tr, l.rttAvgMs === null ? '-' : fmt(l.rttMinMs) + ' / ' + fmt(l.rttAvgMs) + ' / ' + fmt(l.rttMaxMs), 'num');
      cell(tr, time(l.lastCheck));
      var failure = cell(tr, l.failure);
      if (l.error) failure.title = l.error;
      cell(tr, '').replaceChildren(sparkline(l.history || []));
      rows.appendChild(tr);
    });
    body.replaceChildren(rows);
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
        renderLines(data.lines || []);
        renderDevices(data.devices || []);
        renderSummary(data.lines || []);
        document.getElementById('updated').textContent = 'updated ' + time(data.time);
        document.body.setAttribute('data-loaded', 'true');
        showError('');
      })
      .catch(function (e) { showError('cannot load status: ' + e.message); });
  }

  load();
  setInterval(load, REFRESH_MS);
})();
