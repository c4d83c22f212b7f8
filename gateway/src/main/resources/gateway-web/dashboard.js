(function () {
  'use strict';
  var T = {
    zh: { title: '网格化综合指挥中心', stations: '服务站', incidents: '事件', ticket: '编号', station: '站点',
      category: '类别', severity: '等级', status: '状态', time: '时间', online: '在线', offline: '离线',
      staffed: '有人值守', unstaffed: '无人值守', onDuty: '在岗', nobody: '暂无人员在岗', lastSeen: '最近联系',
      never: '从未联系', open: '待办事件', updated: '更新于', summary: '{0} 个站点在线，共 {1} 个；{2} 个有人值守',
      map: '站点分布', legendStaffed: '在线·有人值守', legendOnline: '在线·无人值守', legendOffline: '离线', noLocation: '未标注位置的站点',
      rejected: '拒收消息', uptime: '运行', disk: '磁盘剩余', cpu: 'CPU', backlog: '待发', clock: '时钟偏差', version: '版本', settingsRefused: '配置被拒',
      days: '天', hours: '小时', minutes: '分钟',
      other: 'English', statsLink: '事件统计', locale: 'zh-CN', noIncidents: '暂无事件', error: '无法连接网关', level: '层级', due: '时限' },
    en: { title: 'Grid Command Centre', stations: 'Stations', incidents: 'Incidents', ticket: 'Ticket', station: 'Station',
      category: 'Category', severity: 'Severity', status: 'Status', time: 'Time', online: 'Online', offline: 'Offline',
      staffed: 'Staffed', unstaffed: 'Unstaffed', onDuty: 'On duty', nobody: 'Nobody on duty', lastSeen: 'Last seen',
      never: 'Never seen', open: 'Open incidents', updated: 'Updated', summary: '{0} of {1} stations online; {2} staffed',
      map: 'Station map', legendStaffed: 'Online, staffed', legendOnline: 'Online, unstaffed', legendOffline: 'Offline', noLocation: 'Stations without a location',
      rejected: 'Rejected messages', uptime: 'Up', disk: 'Disk free', cpu: 'CPU', backlog: 'Backlog', clock: 'Clock offset', version: 'Version', settingsRefused: 'Settings refused',
      days: 'd', hours: 'h', minutes: 'min',
      other: '中文', statsLink: 'Statistics', locale: 'en-GB', noIncidents: 'No incidents', error: 'Cannot reach the gateway', level: 'Level', due: 'Deadline' }
  };
  var lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh';
  function t(k) { return T[lang][k]; }
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  function fmt(iso) { return iso ? new Date(iso).toLocaleString(t('locale')) : t('never'); }
  function applyLang() {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.querySelectorAll('[data-i18n]').forEach(function (n) { n.textContent = t(n.getAttribute('data-i18n')); });
    document.getElementById('lang').textContent = t('other');
    document.getElementById('stats-link').href = lang === 'en' ? '/stats?lang=en' : '/stats';
    document.title = t('title') + ' · GridStation';
  }
  var rejected = {};
  function rejectedCount(id) {
    var r = rejected[id]; if (!r) return 0;
    return Object.keys(r).reduce(function (n, k) { return n + r[k]; }, 0);
  }
  function renderStations(list) {
    var box = document.getElementById('stations');
    box.replaceChildren();
    var online = 0, staffed = 0;
    list.forEach(function (s) {
      if (s.online) online++;
      if (s.staffed) staffed++;
      var c = el('article', 'card' + (s.online ? ' online' : ''));
      c.appendChild(el('h3', null, s.name));
      c.appendChild(el('div', 'small', s.gridName));
      var b = el('div', 'badges');
      b.appendChild(el('span', s.online ? 'on' : '', s.online ? t('online') : t('offline')));
      b.appendChild(el('span', s.staffed ? 'on' : 'warn', s.staffed ? t('staffed') : t('unstaffed')));
      if (s.openIncidents > 0) b.appendChild(el('span', 'warn', t('open') + ' ' + s.openIncidents));
      var bad = rejectedCount(s.id);
      if (bad > 0) {
        var rj = el('span', 'warn rejected', t('rejected') + ' ' + bad);
        rj.title = Object.keys(rejected[s.id]).map(function (k) { return k + ': ' + rejected[s.id][k]; }).join(', ');
        b.appendChild(rj);
      }
      c.appendChild(b);
      if (s.onDuty.length) {
        var ul = el('ul');
        s.onDuty.forEach(function (d) { ul.appendChild(el('li', null, d.name + ' · ' + d.roleLabel + ' · ' + fmt(d.since))); });
        c.appendChild(el('div', 'small', t('onDuty')));
        c.appendChild(ul);
      } else {
        c.appendChild(el('div', 'small', t('nobody')));
      }
      c.appendChild(el('div', 'small', t('lastSeen') + ': ' + fmt(s.lastSeen)));
      if (s.health) c.appendChild(health(s.health));
      box.appendChild(c);
    });
    document.getElementById('summary').textContent =
      t('summary').replace('{0}', online).replace('{1}', list.length).replace('{2}', staffed);
  }
  function duration(sec) {
    if (sec >= 86400) return Math.floor(sec / 86400) + ' ' + t('days');
    if (sec >= 3600) return Math.floor(sec / 3600) + ' ' + t('hours');
    return Math.floor(sec / 60) + ' ' + t('minutes');
  }
  /** The heartbeat's health: uptime, disk, CPU temperature, outbox backlog, clock offset, version. */
  function health(h) {
    var d = el('div', 'small health');
    var parts = [
      [t('uptime') + ' ' + duration(h.uptimeSeconds), false],
      [t('disk') + ' ' + (h.diskFreeBytes / 1073741824).toFixed(1) + ' GB', h.diskFreeBytes < 512 * 1048576],
      [h.cpuTemperatureC != null ? t('cpu') + ' ' + h.cpuTemperatureC.toFixed(0) + ' °C' : null, h.cpuTemperatureC >= 75],
      [t('backlog') + ' ' + h.outboxBacklog, h.outboxBacklog > 0],
      [t('clock') + ' ' + (h.clockOffsetMs / 1000).toFixed(1) + ' s', Math.abs(h.clockOffsetMs) > 60000],
      [t('version') + ' ' + h.softwareVersion, false],
      [h.settingsError ? t('settingsRefused') + ': ' + h.settingsError : null, true]
    ];
    parts.forEach(function (p) { if (p[0]) d.appendChild(el('span', p[1] ? 'warn' : null, p[0])); });
    return d;
  }
  var SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  /** The stations on a plain map from their coordinates: no tiles, nothing from the internet. */
  function renderMap(list) {
    var map = document.getElementById('map');
    var title = document.getElementById('map-title');
    title.textContent = t('map');
    map.replaceChildren(title);
    var located = list.filter(function (s) { return s.location; });
    var unplaced = list.length - located.length;
    if (!located.length) { document.getElementById('map-section').hidden = true; return; }
    document.getElementById('map-section').hidden = false;
    var W = 640, H = 400, pad = 48;
    var lats = located.map(function (s) { return s.location.lat; });
    var lons = located.map(function (s) { return s.location.lon; });
    var minLat = Math.min.apply(null, lats), maxLat = Math.max.apply(null, lats);
    var minLon = Math.min.apply(null, lons), maxLon = Math.max.apply(null, lons);
    var k = Math.cos((minLat + maxLat) / 2 * Math.PI / 180);
    var spanX = Math.max((maxLon - minLon) * k, 0.005), spanY = Math.max(maxLat - minLat, 0.005);
    var scale = Math.min((W - 2 * pad) / spanX, (H - 2 * pad) / spanY);
    var cx = (minLon + maxLon) / 2, cy = (minLat + maxLat) / 2;
    map.appendChild(svg('rect', { x: 0, y: 0, width: W, height: H, 'class': 'map-bg' }));
    located.forEach(function (s) {
      var x = W / 2 + (s.location.lon - cx) * k * scale, y = H / 2 - (s.location.lat - cy) * scale;
      var g = svg('g', { 'class': 'station ' + (!s.online ? 'off' : s.staffed ? 'on' : 'online'), 'data-id': s.id });
      g.appendChild(svg('title', {}, s.name + ' · ' + (s.online ? t('online') : t('offline')) + ' · '
        + (s.staffed ? t('staffed') : t('unstaffed'))));
      g.appendChild(svg('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: 11 }));
      if (s.openIncidents > 0) g.appendChild(svg('text', { x: x.toFixed(1), y: (y + 5).toFixed(1), 'class': 'count' }, String(s.openIncidents)));
      g.appendChild(svg('text', { x: (x + 15).toFixed(1), y: (y + 6).toFixed(1), 'class': 'label' },
        s.name.replace('党群服务站', '')));
      map.appendChild(g);
    });
    if (unplaced > 0) map.appendChild(svg('text', { x: 8, y: H - 10, 'class': 'label' }, t('noLocation') + ': ' + unplaced));
  }
  function renderIncidents(list) {
    var body = document.querySelector('#incidents tbody');
    body.replaceChildren();
    if (!list.length) { var r = el('tr'); var d = el('td', null, t('noIncidents')); d.colSpan = 8; r.appendChild(d); body.appendChild(r); return; }
    list.forEach(function (i) {
      var r = el('tr', 'incident-row');
      r.dataset.id = i.id;
      var due = i.nextDeadline && window.GS && window.GS.countdown ? window.GS.countdown(i.nextDeadline) : '';
      var late = i.nextDeadline && i.nextDeadline.secondsLeft < 0;
      [i.id, i.stationId, i.categoryLabel, i.severityLabel, i.statusLabel, i.levelLabel, due, fmt(i.createdAt)].forEach(function (v, n) {
        r.appendChild(el('td', (n === 3 && i.severity === 'urgent') || (n === 6 && late) ? 'urgent' : null, v));
      });
      r.tabIndex = 0;
      r.addEventListener('click', function () { window.GS.openIncident(i.id); });
      r.addEventListener('keydown', function (e) { if (e.key === 'Enter') window.GS.openIncident(i.id); });
      body.appendChild(r);
    });
  }
  function get(path) {
    return fetch(path + (path.indexOf('?') < 0 ? '?' : '&') + 'lang=' + lang).then(window.GS.signedOut).then(function (r) {
      if (!r.ok) throw new Error(r.status); return r.json();
    });
  }
  function refresh() {
    // rejected uplink messages per station (town-wide readers only: a grid leader goes without)
    var ingest = get('/api/v1/ingest').catch(function () { return null; });
    Promise.all([get('/api/v1/stations'), get('/api/v1/incidents?limit=50'), ingest]).then(function (res) {
      rejected = res[2] && res[2].rejectedByStation ? res[2].rejectedByStation : {};
      renderStations(res[0]); renderMap(res[0]); renderIncidents(res[1]);
      document.getElementById('updated').textContent = t('updated') + ' ' + new Date().toLocaleTimeString(t('locale'));
    }).catch(function () { document.getElementById('updated').textContent = t('error'); });
  }
  document.getElementById('lang').addEventListener('click', function () {
    lang = lang === 'en' ? 'zh' : 'en';
    history.replaceState(null, '', lang === 'en' ? '?lang=en' : location.pathname);
    applyLang(); refresh();
  });
  window.GS = window.GS || {};
  window.GS.refresh = refresh;
  applyLang(); refresh();
  // the gateway pushes a "change" event when a station turns online or offline, someone badges
  // in or out, or an incident moves; polling stays as a slow fallback (and for countdowns)
  if (window.EventSource) {
    var live = new EventSource('/api/v1/live');
    live.addEventListener('change', refresh);
    live.addEventListener('hello', refresh);
  }
  setInterval(refresh, 15000);
})();
