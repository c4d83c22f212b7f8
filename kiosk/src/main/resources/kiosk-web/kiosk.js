// The station kiosk's touch page: the public wall (idle), badge scans, walk-in requests, ticket status and rating.
// Everything is served by the kiosk itself; the page talks only to /api/v1 on its own origin.
(function () {
  "use strict";

  var T = {
    zh: {
      back: "返回", tonight: "今晚值班", services: "服务项目", gridChain: "网格负责人", scanStation: "扫码查看本站", more: "▼ 下滑看更多",
      request: "我要反映问题", scanPrompt: "请出示工作证二维码", severity: "紧急程度", optional: "可选",
      submit: "提交", phoneHint: "留下电话，方便工作人员联系您（可不填）", ok: "确定", noteHint: "点选说明（可多选）",
      yourTicket: "您的受理编号", keepTicket: "请记下编号，工作人员会尽快处理。", done: "完成",
      scanTicket: "扫码查看办理进度", tapToClose: "轻触屏幕返回",
      chooseCategory: "请选择要反映的事情", confirm: "请确认后提交", phoneTitle: "联系电话", noteTitle: "补充说明",
      ticketTitle: "已受理", phone: "留电话", phoneSet: "电话 ", note: "补充说明", noteSet: "已选说明 ",
      anonymous: "匿名反映", clear: "清除", del: "退格",
      noRoster: "暂无排班信息", noServices: "暂无服务信息", noGrid: "暂无网格信息", here: "✔ 已到", away: "未到",
      extra: "非排班", checkedIn: "已签到", checkedOut: "已签退", refused: "证件无效",
      online: "● 已连接镇网关", offline: "⚠ 无法连接网关 · 最后更新 ", never: "从未更新",
      failed: "提交失败，请重试", phoneInvalid: "请输入5到20位数字", station: "党群服务站", langButton: "English",
      lookup: "查询/评价工单", lookupHint: "输入受理编号的数字，或扫描回执上的二维码", lookupOk: "查询", lookupTitle: "查询工单",
      digitsNeeded: "请输入编号的数字", ticketNo: "工单 ", level: "办理层级：", filed: "登记 ", updated: "更新 ",
      answer: "答复：", noAnswer: "暂无答复", rateAsk: "您对办理结果满意吗？", yourRating: "您的评价：",
      thanks: "感谢您的评价！", handledAgain: "工单将重新办理，工作人员会再与您联系。", stillOpen: "办结后可以在这里评价。",
      asOf: "（截至 ", asOfEnd: "）",
      receiptPrinted: "请取走打印的回执。", receiptFailed: "回执未能打印，请记下编号。",
      summary: function (c, s) { return c + " · " + s; }
    },
    en: {
      back: "Back", tonight: "On duty tonight", services: "Services", gridChain: "Grid leaders", scanStation: "Scan to see this station", more: "▼ swipe for more",
      request: "Report a problem", scanPrompt: "Please show your badge QR code", severity: "How serious", optional: "Optional",
      submit: "Submit", phoneHint: "Leave a phone number so staff can call you (optional)", ok: "OK",
      noteHint: "Tap what applies (any number)", yourTicket: "Your ticket number",
      keepTicket: "Please keep this number; staff will follow up soon.", done: "Done",
      scanTicket: "Scan to follow your ticket", tapToClose: "Tap the screen to go back",
      chooseCategory: "What is it about?", confirm: "Check and submit", phoneTitle: "Phone number", noteTitle: "Add a note",
      ticketTitle: "Received", phone: "Phone", phoneSet: "Phone ", note: "Note", noteSet: "Note ✔ ",
      anonymous: "Anonymous", clear: "Clear", del: "Delete",
      noRoster: "No roster yet", noServices: "No services listed yet", noGrid: "No grid information yet", here: "✔ here",
      away: "not yet", extra: "extra", checkedIn: "Checked in", checkedOut: "Checked out", refused: "Badge not accepted",
      online: "● Connected to the town", offline: "⚠ Gateway unreachable · updated ", never: "never updated",
      failed: "Could not submit, please try again", phoneInvalid: "Please enter 5 to 20 digits", station: "Service station",
      lookup: "Check or rate a ticket", lookupHint: "Type the digits of your ticket number, or scan the code on your receipt",
      lookupOk: "Look up", lookupTitle: "Check a ticket", digitsNeeded: "Please type the ticket's digits", ticketNo: "Ticket ",
      level: "Handled by: ", filed: "Filed ", updated: "Updated ", answer: "Answer: ", noAnswer: "No answer yet",
      rateAsk: "Are you satisfied with how it was handled?", yourRating: "Your rating: ", thanks: "Thank you for your rating!",
      handledAgain: "Your ticket will be handled again; staff will contact you.", stillOpen: "You can rate it here once it is resolved.",
      asOf: " (as of ", asOfEnd: ")",
      receiptPrinted: "Please take your printed receipt.", receiptFailed: "The receipt could not be printed; please note the number.",
      langButton: "中文",
      summary: function (c, s) { return c + " · " + s; }
    }
  };
  var ROLES = { "supervisor": ["督导员", "Supervisor"], "grid-chief": ["总网格长", "Grid chief"],
    "instructor": ["网格指导员", "Grid instructor"], "subgrid-leader": ["子网格长", "Sub-grid leader"],
    "grid-member": ["网格员", "Grid member"], "volunteer": ["志愿者", "Volunteer"] };
  // icons: 48x48 line drawings, stroke = currentColor
  var ICON = {
    "legal-advice": '<path d="M24 6v34M12 40h24M8 12h32M8 12l-6 14h12zM40 12l-6 14h12zM2 26a6 4 0 0 0 12 0M34 26a6 4 0 0 0 12 0"/>',
    "dispute-mediation": '<circle cx="14" cy="14" r="6"/><circle cx="34" cy="14" r="6"/><path d="M4 40c0-8 4-14 10-14s8 4 10 8c2-4 4-8 10-8s10 6 10 14M20 34h8"/>',
    "deliberation": '<circle cx="24" cy="10" r="5"/><circle cx="9" cy="20" r="4"/><circle cx="39" cy="20" r="4"/><path d="M6 42h36M12 42V32h24v10M2 34c0-5 3-8 7-8M46 34c0-5-3-8-7-8M16 26c0-5 4-8 8-8s8 3 8 8"/>',
    "errand": '<path d="M8 18h32l-3 24H11zM17 18v-6a7 7 0 0 1 14 0v6M18 30l5 5 8-9"/>',
    "policy": '<path d="M12 4h18l8 8v32H12zM30 4v8h8M17 20h16M17 27h16M17 34h10"/>',
    "street-order": '<path d="M24 4l9 36H15zM18 24h12M16 32h16M8 44h32"/>',
    "environment": '<path d="M24 44V22M24 22c-10 0-16-8-16-18 10 0 16 6 16 18zM24 30c8 0 14-6 14-16-8 0-14 6-14 16z"/>',
    "safety-hazard": '<path d="M24 4l21 38H3zM24 18v12M24 35v2"/>',
    "vulnerable-help": '<path d="M24 40S6 28 6 16a9 9 0 0 1 18-3 9 9 0 0 1 18 3c0 12-18 24-18 24z"/>',
    "other": '<circle cx="10" cy="24" r="4"/><circle cx="24" cy="24" r="4"/><circle cx="38" cy="24" r="4"/>'
  };
  var CATEGORIES = [
    ["legal-advice", "法律咨询", "Legal advice"], ["dispute-mediation", "矛盾调解", "Dispute mediation"],
    ["deliberation", "村民议事", "Villagers' deliberation"], ["errand", "代办服务", "Errand"],
    ["policy", "政策咨询", "Policy question"], ["street-order", "市容秩序", "Street order"],
    ["environment", "环境卫生", "Environment"], ["safety-hazard", "安全隐患", "Safety hazard"],
    ["vulnerable-help", "关爱帮扶", "Help for the vulnerable"], ["other", "其他", "Other"]];
  var RATINGS = [["satisfied", "满意", "Satisfied"], ["basically-satisfied", "基本满意", "Basically satisfied"],
    ["dissatisfied", "不满意", "Dissatisfied"]];
  var SEVERITIES = [["normal", "普通", "Normal"], ["major", "重大", "Major"], ["urgent", "紧急", "Urgent"]];
  var PHRASES = [["请尽快处理", "Please deal with it soon"], ["请打电话联系我", "Please call me"],
    ["需要上门查看", "Someone needs to come and see"], ["以前反映过", "Reported before"],
    ["涉及老人或儿童", "Involves the elderly or children"], ["晚上也有影响", "It affects us at night too"]];
  var IDLE_AFTER_MS = 90000, OVERLAY_MS = 6000;

  var lang = /(^|[?&])lang=en/.test(location.search) ? "en" : "zh";
  var screen = "idle", state = null, form = null, phoneDraft = "", ticket = null, lookupDraft = "", looked = null;
  var $ = function (id) { return document.getElementById(id); };
  function t(key) { return T[lang][key]; }
  function pick(row) { return lang === "en" ? row[2] : row[1]; }
  function text(e, value) { e.textContent = value; return e; }
  function el(tag, value, cls) {
    var e = document.createElement(tag);
    if (value !== undefined && value !== null) { e.textContent = value; }
    if (cls) { e.className = cls; }
    return e;
  }
  function button(label, onTap, cls) {
    var b = el("button", label, cls); b.type = "button"; b.addEventListener("click", onTap); return b;
  }
  function api(path) { return path + (path.indexOf("?") < 0 ? "?" : "&") + "lang=" + lang; }
  function hhmm(iso) { var m = /T(\d\d:\d\d)/.exec(iso || ""); return m ? m[1] : ""; }
  function paren(x) { return lang === "en" ? " (" + x + ")" : "（" + x + "）"; }
  function category(wire) { return CATEGORIES.filter(function (c) { return c[0] === wire; })[0]; }
  function severity(wire) { return SEVERITIES.filter(function (s) { return s[0] === wire; })[0]; }
  function newForm() { return { category: null, severity: "normal", phone: "", phrases: [], anonymous: false }; }

  // ---- screens ----
  var TITLES = { category: "chooseCategory", details: "confirm", phone: "phoneTitle", note: "noteTitle", ticket: "ticketTitle",
    lookup: "lookupTitle" };
  function show(name) {
    screen = name;
    ["idle", "category", "details", "phone", "note", "ticket", "lookup", "status"].forEach(function (s) { $("screen-" + s).hidden = s !== name; });
    $("back").hidden = name === "idle" || name === "ticket";
    renderTitle();
    if (name === "details") { renderDetails(); }
    if (name === "phone") { renderPhone(); }
    if (name === "note") { renderPhrases(); }
    if (name === "lookup") { renderLookup(); }
    if (document.activeElement && document.activeElement.blur) { document.activeElement.blur(); }
    touch();
  }
  function renderTitle() {
    var title;
    if (screen === "idle") { title = state && state.name ? state.name : t("station"); }
    else if (screen === "details") { title = pick(category(form.category)); }
    else if (screen === "status") { title = t("ticketNo") + (looked ? looked.ticket : ""); }
    else { title = t(TITLES[screen]); }
    text($("title"), title);
    document.title = state && state.name ? state.name : t("station");
  }
  function back() {
    var to = { category: "idle", details: "category", phone: "details", note: "details" }[screen] || "idle";
    if (to === "idle") { form = null; looked = null; }
    show(to);
  }
  function home() { form = null; ticket = null; looked = null; show("idle"); refresh(); }

  // back to the wall, in the station's default language, after a while without a touch
  var idleTimer = null;
  function idleHome() {
    var d = state && state.defaultLanguage;
    if ((d === "zh" || d === "en") && d !== lang) { lang = d; applyLang(); }
    home();
  }
  function touch() {
    clearTimeout(idleTimer);
    if (screen !== "idle") { idleTimer = setTimeout(idleHome, screen === "ticket" || screen === "status" ? 60000 : IDLE_AFTER_MS); }
  }
  document.addEventListener("pointerdown", touch, true);

  // ---- language ----
  function applyLang() {
    document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
    Array.prototype.forEach.call(document.querySelectorAll("[data-t]"), function (e) { text(e, t(e.getAttribute("data-t"))); });
    text($("lang"), t("langButton"));
    $("lang").lang = lang === "en" ? "zh-CN" : "en";
    renderCategories();
    if (form) { renderDetails(); renderPhone(); renderPhrases(); }
    if (ticket) { renderTicket(); }
    renderLookup();
    if (looked) { openTicket(looked.ticket, looked.rated); }
    renderTitle();
    refresh();
  }

  // ---- idle: the public wall ----
  function refresh() {
    fetch(api("/api/v1/state")).then(function (r) { return r.json(); }).then(function (s) { state = s; renderWall(); })
      .catch(function () { renderLink(); });
  }
  function renderWall() {
    renderTitle();
    renderLink();
    var roster = $("roster"); roster.innerHTML = "";
    var duty = state.onDuty || [], scheduledIds = {};
    if (!state.roster || !state.roster.shifts.length) { roster.appendChild(el("li", t("noRoster"), "muted")); }
    else {
      state.roster.shifts.forEach(function (sh) {
        roster.appendChild(el("li", sh.label + " " + hhmm(sh.start) + "–" + hhmm(sh.end), "shift"));
        sh.volunteers.forEach(function (v) {
          scheduledIds[v.personId] = true;
          var li = el("li"); li.setAttribute("data-person", v.personId);
          li.appendChild(el("span", v.name, "who"));
          li.appendChild(el("span", " " + v.roleLabel + " "));
          li.appendChild(el("span", v.onDuty ? t("here") : t("away"), v.onDuty ? "here" : "away"));
          roster.appendChild(li);
        });
      });
    }
    duty.filter(function (d) { return !scheduledIds[d.personId]; }).forEach(function (d) {
      var li = el("li"); li.setAttribute("data-person", d.personId);
      li.appendChild(el("span", d.name, "who"));
      li.appendChild(el("span", paren(t("extra")) + " "));
      li.appendChild(el("span", t("here"), "here"));
      roster.appendChild(li);
    });
    var services = $("services"); services.innerHTML = "";
    if (!state.services.length) { services.appendChild(el("li", t("noServices"), "muted")); }
    state.services.forEach(function (s) {
      var li = el("li"); li.appendChild(el("span", s.name, "who")); li.appendChild(el("div", s.hours)); services.appendChild(li);
    });
    var grid = $("grid"); grid.innerHTML = "";
    if (!state.gridChain.length) { grid.appendChild(el("div", t("noGrid"), "muted")); }
    state.gridChain.forEach(function (g) {
      grid.appendChild(el("div", g.name, "grid-name"));
      g.leaders.forEach(function (l) {
        var d = el("div", null, "leader");
        var role = ROLES[l.role] ? ROLES[l.role][lang === "en" ? 1 : 0] : l.role;
        var line = el("div"); line.appendChild(el("span", l.name, "who")); line.appendChild(el("span", " " + role));
        d.appendChild(line);
        if (l.phone) { var p = el("div"); p.appendChild(el("span", "☎ " + l.phone, "phone-number")); d.appendChild(p); }
        if (l.duties) { d.appendChild(el("div", l.duties, "muted")); }
        grid.appendChild(d);
      });
    });
    markScrollable();
    var qr = $("station-qr");
    $("station-qr-panel").hidden = !state.publicUrl;
    if (state.publicUrl) { qr.src = "/api/v1/qr.svg?text=" + encodeURIComponent(state.publicUrl); qr.alt = t("scanStation"); }
  }
  // a list longer than its panel says so: scroll bars alone are too faint a hint
  function markScrollable() {
    Array.prototype.forEach.call(document.querySelectorAll(".scroll"), function (list) {
      var more = list.scrollTop + list.clientHeight < list.scrollHeight - 4;
      var hint = list.parentElement.querySelector(".more[data-for='" + list.id + "']");
      if (hint) { hint.hidden = !more; }
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll(".scroll"), function (list) {
    list.addEventListener("scroll", markScrollable, { passive: true });
  });
  window.addEventListener("resize", markScrollable);

  function when(iso) {
    if (!iso) { return t("never"); }
    var d = new Date(iso), zone = (state && state.timezone) || undefined;
    var opts = { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone };
    var day = function (x) { return x.toLocaleDateString("en-CA", { timeZone: zone }); };
    if (day(d) !== day(new Date())) { opts.month = lang === "en" ? "short" : "numeric"; opts.day = "numeric"; }
    return d.toLocaleString(lang === "en" ? "en-GB" : "zh-CN", opts);
  }
  function renderLink() {
    var link = $("link");
    if (state && state.connected) { link.className = "link"; text(link, t("online")); return; }
    var last = null;
    if (state) {
      [state.configUpdatedAt, state.rosterUpdatedAt, state.keysUpdatedAt].forEach(function (x) { if (x && (!last || x > last)) { last = x; } });
    }
    link.className = "link offline"; text(link, t("offline") + when(last));
  }

  // ---- request: category ----
  function renderCategories() {
    var box = $("categories"); box.innerHTML = "";
    CATEGORIES.forEach(function (c) {
      var b = button("", function () { form.category = c[0]; show("details"); });
      b.setAttribute("data-category", c[0]);
      var svg = document.createElementNS("http:" + "//www.w3.org/2000/svg", "svg");
      svg.setAttribute("viewBox", "0 0 48 48"); svg.setAttribute("aria-hidden", "true");
      svg.setAttribute("fill", "none"); svg.setAttribute("stroke", "currentColor"); svg.setAttribute("stroke-width", "3");
      svg.setAttribute("stroke-linecap", "round"); svg.setAttribute("stroke-linejoin", "round");
      svg.innerHTML = ICON[c[0]];
      b.appendChild(svg); b.appendChild(el("span", pick(c)));
      box.appendChild(b);
    });
  }

  // ---- request: details ----
  function renderDetails() {
    if (!form || !form.category) { return; }
    var sev = $("severities"); sev.innerHTML = "";
    SEVERITIES.forEach(function (s) {
      var b = button(pick(s), function () { form.severity = s[0]; renderDetails(); });
      b.setAttribute("aria-pressed", String(form.severity === s[0])); b.setAttribute("data-severity", s[0]);
      sev.appendChild(b);
    });
    text($("open-phone"), form.phone ? t("phoneSet") + grouped(form.phone) : t("phone"));
    $("open-phone").disabled = form.anonymous;
    text($("open-note"), form.phrases.length ? t("noteSet") + form.phrases.length : t("note"));
    text($("anonymous"), t("anonymous"));
    $("anonymous").setAttribute("aria-pressed", String(form.anonymous));
    if (screen === "details") { renderTitle(); }
  }
  var submitting = false;
  function submit() {
    if (submitting) { return; }
    submitting = true; $("submit").disabled = true; text($("request-error"), "");
    var body = { category: form.category, severity: form.severity, anonymous: form.anonymous };
    if (form.phone && !form.anonymous) { body.phone = form.phone; }
    if (form.phrases.length) {
      // the note is read by the grid staff: the preset phrases go in Chinese whatever the screen shows
      body.note = form.phrases.map(function (i) { return PHRASES[i][0]; }).join("；");
    }
    fetch(api("/api/v1/requests"), { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
      .then(function (res) {
        if (res.ok) { ticket = res.body; form = null; renderTicket(); show("ticket"); }
        else { text($("request-error"), res.body.error || t("failed")); }
      })
      .catch(function () { text($("request-error"), t("failed")); })
      .then(function () { submitting = false; $("submit").disabled = false; });
  }

  // ---- phone keypad ----
  // a numeric keypad editing a string of at most max digits; each key carries data-{attr}
  function keypad(pad, attr, get, set, max, changed) {
    pad.innerHTML = "";
    ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "del"].forEach(function (k) {
      var label = k === "clear" ? t("clear") : k === "del" ? "⌫" : k;
      var b = button(label, function () {
        var v = get();
        if (k === "clear") { v = ""; }
        else if (k === "del") { v = v.slice(0, -1); }
        else if (v.length < max) { v += k; }
        set(v); changed();
      });
      b.setAttribute("data-" + attr, k);
      if (k === "del") { b.setAttribute("aria-label", t("del")); }
      pad.appendChild(b);
    });
  }
  function renderKeypad() {
    keypad($("keypad"), "key", function () { return phoneDraft; }, function (v) { phoneDraft = v; }, 20,
      function () { text($("phone-error"), ""); renderPhoneDisplay(); });
  }
  function renderPhone() { if (form) { renderKeypad(); renderPhoneDisplay(); } }
  function renderPhoneDisplay() { text($("phone-display"), grouped(phoneDraft)); }
  // 138 0057 1235: easier to read back than eleven digits in a row
  function grouped(digits) { return digits.replace(/^(\d{3})(\d{1,4})?(\d{1,4})?(\d*)$/, function (m, a, b, c, d) { return [a, b, c, d].filter(Boolean).join(" "); }); }
  function phoneOk() {
    if (phoneDraft && !/^\d{5,20}$/.test(phoneDraft)) { text($("phone-error"), t("phoneInvalid")); return; }
    form.phone = phoneDraft; show("details");
  }

  // ---- preset phrases ----
  function renderPhrases() {
    if (!form) { return; }
    var box = $("phrases"); box.innerHTML = "";
    PHRASES.forEach(function (p, i) {
      var b = button(lang === "en" ? p[1] : p[0], function () {
        var at = form.phrases.indexOf(i);
        if (at < 0) { form.phrases.push(i); } else { form.phrases.splice(at, 1); }
        renderPhrases();
      });
      b.setAttribute("aria-pressed", String(form.phrases.indexOf(i) >= 0));
      box.appendChild(b);
    });
  }

  // ---- ticket ----
  function renderTicket() {
    text($("ticket-number"), ticket.ticket);
    text($("ticket-summary"), t("summary")(pick(category(ticket.category)), pick(severity(ticket.severity))));
    var notice = $("receipt-notice"), printed = ticket.receiptPrinted;
    notice.hidden = printed === undefined || printed === null;
    notice.className = printed === false ? "notice bad" : "notice";
    text(notice, printed === false ? t("receiptFailed") : printed ? t("receiptPrinted") : "");
    var base = state && state.ticketUrlBase;
    $("ticket-qr-panel").hidden = !base;
    if (base) { $("ticket-qr").src = "/api/v1/qr.svg?text=" + encodeURIComponent(base + ticket.ticket); $("ticket-qr").alt = t("scanTicket"); }
  }

  // ---- ticket lookup: typed on the keypad (this station's prefix implied) or scanned ----
  function renderLookup() {
    keypad($("lookup-keypad"), "lookup-key", function () { return lookupDraft; }, function (v) { lookupDraft = v; }, 12,
      function () { text($("lookup-error"), ""); text($("lookup-display"), lookupDraft); });
    text($("lookup-prefix"), ((state && state.stationId) || "") + "-");
    text($("lookup-display"), lookupDraft);
  }
  function lookupOk() {
    if (!/^\d{1,12}$/.test(lookupDraft)) { text($("lookup-error"), t("digitsNeeded")); return; }
    openTicket(state.stationId + "-" + lookupDraft);
  }
  function openTicket(id, rated) {
    fetch(api("/api/v1/tickets/" + encodeURIComponent(id)))
      .then(function (r) { return r.json().then(function (b) { return { status: r.status, body: b }; }); })
      .then(function (res) {
        if (res.status === 200) { looked = { ticket: id, view: res.body, rated: rated || null }; }
        else if (res.status === 404 && res.body.code === "ticket-not-here") { looked = { ticket: id, missing: res.body }; }
        else { text($("lookup-error"), res.body.error || t("failed")); if (screen !== "lookup") { show("lookup"); } return; }
        lookupDraft = "";
        renderStatus(); show("status");
      })
      .catch(function () { text($("lookup-error"), t("failed")); });
  }
  function dateTime(iso) {
    var zone = (state && state.timezone) || undefined;
    return new Date(iso).toLocaleString(lang === "en" ? "en-GB" : "zh-CN",
      { month: lang === "en" ? "short" : "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone });
  }
  function renderStatus() {
    var found = !!(looked && looked.view);
    $("status-found").hidden = !found; $("status-missing").hidden = found;
    if (!looked) { return; }
    if (!found) {
      text($("missing-reason"), looked.missing.error);
      var url = looked.missing.trackingUrl;
      $("missing-qr-panel").hidden = !url;
      if (url) { $("missing-qr").src = "/api/v1/qr.svg?text=" + encodeURIComponent(url); $("missing-qr").alt = t("scanTicket"); }
      return;
    }
    var v = looked.view;
    var word = $("status-word"); text(word, v.statusLabel); word.setAttribute("data-status", v.status);
    text($("status-meta"), t("level") + v.levelLabel + " · " + v.categoryLabel + " · " + v.severityLabel);
    text($("status-note"), v.statusNote ? t("answer") + v.statusNote : t("noAnswer"));
    text($("status-dates"), t("filed") + dateTime(v.filedAt) + " · " + t("updated") + dateTime(v.updatedAt)
      + (v.boardUpdatedAt && !(state && state.connected) ? t("asOf") + when(v.boardUpdatedAt) + t("asOfEnd") : ""));
    var rated = looked.rated;
    var current = rated ? rated.ratingLabel : v.ratingLabel;
    text($("rate-current"), current ? t("yourRating") + current : (v.rateable ? "" : t("stillOpen")));
    $("rate-current").hidden = !$("rate-current").textContent;
    $("rate-ask").hidden = !v.rateable || !!rated;
    var box = $("rate-buttons"); box.innerHTML = ""; box.hidden = !v.rateable || !!rated;
    RATINGS.forEach(function (r) {
      var b = button(pick(r), function () { rate(r[0]); }, r[0] === "dissatisfied" ? "rate bad" : "rate");
      b.setAttribute("data-rating", r[0]);
      box.appendChild(b);
    });
    $("rate-thanks").hidden = !rated;
    text($("rate-thanks"), rated ? t("thanks") + (rated.reopens ? " " + t("handledAgain") : "") : "");
    text($("rate-error"), "");
    markScrollable();
  }
  var rating = false;
  function rate(wire) {
    if (rating || !looked) { return; }
    rating = true;
    fetch(api("/api/v1/tickets/" + encodeURIComponent(looked.ticket) + "/feedback"),
      { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ rating: wire }) })
      .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
      .then(function (res) {
        if (res.ok) { looked.rated = res.body; renderStatus(); }
        else { text($("rate-error"), res.body.error || t("failed")); }
      })
      .catch(function () { text($("rate-error"), t("failed")); })
      .then(function () { rating = false; });
  }

  // ---- badge scans ----
  var overlayTimer = null;
  function flash(res) {
    var o = $("overlay"), ok = !!res.accepted;
    o.className = ok ? "ok" : "bad";
    o.setAttribute("data-action", res.action || "refused");
    text($("overlay-icon"), ok ? "✔" : "✖");
    text($("overlay-title"), res.action === "in" ? t("checkedIn") : res.action === "out" ? t("checkedOut") : t("refused"));
    text($("overlay-reason"), res.reason || res.error || t("failed"));
    o.hidden = false;
    clearTimeout(overlayTimer);
    overlayTimer = setTimeout(closeOverlay, ok ? OVERLAY_MS : OVERLAY_MS + 2000);
  }
  function closeOverlay() { $("overlay").hidden = true; }
  function sendScan(token) {
    fetch(api("/api/v1/scan"), { method: "POST", headers: { "Content-Type": "text/plain; charset=utf-8" }, body: token })
      .then(function (r) { return r.json(); })
      .then(function (res) { flash(res); refresh(); })
      .catch(function () { flash({ accepted: false, action: "refused", reason: t("failed") }); });
  }

  // ---- the camera (on a Pi, or the simulator's): what it reads is shown as a keyboard scan is ----
  // The kiosk scans a badge the camera sees itself (buzzer and prompt included); the page only
  // shows the newest result, or opens the ticket whose tracking code was held up.
  var CAMERA_POLL_MS = 700, cameraSeq = 0, cameraPolling = false;
  function pollCamera() {
    if (!state || !state.camera || cameraPolling) { return; }
    cameraPolling = true;
    fetch(api("/api/v1/camera?after=" + cameraSeq))
      .then(function (r) { return r.status === 200 ? r.json() : null; })
      .then(function (ev) {
        if (!ev) { return; }
        cameraSeq = ev.seq;
        activity();
        if (ev.kind === "ticket") { closeOverlay(); openTicket(ev.ticket); }
        else if (ev.result) { flash(ev.result); refresh(); }
      })
      .catch(function () { })
      .then(function () { cameraPolling = false; });
  }

  // A USB QR scanner is a keyboard: the token arrives as a burst of keys ending in Enter,
  // wherever the focus is. A pause of more than 500 ms (by the keys' own time stamps) starts a new
  // burst: a scanner sends a key every few ms, and stray keys pressed earlier are dropped; a token
  // spoiled by a key pressed just before is refused as unreadable and simply scanned again. There
  // is no text field on the page, so keys inside a burst never reach a button.
  var BURST_GAP_MS = 500, burst = "", lastKey = 0;
  document.addEventListener("keydown", function (e) {
    var now = e.timeStamp || Date.now();
    if (now - lastKey > BURST_GAP_MS) { burst = ""; }
    lastKey = now;
    if (e.key === "Enter") {
      if (burst.length >= 8) {
        e.preventDefault(); e.stopPropagation(); if (document.activeElement) { document.activeElement.blur(); }
        // a ticket's QR code holds the gateway's tracking URL ending in /tickets/{ticket}
        var m = /^https?:\/\/\S*\/tickets\/([A-Za-z0-9_-]{1,64})\/?$/i.exec(burst);
        if (m) { closeOverlay(); openTicket(m[1]); } else { sendScan(burst); }
      }
      burst = "";
    } else if (e.key.length === 1) {
      if (burst.length > 0) { e.preventDefault(); }
      burst += e.key;
      if (burst.length > 2000) { burst = ""; }
    }
  }, true);

  // ---- dimming: after the configured idle time without a touch, a scan or motion ----
  var dimAfterMs = 120000, motions = null, dimTimer = null, dimmed = false;
  function activity() {
    if (dimmed) { dimmed = false; $("dim").hidden = true; document.body.removeAttribute("data-dimmed"); reportScreen(false); }
    clearTimeout(dimTimer);
    dimTimer = setTimeout(dim, dimAfterMs);
  }
  function dim() {
    dimmed = true; $("dim").hidden = false; document.body.setAttribute("data-dimmed", "true"); reportScreen(true);
  }
  function reportScreen(d) {
    fetch("/api/v1/screen", { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ dimmed: d }) })
      .catch(function () { });
  }
  function pollScreen() {
    fetch("/api/v1/screen").then(function (r) { return r.json(); }).then(function (s) {
      var ms = s.dimAfterSeconds * 1000;
      if (ms !== dimAfterMs) { dimAfterMs = ms; if (!dimmed) { activity(); } }
      if (motions !== null && s.motions > motions) { activity(); }
      motions = s.motions;
    }).catch(function () { });
  }
  document.addEventListener("pointerdown", activity, true);
  document.addEventListener("keydown", activity, true);
  activity();
  pollScreen();
  setInterval(pollScreen, 1000);

  $("lang").addEventListener("click", function () { lang = lang === "en" ? "zh" : "en"; applyLang(); });
  $("back").addEventListener("click", back);
  $("start").addEventListener("click", function () { form = newForm(); show("category"); });
  $("open-phone").addEventListener("click", function () { phoneDraft = form.phone; show("phone"); });
  $("open-note").addEventListener("click", function () { show("note"); });
  $("anonymous").addEventListener("click", function () { form.anonymous = !form.anonymous; if (form.anonymous) { form.phone = ""; } renderDetails(); });
  $("phone-ok").addEventListener("click", phoneOk);
  $("note-ok").addEventListener("click", function () { show("details"); });
  $("submit").addEventListener("click", submit);
  $("done").addEventListener("click", home);
  $("lookup").addEventListener("click", function () { lookupDraft = ""; text($("lookup-error"), ""); show("lookup"); });
  $("lookup-ok").addEventListener("click", lookupOk);
  $("overlay").addEventListener("click", closeOverlay);
  applyLang();
  setInterval(function () { if (screen === "idle") { refresh(); } }, 5000);
  setInterval(pollCamera, CAMERA_POLL_MS);
})();
