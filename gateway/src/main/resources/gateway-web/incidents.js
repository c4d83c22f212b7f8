// The incident workbench: a dialog with one incident's history, deadlines and whistles, and the
// steps its status allows. Every step is recorded under the signed-in account.
(function () {
  'use strict';
  var T = {
    zh: { actor: '操作人', close: '关闭', steps: '办理记录', deadlines: '时限',
      whistles: '吹哨部门', none: '无', accept: '受理', dispatch: '派单', onSite: '到场', resolve: '办结',
      closeIt: '销号', reopen: '重新办理', escalate: '上报一级', whistle: '吹哨', merge: '合并到',
      answer: '给群众的答复', reason: '原因', note: '备注', outcome: '结果', into: '合并到编号',
      departments: '部门', coordinator: '牵头部门', report: '报到', score: '评分', left: '剩余', overdue: '已超时',
      level: '层级', status: '状态', failed: '操作失败', min: '分钟', stage: { accept: '受理', 'on-site': '到场',
        resolve: '办结', report: '部门报到' }, outcomes: { resolved: '已解决', referred: '已转交', 'not-ours': '不属本职' } },
    en: { actor: 'Operator', close: 'Close', steps: 'History', deadlines: 'Deadlines',
      whistles: 'Departments called', none: 'None', accept: 'Accept', dispatch: 'Dispatch', onSite: 'On site',
      resolve: 'Resolve', closeIt: 'Close', reopen: 'Reopen', escalate: 'Escalate', whistle: 'Blow the whistle',
      merge: 'Merge into', answer: 'Answer to the villager', reason: 'Reason', note: 'Note', outcome: 'Outcome',
      into: 'Merge into ticket', departments: 'Departments', coordinator: 'Coordinator', report: 'Report on site',
      score: 'Score', left: 'left', overdue: 'overdue', level: 'Level', status: 'Status', failed: 'Failed', min: 'min',
      stage: { accept: 'accept', 'on-site': 'on site', resolve: 'resolve', report: 'report' },
      outcomes: { resolved: 'Resolved', referred: 'Referred', 'not-ours': 'Not ours' } }
  };
  var lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh';
  function t(k) { return T[lang][k]; }
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  function fmt(iso) { return iso ? new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN') : ''; }

  /** "12 分钟剩余" / "已超时 3 分钟" for a deadline. */
  function countdown(d) {
    if (!d) return '';
    var s = Math.round((new Date(d.dueAt).getTime() - Date.now()) / 1000);
    var m = Math.max(1, Math.round(Math.abs(s) / 60));
    var what = T[lang].stage[d.stage] || d.stage;
    return s >= 0 ? what + ' · ' + t('left') + ' ' + m + ' ' + t('min') : what + ' · ' + t('overdue') + ' ' + m + ' ' + t('min');
  }

  var dialog, current;
  function post(path, body) {
    return window.GS.send(path + '?lang=' + lang, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body) }).then(function (r) {
      return r.json().then(function (j) { if (!r.ok) throw new Error(j.error || r.status); return j; });
    }).then(function (j) { render(j); if (window.GS && window.GS.refresh) window.GS.refresh(); })
      .catch(function (e) { if (e) showError(t('failed') + '：' + e.message); });
  }
  function showError(m) { var e = document.getElementById('inc-error'); e.textContent = m; }

  function field(form, name, label, kind, options) {
    var l = el('label', null, label);
    var i;
    if (kind === 'select') {
      i = el('select');
      options.forEach(function (o) { var op = el('option', null, o[1]); op.value = o[0]; i.appendChild(op); });
    } else if (kind === 'textarea') { i = el('textarea'); i.rows = 2; i.maxLength = 500; }
    else { i = el('input'); i.type = 'text'; i.maxLength = 100; }
    i.name = name;
    l.appendChild(i);
    form.appendChild(l);
    return i;
  }

  function action(box, key, path, fields, make) {
    var form = el('form', 'step');
    var inputs = {};
    (fields || []).forEach(function (f) { inputs[f[0]] = field(form, f[0], f[1], f[2], f[3]); });
    var b = el('button', 'act', t(key));
    b.type = 'submit';
    b.dataset.step = key;
    form.appendChild(b);
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      showError('');
      var body = make ? make(inputs) : {};
      post('/api/v1/incidents/' + encodeURIComponent(current.id) + path, body);
    });
    box.appendChild(form);
  }

  function render(i) {
    current = i;
    var body = document.getElementById('inc-body');
    body.replaceChildren();
    var h = el('h2', null, i.id + ' · ' + i.categoryLabel + ' · ' + i.severityLabel);
    body.appendChild(h);
    body.appendChild(el('p', 'inc-state', t('status') + '：' + i.statusLabel + ' · ' + t('level') + '：' + i.levelLabel
      + (i.nextDeadline ? ' · ' + countdown(i.nextDeadline) : '')));
    if (i.note) body.appendChild(el('p', 'small', i.note));
    if (i.statusNote) body.appendChild(el('p', null, '✔ ' + i.statusNote));

    var acts = el('div', 'actions');
    var s = i.status, dup = !!i.duplicateOf;
    if (!dup) {
      if (s === 'new' || s === 'reopened') action(acts, 'accept', '/accept');
      if (s === 'accepted' || s === 'dispatched' || s === 'reopened') {
        action(acts, 'dispatch', '/dispatch', [['note', t('note'), 'text']], function (f) { return { note: f.note.value }; });
        action(acts, 'onSite', '/on-site');
      }
      if (s === 'accepted' || s === 'dispatched' || s === 'on-site' || s === 'reopened') {
        action(acts, 'resolve', '/resolve', [['answer', t('answer'), 'textarea']], function (f) { return { answer: f.answer.value }; });
      }
      if (s !== 'closed') {
        var outs = s === 'resolved' ? ['resolved', 'referred'] : ['referred', 'not-ours'];
        action(acts, 'closeIt', '/close', [['outcome', t('outcome'), 'select', outs.map(function (o) { return [o, T[lang].outcomes[o]]; })],
          ['answer', t('answer'), 'textarea']], function (f) { return { outcome: f.outcome.value, answer: f.answer.value || null }; });
      }
      if (s === 'resolved' || s === 'closed') action(acts, 'reopen', '/reopen', [['reason', t('reason'), 'text']], function (f) { return { reason: f.reason.value }; });
      if (s !== 'resolved' && s !== 'closed') {
        if (i.level !== 'town') action(acts, 'escalate', '/escalate', [['reason', t('reason'), 'text']], function (f) { return { reason: f.reason.value }; });
        action(acts, 'whistle', '/whistle', [['departments', t('departments') + '（id，逗号分隔）', 'text'], ['coordinator', t('coordinator'), 'text'],
          ['note', t('note'), 'text']], function (f) {
          return { departments: f.departments.value.split(/[,，\s]+/).filter(Boolean), coordinator: f.coordinator.value || null, note: f.note.value || null };
        });
        action(acts, 'merge', '/merge', [['into', t('into'), 'text']], function (f) { return { into: f.into.value.trim() }; });
      }
    }
    body.appendChild(acts);

    body.appendChild(el('h3', null, t('whistles')));
    if (!i.whistles.length) body.appendChild(el('p', 'small', t('none')));
    i.whistles.forEach(function (w) {
      var row = el('div', 'whistle', w.departmentName + (w.coordinator ? '（' + t('coordinator') + '）' : '') + ' · '
        + (w.reportedAt ? t('report') + ' ' + fmt(w.reportedAt) + (w.inTime ? ' ✔' : ' ✖') : t('left') + ' ' + fmt(w.dueAt))
        + (w.score ? ' · ' + t('score') + ' ' + w.score : ''));
      if (!w.reportedAt) action(row, 'report', '/whistles/' + encodeURIComponent(w.departmentId) + '/report');
      else if (!w.score) action(row, 'score', '/whistles/' + encodeURIComponent(w.departmentId) + '/score',
        [['score', t('score'), 'select', [['5', '5'], ['4', '4'], ['3', '3'], ['2', '2'], ['1', '1']]]],
        function (f) { return { score: parseInt(f.score.value, 10) }; });
      body.appendChild(row);
    });

    body.appendChild(el('h3', null, t('deadlines')));
    if (!i.deadlines.length) body.appendChild(el('p', 'small', t('none')));
    i.deadlines.forEach(function (d) { body.appendChild(el('div', 'small', countdown(d) + ' · ' + fmt(d.dueAt))); });

    body.appendChild(el('h3', null, t('steps')));
    var ol = el('ol', 'steps');
    i.steps.forEach(function (st) {
      ol.appendChild(el('li', null, fmt(st.at) + ' · ' + st.actionLabel + ' · ' + st.actor + (st.detail ? ' · ' + st.detail : '')));
    });
    body.appendChild(ol);
  }

  function open(id) {
    fetch('/api/v1/incidents/' + encodeURIComponent(id) + '?lang=' + lang).then(window.GS.signedOut).then(function (r) { return r.json(); }).then(function (i) {
      var u = window.GS.user;
      document.getElementById('inc-actor').textContent = u ? u.name + ' (' + u.user + ')' : '';
      showError('');
      render(i);
      if (!dialog.open) dialog.showModal();
    });
  }

  function build() {
    dialog = el('dialog', 'incident');
    dialog.id = 'incident';
    var top = el('div', 'inc-top');
    var l = el('label', null, t('actor') + ' ');
    var a = el('strong'); a.id = 'inc-actor';
    l.appendChild(a); top.appendChild(l);
    var c = el('button', 'close', t('close')); c.type = 'button';
    c.addEventListener('click', function () { dialog.close(); });
    top.appendChild(c);
    dialog.appendChild(top);
    var err = el('p', 'error'); err.id = 'inc-error'; err.setAttribute('role', 'alert');
    dialog.appendChild(err);
    var b = el('div'); b.id = 'inc-body';
    dialog.appendChild(b);
    document.body.appendChild(dialog);
  }

  build();
  window.GS = window.GS || {};
  window.GS.openIncident = open;
  window.GS.countdown = countdown;
})();
