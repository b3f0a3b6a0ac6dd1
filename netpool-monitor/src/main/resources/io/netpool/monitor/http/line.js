// The line page (/lines/<id>): smoke and loss charts over a range chosen in the URL hash
// (#range=3h|1d|7d|30d), the state changes and the last raw outputs. All text via textContent.
(function () {
  'use strict';
  var RANGES = { '3h': 3 * 3600e3, '1d': 86400e3, '7d': 7 * 86400e3, '30d': 30 * 86400e3 };
  var DEFAULT_RANGE = '3h';
  var lineId = decodeURIComponent(location.pathname.replace(/\/+$/, '').split('/').pop());
  var api = '../api/lines/' + encodeURIComponent(lineId);
  var C = window.NetpoolCharts;

  function byId(id) { return document.getElementById(id); }

  function add(parent, tag, textContent, cls) {
    var e = document.createElement(tag);
    if (textContent !== undefined && textContent !== null) e.textContent = String(textContent);
    if (cls) e.className = cls;
    parent.appendChild(e);
    return e;
  }

  function when(iso) {
    var d = new Date(iso);
    return isNaN(d.getTime()) ? String(iso) : d.toLocaleString();
  }

  function getJson(url) {
    return fetch(url, { cache: 'no-store', headers: { 'Accept': 'application/json' } })
      .then(function (res) {
        return res.json().catch(function () { return {}; }).then(function (body) {
          if (!res.ok) throw new Error(body.error || ('HTTP ' + res.status));
          return body;
        });
      });
  }

  function range() {
    var m = /(?:^|[#&])range=([^&]*)/.exec(location.hash);
    return m && RANGES[m[1]] ? m[1] : DEFAULT_RANGE;
  }

  function message(container, text) {
    container.replaceChildren();
    add(container, 'p', text, 'note');
  }

  function loadCharts() {
    var name = range();
    var to = Date.now(), from = to - RANGES[name];
    document.querySelectorAll('#ranges a').forEach(function (a) {
      a.classList.toggle('active', a.getAttribute('data-range') === name);
    });
    var url = api + '/history?from=' + encodeURIComponent(new Date(from).toISOString())
      + '&to=' + encodeURIComponent(new Date(to).toISOString());
    byId('history-link').setAttribute('href', url);
    return getJson(url).then(function (h) {
      var pts = C.points(h);
      byId('resolution').textContent = (h.resolution === 'raw' ? 'every check' : '5-minute rollups')
        + ', ' + pts.length + ' points';
      var smoke = C.smoke(pts, from, to);
      smoke.setAttribute('data-range', name);
      smoke.setAttribute('data-resolution', h.resolution);
      byId('smoke').replaceChildren(smoke);
      var loss = C.loss(pts, from, to);
      loss.setAttribute('data-range', name);
      byId('loss').replaceChildren(loss);
    }).catch(function (e) {
      message(byId('smoke'), 'no history: ' + e.message);
      message(byId('loss'), 'no history');
    });
  }

  function loadLine() {
    return getJson('../api/status').then(function (s) {
      var l = (s.lines || []).filter(function (x) { return x.id === lineId; })[0];
      var info = byId('line-info');
      info.replaceChildren();
      if (!l) return;
      add(info, 'span', l.router + ' → ' + l.target + ' ');
      add(info, 'span', l.status, 'status status-' + l.status);
      if (l.state) add(info, 'span', ' state ' + l.state + (l.stateCause ? ' (' + l.stateCause + ')' : ''), 'state');
      Object.keys(l.tags || {}).forEach(function (k) { add(info, 'span', ' ' + k + '=' + l.tags[k], 'tag'); });
      latest(l);
    });
  }

  // Rows of the latest check: netpool's measurement and, side by side, what the line's other
  // probe types read (probe: sla, the router's own operation), so that disagreements show.
  var LATEST_ROWS = [
    ['status', 'Status', ''], ['failure', 'Failure', ''], ['lossPercent', 'Loss', ' %'],
    ['sent', 'Sent', ''], ['received', 'Received', ''],
    ['rttMinMs', 'RTT min', ' ms'], ['rttAvgMs', 'RTT avg', ' ms'], ['rttMaxMs', 'RTT max', ' ms'],
    ['jitterMs', 'Jitter', ' ms'], ['jitterSdMs', 'Jitter source → destination', ' ms'],
    ['jitterDsMs', 'Jitter destination → source', ' ms'],
    ['owdSdMs', 'One-way delay source → destination', ' ms'],
    ['owdDsMs', 'One-way delay destination → source', ' ms'],
    ['lostSd', 'Lost source → destination', ''], ['lostDs', 'Lost destination → source', ''],
    ['mos', 'MOS', ''], ['icpif', 'ICPIF', ''], ['operationType', 'Operation type', ''],
    ['returnCode', 'Return code', ''], ['lastRun', 'Last run (router time)', '']
  ];

  function latest(l) {
    var probes = l.probes || ['ping'];
    byId('measured-by').textContent = 'Probes: ' + probes.join(', ') + '. The line\'s status, state and '
      + 'charts come from ' + probes[0] + (probes[0] === 'sla' ? ' (the router\'s own operation)' : '') + '.';
    var columns = [{ name: probes[0] === 'ping' ? 'ping' : probes[0] + ' (measurement)', data: l }];
    Object.keys(l.readings || {}).forEach(function (name) {
      if (name !== probes[0]) columns.push({ name: name, data: l.readings[name] });
      else columns[0].data = Object.assign({}, l, l.readings[name], { status: l.readings[name].status });
    });
    var head = byId('latest').querySelector('thead tr');
    head.replaceChildren();
    add(head, 'th', '');
    columns.forEach(function (c) { add(head, 'th', c.name).setAttribute('data-probe', c.name); });
    var body = byId('latest').querySelector('tbody');
    body.replaceChildren();
    LATEST_ROWS.forEach(function (row) {
      var shown = columns.some(function (c) { return c.data[row[0]] !== undefined && c.data[row[0]] !== null; });
      if (!shown) return;
      var tr = add(body, 'tr');
      tr.setAttribute('data-field', row[0]);
      add(tr, 'th', row[1]);
      columns.forEach(function (c) {
        var v = c.data[row[0]];
        add(tr, 'td', v === undefined || v === null ? '-' : String(v) + row[2]);
      });
    });
  }

  function eventText(e) {
    if (e.event === 'router_state') {
      return 'router ' + e.routerId + (e.state === 'failed' ? ' failed: ' + e.failure : ' usable again')
        + ' (' + e.lines + ' lines)';
    }
    return e.from + ' → ' + e.to + (e.cause ? ': ' + e.cause : '');
  }

  function loadEvents() {
    var url = '../api/events?line=' + encodeURIComponent(lineId);
    byId('events-link').setAttribute('href', url);
    var list = byId('timeline');
    return getJson(url).then(function (r) {
      list.replaceChildren();
      var events = (r.events || []).slice().reverse();
      if (!events.length) add(list, 'li', 'no state change since the monitor started', 'note');
      events.forEach(function (e) {
        var li = add(list, 'li');
        li.setAttribute('data-seq', e.seq);
        li.setAttribute('data-event', e.event);
        add(li, 'time', when(e.time)).setAttribute('datetime', e.time);
        add(li, 'span', ' ');
        var to = e.event === 'router_state' ? e.state : e.to;
        add(li, 'span', eventText(e), 'event-' + to);
      });
    }).catch(function (e) { list.replaceChildren(); add(list, 'li', 'no events: ' + e.message, 'note'); });
  }

  function loadOutputs() {
    byId('outputs-link').setAttribute('href', api + '/outputs');
    var box = byId('outputs');
    return getJson(api + '/outputs').then(function (r) {
      box.replaceChildren();
      var outputs = (r.outputs || []).slice().reverse();
      if (!outputs.length) add(box, 'p', 'no output kept yet', 'note');
      outputs.forEach(function (o) {
        var div = add(box, 'div', null, 'output');
        var head = add(div, 'h3', when(o.time) + ' · ' + (o.routerId || '') + ' (' + o.platform + ') · ');
        add(head, 'code', o.command);
        add(head, 'span', ' · ' + (o.status || '-') + (o.failure ? ' (' + o.failure + ')' : ''));
        add(div, 'pre', o.output);
      });
    }).catch(function (e) { message(box, 'no outputs: ' + e.message); });
  }

  function showError(text) {
    var e = byId('error');
    e.textContent = text;
    e.hidden = !text;
  }

  byId('line-id').textContent = lineId;
  document.title = lineId + ' · netpool';
  window.addEventListener('hashchange', loadCharts);
  Promise.all([loadLine(), loadCharts(), loadEvents(), loadOutputs()])
    .then(function () { document.body.setAttribute('data-loaded', 'true'); })
    .catch(function (e) { showError('cannot load the line: ' + e.message); });
})();
