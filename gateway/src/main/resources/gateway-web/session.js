// The signed-in user: shown in the header with a sign-out button; GS.send adds the session's
// CSRF token to every change; a 401 (session ended) goes back to the sign-in page.
(function () {
  'use strict';
  window.GS = window.GS || {};
  var en = new URLSearchParams(location.search).get('lang') === 'en';
  var csrf = '';
  function signIn() {
    location.href = '/signin?next=' + encodeURIComponent(location.pathname + location.search);
  }
  window.GS.signedOut = function (r) { if (r && r.status === 401) { signIn(); } return r; };
  window.GS.send = function (path, opts) {
    opts = opts || {};
    opts.headers = opts.headers || {};
    opts.headers['X-CSRF-Token'] = csrf;
    opts.credentials = 'same-origin';
    return fetch(path, opts).then(window.GS.signedOut);
  };
  window.GS.session = fetch('/api/v1/session', { credentials: 'same-origin' }).then(function (r) {
    if (r.status === 401) { signIn(); throw new Error('signed out'); }
    return r.json();
  }).then(function (s) {
    csrf = s.csrf || '';
    window.GS.user = s;
    var meta = document.querySelector('header .meta');
    if (meta) {
      var who = document.createElement('span');
      who.id = 'who';
      who.textContent = s.name + ' · ' + s.roleLabel;
      var form = document.createElement('form');
      form.method = 'post';
      form.action = '/signout';
      form.className = 'signout';
      var hidden = document.createElement('input');
      hidden.type = 'hidden'; hidden.name = '_csrf'; hidden.value = csrf;
      var b = document.createElement('button');
      b.type = 'submit'; b.id = 'signout'; b.textContent = en ? 'Sign out' : '退出登录';
      form.appendChild(hidden); form.appendChild(b);
      meta.insertBefore(form, meta.firstChild);
      meta.insertBefore(who, form);
    }
    return s;
  });
})();
