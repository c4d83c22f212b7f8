(function () {
  'use strict';
  var T = {
    zh: { title: '网格化综合指挥中心', stations: '服务站', incidents: '事件', ticket: '编号', station: '站点',
      category: '类别', severity: '等级', status: '状态', time: '时间', online: '在线', offline: '离线',
      staffed: '有人值守', unstaffed: '无人值守', onDuty: '在岗', nobody: '暂无人员在岗', lastSeen: '最近联系',
      never: '从未联系', open: '待办事件', updated: '更新于', summary: '{0} 个站点在线，共 {1} 个；{2} 个有人值守',
      other: 'English', statsLink: '事件统计', locale: 'zh-CN', noIncidents: '暂无事件', error: '无法连接网关', level: '层级', due: '时限' },
    en: { title: 'Grid Command Centre', stations: 'Stations', incidents: 'Incidents', ticket: 'Ticket', station: 'Station',
      category: 'Category', severity: 'Severity', status: 'Status', time: 'Time', online: 'Online', offline: 'Offline',
      staffed: 'Staffed', unstaffed: 'Unstaffed', onDuty: 'On duty', nobody: 'Nobody on duty', lastSeen: 'Last seen',
      never: 'Never seen', open: 'Open incidents', updated: 'Updated', summary: '{0} of {1} stations online; {2} staffed',
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
      box.appendChild(c);
    });
    document.getElementById('summary').textContent =
      t('summary').replace('{0}', online).replace('{1}', list.length).replace('{2}', staffed);
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
    Promise.all([get('/api/v1/stations'), get('/api/v1/incidents?limit=50')]).then(function (res) {
      renderStations(res[0]); renderIncidents(res[1]);
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
