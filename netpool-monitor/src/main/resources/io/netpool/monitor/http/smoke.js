// SVG charts for the line page, without libraries: a SmokePing-style smoke chart (median RTT
// coloured by loss over shaded RTT bands) and a loss chart. Exposes window.NetpoolCharts.
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var W = 1000, LEFT = 56, RIGHT = 10, TOP = 8, BOTTOM = 22;

  // Loss classes, also the legend's: green at 0 %, through yellow and orange, to dark red at 100 %.
  function lossClass(loss) {
    if (loss === null || loss === undefined) return 'loss-0';
    if (loss <= 0) return 'loss-0';
    if (loss <= 5) return 'loss-low';
    if (loss <= 20) return 'loss-mid';
    if (loss < 100) return 'loss-high';
    return 'loss-all';
  }

  function num(v) { return v === null || v === undefined ? null : Number(v); }

  // Nearest rank over sorted values: every value is one that was measured.
  function rank(sorted, p) {
    return sorted[Math.max(0, Math.ceil(p / 100 * sorted.length) - 1)];
  }

  // One point per raw result or rollup bucket: time, loss, median and its bands (outermost first).
  function points(history) {
    if (history.buckets) {
      return history.buckets.map(function (b) {
        var p = b.rttPercentilesMs || {};
        return {
          t: Date.parse(b.start), loss: num(b.lossAvgPercent), median: num(b.rttMedianMs),
          bands: [[num(b.rttMinMs), num(b.rttMaxMs)], [num(p.p10), num(p.p90)], [num(p.p20), num(p.p80)]]
        };
      });
    }
    return (history.results || []).filter(function (r) { return r.lossPercent !== null && r.lossPercent !== undefined; })
      .map(function (r) {
        var rtts = (r.rttsMs || []).map(Number).sort(function (a, b) { return a - b; });
        var bands = [[num(r.rttMinMs), num(r.rttMaxMs)]];
        if (rtts.length >= 4) bands.push([rank(rtts, 25), rank(rtts, 75)]);
        return {
          t: Date.parse(r.finished), loss: num(r.lossPercent),
          median: r.rttMedianMs !== null && r.rttMedianMs !== undefined ? num(r.rttMedianMs) : num(r.rttAvgMs),
          bands: bands
        };
      });
  }

  function el(name, attrs, parent) {
    var e = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(e);
    return e;
  }

  function text(parent, x, y, anchor, cls, content) {
    var t = el('text', { x: x, y: y, 'text-anchor': anchor, 'class': cls }, parent);
    t.textContent = content;
    return t;
  }

  function pad(n) { return n < 10 ? '0' + n : String(n); }

  // Local time: HH:MM within a day, MM-DD HH:MM for longer ranges.
  function timeLabel(ms, long) {
    var d = new Date(ms);
    var hm = pad(d.getHours()) + ':' + pad(d.getMinutes());
    return long ? pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + hm : hm;
  }

  // The frame shared by both charts: an svg with its scales, grid and labelled axes.
  function frame(from, to, height, yMax, yUnit) {
    var svg = el('svg', { viewBox: '0 0 ' + W + ' ' + height, role: 'img',
      'data-from': new Date(from).toISOString(), 'data-to': new Date(to).toISOString() });
    var plotH = height - TOP - BOTTOM;
    var f = {
      svg: svg,
      x: function (t) { return LEFT + (t - from) / (to - from) * (W - LEFT - RIGHT); },
      y: function (v) { return TOP + (1 - Math.min(v, yMax) / yMax) * plotH; },
      bottom: TOP + plotH
    };
    for (var i = 0; i <= 4; i++) {
      var v = yMax * i / 4;
      var y = f.y(v).toFixed(1);
      el('line', { 'class': 'grid', x1: LEFT, x2: W - RIGHT, y1: y, y2: y }, svg);
      text(svg, LEFT - 4, Number(y) + 4, 'end', 'y-label', (Math.round(v * 100) / 100) + ' ' + yUnit);
    }
    var long = to - from > 36 * 3600 * 1000;
    for (var j = 0; j <= 5; j++) {
      var t = from + (to - from) * j / 5;
      text(svg, f.x(t), height - 6, j === 0 ? 'start' : j === 5 ? 'end' : 'middle', 'x-label', timeLabel(t, long));
    }
    return f;
  }

  // Runs of consecutive points; a gap longer than 3 typical steps (no checks) breaks a run.
  function runs(pts, has) {
    var steps = [];
    for (var i = 1; i < pts.length; i++) steps.push(pts[i].t - pts[i - 1].t);
    steps.sort(function (a, b) { return a - b; });
    var gap = steps.length ? 3 * steps[Math.floor(steps.length / 2)] : Infinity;
    var out = [], run = [];
    pts.forEach(function (p, k) {
      if (!has(p) || (run.length && p.t - pts[k - 1].t > gap)) {
        if (run.length) out.push(run);
        run = has(p) ? [p] : [];
      } else {
        run.push(p);
      }
    });
    if (run.length) out.push(run);
    return out;
  }

  function niceMax(v) {
    if (!(v > 0)) return 1;
    var m = Math.pow(10, Math.floor(Math.log10(v)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) if (steps[i] * m >= v) return steps[i] * m;
    return 10 * m;
  }

  function smoke(pts, from, to) {
    var hi = 0;
    pts.forEach(function (p) {
      p.bands.concat([[p.median, p.median]]).forEach(function (b) { if (b[1] !== null && b[1] > hi) hi = b[1]; });
    });
    var f = frame(from, to, 280, niceMax(hi * 1.05), 'ms');
    var svg = f.svg;
    svg.setAttribute('class', 'smoke');
    var levels = 0;
    [0, 1, 2].forEach(function (level) {
      var has = function (p) { var b = p.bands[level]; return b && b[0] !== null && b[1] !== null; };
      var parts = runs(pts, has);
      if (!parts.length) return;
      levels++;
      var d = parts.map(function (run) {
        var upper = run.map(function (p) { return [f.x(p.t), f.y(p.bands[level][1])]; });
        var lower = run.map(function (p) { return [f.x(p.t), f.y(p.bands[level][0])]; }).reverse();
        if (run.length === 1) { // a lone point: a thin bar, not an invisible line
          upper.push([upper[0][0] + 2, upper[0][1]]);
          lower.unshift([lower[0][0] + 2, lower[0][1]]);
        }
        return 'M' + upper.concat(lower).map(function (xy) { return xy[0].toFixed(1) + ',' + xy[1].toFixed(1); }).join('L') + 'Z';
      }).join('');
      el('path', { 'class': 'band band-' + level, 'data-band': level, d: d }, svg);
    });
    svg.setAttribute('data-bands', levels);
    // the median, one path per loss class, a segment coloured by the loss at its end
    var byClass = {};
    runs(pts, function (p) { return p.median !== null; }).forEach(function (run) {
      for (var i = 0; i < run.length; i++) {
        var a = run[Math.max(0, i - 1)], b = run[i];
        var x0 = f.x(a.t), x1 = i === 0 ? f.x(b.t) + 2 : f.x(b.t);
        var cls = lossClass(b.loss);
        byClass[cls] = (byClass[cls] || '') + 'M' + x0.toFixed(1) + ',' + f.y(a.median).toFixed(1)
          + 'L' + x1.toFixed(1) + ',' + f.y(b.median).toFixed(1);
      }
    });
    Object.keys(byClass).forEach(function (cls) {
      el('path', { 'class': 'median ' + cls, 'data-loss': cls, d: byClass[cls] }, svg);
    });
    // checks that got no reply at all: a dark tick at the bottom
    pts.forEach(function (p) {
      if (p.median === null && p.loss !== null && p.loss >= 100) {
        el('rect', { 'class': 'lost', x: (f.x(p.t) - 1).toFixed(1), y: f.bottom - 6, width: 2, height: 6 }, svg);
      }
    });
    svg.setAttribute('data-points', pts.length);
    return svg;
  }

  function loss(pts, from, to) {
    var f = frame(from, to, 140, 100, '%');
    var svg = f.svg;
    svg.setAttribute('class', 'loss');
    var width = Math.max(1.5, pts.length > 1 ? (f.x(pts[1].t) - f.x(pts[0].t)) * 0.9 : 4);
    var bars = 0;
    pts.forEach(function (p) {
      if (p.loss === null || p.loss <= 0) return;
      var y = f.y(p.loss);
      el('rect', { 'class': 'loss-bar ' + lossClass(p.loss), x: (f.x(p.t) - width / 2).toFixed(1),
        y: y.toFixed(1), width: width.toFixed(1), height: (f.bottom - y).toFixed(1),
        'data-loss': p.loss }, svg);
      bars++;
    });
    svg.setAttribute('data-points', pts.length);
    svg.setAttribute('data-bars', bars);
    return svg;
  }

  window.NetpoolCharts = { points: points, smoke: smoke, loss: loss, lossClass: lossClass };
})();
