'use strict';
// The Strela monitor page: polls the JSON API under /strela/api every POLL_MS and redraws; sends the trading-control
// changes with the session's CSRF token. Everything shown is set as text, never as HTML.
(() => {
  const POLL_MS = 2500;
  const EQUITY_EVERY = 6;          // the account's equity curve every 6th poll (15 s)
  const REPLAYS_EVERY = 4;         // the replay list, and the chosen replay's curve, every 4th poll (10 s)
  const state = { csrf: null, errorsBefore: null, errorsNext: null, errorsFilter: {}, tick: 0, charts: {}, times: {} };

  const $ = (id) => document.getElementById(id);

  function el(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (className) e.className = className;
    return e;
  }

  function time(iso) {
    return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace(/Z$/, '') : '-';
  }

  function num(v, digits) {
    if (v === null || v === undefined) return '-';
    const n = Number(v);
    return digits === undefined ? String(v) : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  class ApiError extends Error {
    constructor(status, code, message) { super(message); this.status = status; this.code = code; }
  }

  async function api(path, options = {}) {
    const headers = { 'Accept': 'application/json', 'X-Requested-With': 'strela-monitor' };
    if (options.method === 'POST') {
      headers['X-CSRF-Token'] = state.csrf || '';
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    const response = await fetch('api/' + path, { method: options.method || 'GET', headers, body: options.body,
      credentials: 'same-origin', cache: 'no-store' });
    if (response.status === 401) {
      window.location.href = 'login.html';
      throw new ApiError(401, 'unauthenticated', 'signed out');
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new ApiError(response.status, body.error, body.message || response.statusText);
    return body;
  }

  function fill(table, rows, cells) {
    const body = table.tBodies[0];
    body.replaceChildren(...rows.map((row) => {
      const tr = document.createElement('tr');
      cells(row, tr).forEach((td) => tr.appendChild(td));
      return tr;
    }));
  }

  function td(text, className) { return el('td', text, className); }

  function signed(v, digits) {
    const cell = td(num(v, digits), 'num');
    if (v !== null && v !== undefined && Number(v) !== 0) cell.classList.add(Number(v) > 0 ? 'pos' : 'neg');
    return cell;
  }

  function message(id, text, kind) {
    const p = $(id);
    p.textContent = text || '';
    p.className = 'message' + (kind ? ' ' + kind : '');
  }

  // ---- status, tiles, banner -----------------------------------------------------------------------------------

  function showStatus(status) {
    const db = status.database;
    const dbText = $('database');
    dbText.textContent = 'database ' + db.state + ' (' + db.mode + (db.schemaVersion ? ', schema ' + db.schemaVersion : '') + ')'
      + (db.lastError ? ': ' + db.lastError : '');
    dbText.dataset.state = db.state;
    if (status.tradingControl) showFlags(status.tradingControl);
  }

  function showFlags(tc) {
    const banner = $('banner');
    const parts = [];
    const by = ' (' + (tc.changedBy || '?') + ', ' + time(tc.changedAt) + ' UTC): ' + (tc.reason || '');
    banner.replaceChildren();
    if (tc.stopTrading) { parts.push('stopped'); banner.appendChild(el('div', 'TRADING STOPPED — no order is sent' + by)); }
    if (tc.safeMode) { parts.push('safe-mode'); banner.appendChild(el('div', 'SAFE MODE — no new positions' + by)); }
    banner.hidden = parts.length === 0;
    banner.dataset.state = parts.length ? parts.join(' ') : 'normal';
    $('control-flags').textContent = 'stop trading: ' + (tc.stopTrading ? 'ON' : 'off') + ' · safe mode: '
      + (tc.safeMode ? 'ON' : 'off') + ' · last change' + by;
  }

  function showHealth(health) {
    const tiles = $('tiles');
    const seen = new Set();
    health.components.forEach((c) => {
      const id = 'tile-' + c.component;
      seen.add(id);
      let tile = $(id);
      if (!tile) {
        tile = el('div', null, 'tile');
        tile.id = id;
        tile.append(el('div', c.component, 'name'), el('div', '', 'age'), el('div', '', 'state muted'), el('div', '', 'errors muted'));
        tiles.appendChild(tile);
      }
      tile.className = 'tile level-' + c.level;
      tile.dataset.level = c.level;
      tile.dataset.age = c.ageSeconds === null ? '' : c.ageSeconds;
      tile.querySelector('.age').textContent = c.ageSeconds === null ? 'never' : c.ageSeconds + ' s ago';
      tile.querySelector('.state').textContent = c.state + (c.limitSeconds ? ' · limit ' + c.limitSeconds + ' s' : '');
      const errs = Object.entries(c.errorsLastHour || {}).map(([k, v]) => v + ' ' + k).join(', ');
      tile.querySelector('.errors').textContent = errs ? errs + ' in the last hour' : '';
    });
    Array.from(tiles.children).forEach((t) => { if (!seen.has(t.id)) t.remove(); });
    message('tiles-message', health.components.length ? '' : 'No component has reported yet.');
  }

  // ---- errors ---------------------------------------------------------------------------------------------------

  async function loadErrors() {
    const query = new URLSearchParams(state.errorsFilter);
    if (state.errorsBefore) query.set('before', state.errorsBefore);
    try {
      const page = await api('errors?' + query.toString());
      fill($('errors-table'), page.errors, (e, tr) => {
        tr.className = 'sev-' + e.severity;
        tr.dataset.id = e.id;
        return [td(e.id, 'num'), td(time(e.createdAt)), td(e.source), td(e.severity, 'sev'), td(e.code),
          td(e.occurrences > 1 ? '×' + e.occurrences : ''), td(e.strategyUniverseId), td(e.symbol), td(e.runId),
          td(e.message, 'message')];
      });
      state.errorsNext = page.nextBefore;
      $('errors-older').disabled = !page.nextBefore;
      $('errors-page').textContent = (state.errorsBefore ? 'older errors, below id ' + state.errorsBefore : 'newest')
        + ' · ' + page.errors.length + ' shown';
      message('errors-message', '');
    } catch (e) {
      if (e.status !== 401) message('errors-message', e.message, 'error');
    }
  }

  function readFilter() {
    const f = {};
    ['source', 'severity', 'code', 'from', 'to'].forEach((name) => {
      const v = $('filter-' + name).value.trim();
      if (v) f[name] = v;
    });
    return f;
  }

  // ---- positions, orders --------------------------------------------------------------------------------------------

  function run() { return $('account-run').value; }

  async function loadPositions() {
    try {
      const page = await api('positions?run=' + encodeURIComponent(run()) + '&limit=200');
      fill($('positions-table'), page.positions, (p) => [td(p.strategyUniverseId, 'num'), td(p.strategy), td(p.symbol),
        signed(p.lots), td(p.quantity, 'num'), td(num(p.averagePrice, 4), 'num'), td(num(p.lastPrice, 4), 'num'),
        signed(p.unrealizedPnl, 2), signed(p.realizedPnl, 2), td(time(p.openedAt))]);
      $('positions-summary').textContent = 'cash ' + num(page.cash, 2) + ' · ' + page.total + ' open'
        + (page.next ? ' (first ' + page.positions.length + ' shown)' : '');
      message('positions-message', page.total ? '' : 'No open position.');
    } catch (e) {
      if (e.status !== 401) message('positions-message', e.message, 'error');
    }
  }

  async function loadOrders() {
    try {
      const page = await api('orders?active=true&limit=100&run=' + encodeURIComponent(run()));
      fill($('orders-table'), page.items, (o) => [td(o.id, 'num'), td(time(o.createdAt)), td(o.strategyUniverseId, 'num'),
        td(o.symbol), td(o.side), td(o.type), td(o.role), td(o.lots, 'num'), td(o.filledLots, 'num'),
        td(num(o.price), 'num'), td(o.status)]);
      message('orders-message', page.items.length ? '' : 'No working order.');
    } catch (e) {
      if (e.status !== 401) message('orders-message', e.message, 'error');
    }
  }

  // ---- equity charts ------------------------------------------------------------------------------------------------

  // Points are drawn one step apart (x = index), so nights and weekends without data take no room.
  function drawEquity(canvasId, curve) {
    const canvas = $(canvasId);
    const data = curve.points.map((p, i) => ({ x: i, y: Number(p.equity) }));
    state.times[canvasId] = curve.points.map((p) => p.at);
    const timeAt = (i) => state.times[canvasId][Math.round(i)];
    let chart = state.charts[canvasId];
    if (!window.Chart) throw new Error('Chart.js did not load');
    if (!chart) {
      chart = new window.Chart(canvas, {
        type: 'line',
        data: { datasets: [{ label: 'equity', data, borderColor: '#388bfd', pointRadius: 0, borderWidth: 1.5, tension: 0 }] },
        options: {
          animation: false, parsing: false, normalized: true, maintainAspectRatio: false,
          plugins: { legend: { display: false },
            tooltip: { callbacks: { title: (items) => time(timeAt(items[0].parsed.x)) + ' UTC' } } },
          scales: {
            x: { type: 'linear', ticks: { color: '#8b949e', maxTicksLimit: 6, callback: (v) => {
              const t = timeAt(v);
              return t ? time(t).slice(5, 16) : '';
            } } },
            y: { ticks: { color: '#8b949e' } },
          },
        },
      });
      state.charts[canvasId] = chart;
    } else {
      chart.data.datasets[0].data = data;
    }
    chart.update('none');
    canvas.dataset.points = String(data.length);
    canvas.dataset.run = curve.run;
    canvas.dataset.step = curve.step;
    return data;
  }

  async function loadEquity(canvasId, runId, messageId, lastId) {
    if (!runId) {
      $(canvasId).dataset.points = '0';
      message(messageId, 'No replay yet (strela:replay in the console).');
      return;
    }
    try {
      const curve = await api('equity?run=' + encodeURIComponent(runId));
      drawEquity(canvasId, curve);
      const last = curve.points[curve.points.length - 1];
      $(lastId).textContent = last ? 'equity ' + num(last.equity, 2) + ' at ' + time(last.at) + ' UTC · ' + curve.step + ' steps' : '';
      message(messageId, curve.points.length ? '' : 'This run has no account yet.');
    } catch (e) {
      if (e.status !== 401) message(messageId, e.message, 'error');
    }
  }

  async function loadReplays() {
    try {
      const list = await api('runs?kind=replay&limit=50');
      const select = $('replay-run');
      const chosen = select.value;
      select.replaceChildren(...list.runs.map((r) => {
        const o = el('option', r.id + ' (' + r.status + ')');
        o.value = r.id;
        return o;
      }));
      if (chosen && list.runs.some((r) => r.id === chosen)) select.value = chosen;
      return select.value;
    } catch (e) {
      if (e.status !== 401) message('replay-message', e.message, 'error');
      return null;
    }
  }

  // ---- trading controls ---------------------------------------------------------------------------------------------

  async function change(action, reasonId) {
    const reason = $(reasonId).value;
    try {
      const flags = await api('trading-control/' + action, { method: 'POST', body: new URLSearchParams({ reason }) });
      showFlags(flags);
      $(reasonId).value = '';
      message('control-message', action + ': done, recorded as ' + flags.changedBy, 'ok');
    } catch (e) {
      if (e.status !== 401) message('control-message', action + ' refused: ' + e.message, 'error');
    }
  }

  // ---- polling ------------------------------------------------------------------------------------------------------

  async function poll() {
    const connection = $('connection');
    try {
      showStatus(await api('status'));
      const tasks = [api('health').then(showHealth).catch((e) => message('tiles-message', e.message, 'error')),
        loadErrors(), loadPositions(), loadOrders()];
      if (state.tick % EQUITY_EVERY === 0) {
        tasks.push(loadEquity('equity-chart', run(), 'equity-message', 'equity-last'));
      }
      if (state.tick % REPLAYS_EVERY === 0) {
        tasks.push(loadReplays().then((id) => loadEquity('replay-chart', id, 'replay-message', 'replay-last')));
      }
      await Promise.all(tasks);
      connection.dataset.state = 'ok';
      connection.textContent = 'live';
      $('updated-at').textContent = 'updated ' + new Date().toLocaleTimeString();
    } catch (e) {
      connection.dataset.state = 'error';
      connection.textContent = 'no answer: ' + e.message;
    }
    state.tick += 1;
    window.setTimeout(poll, POLL_MS);
  }

  function wire() {
    $('stop-form').addEventListener('submit', (ev) => { ev.preventDefault(); change('stop-trading', 'stop-reason'); });
    $('resume-form').addEventListener('submit', (ev) => { ev.preventDefault(); change('resume', 'resume-reason'); });
    $('safe-mode-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const on = ev.submitter ? ev.submitter.value === 'on' : true;
      change(on ? 'safe-mode-on' : 'safe-mode-off', 'safe-mode-reason');
    });
    $('errors-filter').addEventListener('submit', (ev) => {
      ev.preventDefault();
      state.errorsFilter = readFilter();
      state.errorsBefore = null;
      loadErrors();
    });
    $('errors-filter').addEventListener('reset', () => {
      state.errorsFilter = {};
      state.errorsBefore = null;
      window.setTimeout(loadErrors, 0);
    });
    $('errors-older').addEventListener('click', () => { if (state.errorsNext) { state.errorsBefore = state.errorsNext; loadErrors(); } });
    $('errors-newest').addEventListener('click', () => { state.errorsBefore = null; loadErrors(); });
    $('account-run').addEventListener('change', () => {
      $('equity-run').textContent = run();
      loadPositions(); loadOrders();
      loadEquity('equity-chart', run(), 'equity-message', 'equity-last');
    });
    $('replay-run').addEventListener('change', () => loadEquity('replay-chart', $('replay-run').value, 'replay-message', 'replay-last'));
    $('logout').addEventListener('click', async () => {
      await fetch('logout', { method: 'POST', headers: { 'X-CSRF-Token': state.csrf || '', 'Accept': 'application/json',
        'X-Requested-With': 'strela-monitor' }, credentials: 'same-origin' }).catch(() => null);
      window.location.href = 'login.html';
    });
  }

  document.addEventListener('DOMContentLoaded', async () => {
    wire();
    try {
      const session = await api('session');
      state.csrf = session.csrfToken;
      $('user').textContent = session.user;
    } catch (e) {
      return;
    }
    poll();
  });
})();
