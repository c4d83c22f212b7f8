// The roster's part of the dashboard: open alerts (缺岗, 未签退, 一证两站) and links to the roster pages.
(function () {
  'use strict';
  var T = {
    zh: { alerts: '值班告警', none: '暂无告警', week: '排班周表', tonight: '今晚到岗', gaps: '未来14天缺岗', clear: '已处理' },
    en: { alerts: 'Duty alerts', none: 'No alerts', week: 'Week roster', tonight: "Tonight's coverage", gaps: 'Gaps, next 14 days', clear: 'Done' }
  };
  function lang() { return new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh'; }
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  function link(href, text) { var a = el('a', null, text); a.href = href + (lang() === 'en' ? '?lang=en' : ''); return a; }
  function render(alerts, gaps) {
    var t = T[lang()];
    var panel = document.getElementById('roster-panel');
    panel.replaceChildren();
    panel.appendChild(el('h2', null, t.alerts));
    var nav = el('p');
    nav.appendChild(link('/roster/week', t.week)); nav.appendChild(document.createTextNode(' · '));
    nav.appendChild(link('/roster/tonight', t.tonight)); nav.appendChild(document.createTextNode(' · '));
    var unfilled = gaps.villages.reduce(function (n, v) { return n + v.unfilled; }, 0);
    nav.appendChild(el('span', unfilled ? 'urgent' : null, t.gaps + ': ' + unfilled));
    panel.appendChild(nav);
    var ul = el('ul');
    if (!alerts.length) { ul.appendChild(el('li', 'small', t.none)); }
    alerts.forEach(function (a) {
      var li = el('li', a.kind === 'unstaffed' ? 'urgent' : null, a.kindLabel + ' · ' + a.message + ' ');
      var b = el('button', 'clear', t.clear);
      b.type = 'button';
      b.addEventListener('click', function () { window.GS.send('/api/v1/alerts/' + a.id + '/clear', { method: 'POST' }).then(refresh); });
      li.appendChild(b);
      ul.appendChild(li);
    });
    panel.appendChild(ul);
  }
  function get(path) {
    return fetch(path + (path.indexOf('?') < 0 ? '?' : '&') + 'lang=' + lang()).then(function (r) {
      if (!r.ok) throw new Error(r.status); return r.json();
    });
  }
  function refresh() {
    Promise.all([get('/api/v1/alerts?limit=50'), get('/api/v1/coverage/gaps')]).then(function (res) { render(res[0], res[1]); })
      .catch(function () { /* dashboard.js shows the connection error */ });
  }
  document.getElementById('lang').addEventListener('click', function () { setTimeout(refresh, 0); });
  refresh();
  setInterval(refresh, 15000);
})();
