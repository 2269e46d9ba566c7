/*
 * Lienthong station page: one station's readings of one indicator as a plot over time, with the thresholds of the
 * warning rules that watch that station and indicator, the rules' episodes (warnings) as bands, the station's data
 * gap, and a link to each episode's threat. Read-only.
 *
 * As in the auditor console (../audit/console.js): the bearer token lives only in the `state` object of this script
 * (never in localStorage, sessionStorage, a cookie or the URL); every API call sends it in the Authorization header;
 * data from the hub is put into the page with textContent and setAttribute only, never as HTML or markup. The plot is
 * plain SVG built element by element here: no chart library, nothing fetched from anywhere but this hub's API.
 */
'use strict';

(function () {
  const I18N = {
    vi: {
      title: 'Trạm quan trắc',
      pageTitle: 'Lienthong — Trạm quan trắc',
      subtitle: 'Chỉ đọc: số liệu của một trạm, ngưỡng của các quy tắc cảnh báo theo dõi trạm và các đợt cảnh báo.',
      signInTitle: 'Đăng nhập',
      signInHelp: 'Dán mã thông báo (bearer token) được phép đọc trạm và quy tắc cảnh báo (reader, writer, auditor…).',
      tokenLabel: 'Mã thông báo',
      tokenNote: 'Mã chỉ được giữ trong bộ nhớ của trang này: không lưu vào trình duyệt, mất khi tải lại hoặc đóng trang.',
      signIn: 'Đăng nhập',
      signOut: 'Đăng xuất',
      signedInAs: 'Đăng nhập: {sub} ({org}) · vai trò: {roles}',
      expires: 'hết hạn {at}',
      stationLabel: 'Trạm (chọn hoặc gõ mã)',
      indicatorLabel: 'Chỉ tiêu',
      fromLabel: 'Từ (không bắt buộc)',
      toLabel: 'Đến (không bắt buộc)',
      show: 'Xem',
      watchedGroup: 'Có quy tắc cảnh báo theo dõi trạm này',
      otherGroup: 'Chỉ tiêu khác',
      rulesTitle: 'Quy tắc cảnh báo theo dõi trạm và chỉ tiêu này',
      episodesTitle: 'Các đợt cảnh báo',
      readingsSummary: 'Bảng số liệu ({n} số đo)',
      footer: 'Chỉ đọc. Mọi yêu cầu đều gửi kèm mã thông báo bạn đã dán; mã không được lưu lại.',
      loading: 'Đang tải…',
      none: '—',
      stationTitle: '{name} ({code})',
      chartHeading: '{indicator} ({unit}): {n} số đo',
      chartTitle: '{indicator} tại trạm {station}',
      'sum.code': 'Mã trạm',
      'sum.owner': 'Đơn vị sở hữu',
      'sum.classification': 'Phân loại',
      'sum.location': 'Vị trí',
      'sum.adminCodes': 'Đơn vị hành chính',
      'sum.coordinates': 'Tọa độ (vĩ độ, kinh độ)',
      'sum.attributes': 'Thuộc tính',
      'sum.updatedAt': 'Cập nhật lúc',
      'sum.dataGap': 'Mất số liệu từ',
      'classification.public': 'công khai',
      'classification.internal': 'nội bộ',
      'classification.restricted': 'hạn chế',
      'classification.secret': 'mật',
      gapNote: 'Trạm không gửi số liệu từ {at}: các cảnh báo đang có vẫn giữ nguyên, chưa kết thúc.',
      gapLabel: 'Mất số liệu từ {at}',
      level: 'Cấp {n}',
      enterLabel: 'Cấp {n} {op} {value}',
      clearLabel: 'hết cấp {n}: {op} {value}',
      axisTime: 'Giờ địa phương ({tz})',
      desc: '{n} số đo từ {from} đến {to}, thấp nhất {min}, cao nhất {max} {unit}.',
      descNone: 'Không có số đo nào trong khoảng đã chọn.',
      descThresholds: 'Ngưỡng: {list}.',
      descThreshold: 'cấp {n} khi {op} {value} {unit}, hết cấp khi {clearOp} {clear} {unit}',
      descEpisodes: '{n} đợt cảnh báo: {list}.',
      descEpisode: 'cấp {n} từ {from} đến {to}',
      descGap: 'Trạm mất số liệu từ {at}.',
      stillActive: 'nay (đang diễn ra)',
      'legend.readings': 'Số đo',
      'legend.suspect': 'nghi ngờ',
      'legend.bad': 'lỗi (không dùng để cảnh báo)',
      'legend.enter': 'ngưỡng vào cấp',
      'legend.clear': 'ngưỡng hết cấp',
      'legend.band': 'đợt cảnh báo cấp {n}',
      'legend.gap': 'mất số liệu',
      'note.truncated': 'Chỉ hiển thị {n} số đo đầu tiên: hãy thu hẹp khoảng thời gian (Từ/Đến).',
      'note.noCircles': 'Quá nhiều số đo để đánh dấu từng điểm: chỉ vẽ đường.',
      'note.notDrawn': 'Ngưỡng của quy tắc “{rule}” không vẽ trên biểu đồ: {why}.',
      'note.aggregate': 'so sánh với {fn} trong {window}, không phải với từng số đo',
      'note.inactive': 'quy tắc đang tắt',
      'note.episodesFailed': 'Không đọc được các đợt cảnh báo của quy tắc “{rule}”: {error}',
      'note.noRules': 'Không có quy tắc cảnh báo nào theo dõi trạm và chỉ tiêu này.',
      'note.clipped': 'Một số đợt cảnh báo bắt đầu hoặc kết thúc ngoài khoảng thời gian đang xem: dải màu bị cắt ở mép biểu đồ.',
      'fn.sum': 'tổng',
      'fn.max': 'giá trị lớn nhất',
      'fn.mean': 'trung bình',
      'fn.rise': 'mức tăng',
      'fn.last': 'số đo mới nhất',
      'col.number': 'Số',
      'col.rule': 'Quy tắc',
      'col.ruleStatus': 'Trạng thái',
      'col.level': 'Cấp',
      'col.enter': 'Vào cấp khi',
      'col.clear': 'Hết cấp khi',
      'col.for': 'Giữ trong',
      'col.aggregate': 'Cách tính',
      'col.status': 'Trạng thái',
      'col.startedAt': 'Bắt đầu',
      'col.endedAt': 'Kết thúc',
      'col.dataGap': 'Mất số liệu từ',
      'col.threat': 'Mối đe dọa',
      'col.time': 'Thời điểm',
      'col.value': 'Giá trị ({unit})',
      'col.quality': 'Chất lượng',
      'col.corrections': 'Giá trị trước khi hiệu chỉnh',
      'ruleStatus.active': 'đang chạy',
      'ruleStatus.inactive': 'tắt',
      'ruleStatus.exercise': 'diễn tập',
      'episode.active': 'đang diễn ra',
      'episode.ended': 'đã kết thúc',
      'episode.withdrawn': 'đã rút (số liệu sau cho thấy không xảy ra)',
      'quality.good': 'tốt',
      'quality.suspect': 'nghi ngờ',
      'quality.bad': 'lỗi',
      exercise: 'diễn tập',
      eachReading: 'từng số đo',
      noEpisodes: 'Chưa có đợt cảnh báo nào của các quy tắc này tại trạm.',
      noReadings: 'Không có số đo nào.',
      openInAudit: 'Mở trong tra cứu kiểm toán',
      apiLink: 'API',
      threatGone: 'mối đe dọa đã bị xóa',
      correctionLine: '{value} (ghi lúc {at})',
      'err.401': 'Token không hợp lệ (sai, hết hạn hoặc không được hub này tin cậy).',
      'err.403': 'Token này không được phép đọc trạm và quy tắc cảnh báo.',
      'err.404': 'Không tìm thấy trạm (hoặc bạn không được phép xem).',
      'err.network': 'Không kết nối được với hub.',
      'err.other': 'Lỗi {status}',
      'err.badCode': 'Mã trạm chỉ gồm chữ thường, chữ số, “.” và “-”, ví dụ vn.nchmf.long-bien.',
      'err.noIndicator': 'Hãy chọn một chỉ tiêu.',
      'err.badRange': '“Từ” phải trước “Đến”.',
      'err.emptyToken': 'Hãy dán mã thông báo trước.'
    },
    en: {
      title: 'Station readings',
      pageTitle: 'Lienthong — Station readings',
      subtitle: "Read-only: a station's readings, the thresholds of the warning rules that watch it, and their warnings.",
      signInTitle: 'Sign in',
      signInHelp: 'Paste a bearer token that may read stations and warning rules (reader, writer, auditor…).',
      tokenLabel: 'Token',
      tokenNote: "The token is kept only in this page's memory: never stored in the browser, forgotten when the page is reloaded or closed.",
      signIn: 'Sign in',
      signOut: 'Sign out',
      signedInAs: 'Signed in: {sub} ({org}) · roles: {roles}',
      expires: 'expires {at}',
      stationLabel: 'Station (pick or type its code)',
      indicatorLabel: 'Indicator',
      fromLabel: 'From (optional)',
      toLabel: 'To (optional)',
      show: 'Show',
      watchedGroup: 'Watched by a warning rule at this station',
      otherGroup: 'Other indicators',
      rulesTitle: 'Warning rules watching this station and indicator',
      episodesTitle: 'Warnings (episodes)',
      readingsSummary: 'Table of readings ({n})',
      footer: 'Read-only. Every request carries the token you pasted; it is not stored.',
      loading: 'Loading…',
      none: '—',
      stationTitle: '{name} ({code})',
      chartHeading: '{indicator} ({unit}): {n} readings',
      chartTitle: '{indicator} at station {station}',
      'sum.code': 'Station code',
      'sum.owner': 'Owner',
      'sum.classification': 'Classification',
      'sum.location': 'Location',
      'sum.adminCodes': 'Administrative units',
      'sum.coordinates': 'Coordinates (latitude, longitude)',
      'sum.attributes': 'Attributes',
      'sum.updatedAt': 'Updated',
      'sum.dataGap': 'No data since',
      'classification.public': 'public',
      'classification.internal': 'internal',
      'classification.restricted': 'restricted',
      'classification.secret': 'secret',
      gapNote: 'The station has sent nothing since {at}: its open warnings stay as they are, they are not ended.',
      gapLabel: 'No data since {at}',
      level: 'Level {n}',
      enterLabel: 'Level {n} {op} {value}',
      clearLabel: 'clears level {n}: {op} {value}',
      axisTime: 'Local time ({tz})',
      desc: '{n} readings from {from} to {to}, lowest {min}, highest {max} {unit}.',
      descNone: 'No readings in the chosen period.',
      descThresholds: 'Thresholds: {list}.',
      descThreshold: 'level {n} at {op} {value} {unit}, cleared at {clearOp} {clear} {unit}',
      descEpisodes: '{n} warnings: {list}.',
      descEpisode: 'level {n} from {from} to {to}',
      descGap: 'The station has had no data since {at}.',
      stillActive: 'now (still active)',
      'legend.readings': 'Readings',
      'legend.suspect': 'suspect',
      'legend.bad': 'bad (never used for warnings)',
      'legend.enter': 'threshold entering a level',
      'legend.clear': 'value clearing a level',
      'legend.band': 'warning at level {n}',
      'legend.gap': 'no data',
      'note.truncated': 'Only the first {n} readings are shown: narrow the period (From/To).',
      'note.noCircles': 'Too many readings to mark each one: only the line is drawn.',
      'note.notDrawn': 'The thresholds of rule “{rule}” are not drawn: {why}.',
      'note.aggregate': 'they are compared with the {fn} over {window}, not with single readings',
      'note.inactive': 'the rule is inactive',
      'note.episodesFailed': 'Could not read the warnings of rule “{rule}”: {error}',
      'note.noRules': 'No warning rule watches this station and indicator.',
      'note.clipped': 'Some warnings start or end outside the period shown: their bands are cut at the edge of the plot.',
      'fn.sum': 'sum',
      'fn.max': 'maximum',
      'fn.mean': 'mean',
      'fn.rise': 'rise',
      'fn.last': 'latest reading',
      'col.number': 'No.',
      'col.rule': 'Rule',
      'col.ruleStatus': 'Status',
      'col.level': 'Level',
      'col.enter': 'Enters at',
      'col.clear': 'Clears at',
      'col.for': 'Held for',
      'col.aggregate': 'Compared with',
      'col.status': 'Status',
      'col.startedAt': 'Started',
      'col.endedAt': 'Ended',
      'col.dataGap': 'No data since',
      'col.threat': 'Threat',
      'col.time': 'Time',
      'col.value': 'Value ({unit})',
      'col.quality': 'Quality',
      'col.corrections': 'Values before correction',
      'ruleStatus.active': 'active',
      'ruleStatus.inactive': 'inactive',
      'ruleStatus.exercise': 'exercise',
      'episode.active': 'active',
      'episode.ended': 'ended',
      'episode.withdrawn': 'withdrawn (later readings showed it never happened)',
      'quality.good': 'good',
      'quality.suspect': 'suspect',
      'quality.bad': 'bad',
      exercise: 'exercise',
      eachReading: 'each reading',
      noEpisodes: 'These rules have raised no warning at this station.',
      noReadings: 'No readings.',
      openInAudit: 'Open in the audit console',
      apiLink: 'API',
      threatGone: 'the threat has been deleted',
      correctionLine: '{value} (recorded {at})',
      'err.401': 'Invalid token (wrong, expired, or not trusted by this hub).',
      'err.403': 'This token may not read stations and warning rules.',
      'err.404': 'No such station (or you may not see it).',
      'err.network': 'Cannot reach the hub.',
      'err.other': 'Error {status}',
      'err.badCode': 'A station code has lower-case letters, digits, “.” and “-” only, e.g. vn.nchmf.long-bien.',
      'err.noIndicator': 'Choose an indicator.',
      'err.badRange': '“From” must be before “To”.',
      'err.emptyToken': 'Paste a token first.'
    }
  };

  const LOCALES = { vi: 'vi-VN', en: 'en-GB' };
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const CODE = /^[a-z0-9][a-z0-9.-]{0,127}$/;
  const SVG_NS = 'http://www.w3.org/2000/svg';

  /*
   * Risk level colours of Decision 18/2021/QĐ-TTg: 1 light blue, 2 light yellow, 3 orange, 4 red, 5 purple. `band` is
   * the colour itself (episode bands, badges: the same values are in stations.css); `line` a darker shade of it, so
   * that a threshold line (a light yellow one especially) stays visible on white.
   */
  const RISK = {
    1: { band: '#9fd8f6', line: '#1f78b4' },
    2: { band: '#fff59d', line: '#a68a00' },
    3: { band: '#ffa726', line: '#e65100' },
    4: { band: '#ef5350', line: '#b71c1c' },
    5: { band: '#ab47bc', line: '#6a1b9a' }
  };

  const STATION_PAGES = 10; // × 1000 stations for the pick list
  const RULE_PAGES = 10; // × 1000 rules
  const READINGS_PAGE = 10000; // the API's largest page
  const MAX_READINGS = 20000;
  const MAX_CIRCLES = 2000;
  const MAX_THREATS = 50; // threat titles fetched for the table

  /* The plot, in SVG user units (it scales to the page's width). */
  const W = 960;
  const H = 440;
  const M = { left: 70, right: 160, top: 24, bottom: 58 };

  /* The token is here and nowhere else. */
  const state = {
    lang: 'vi',
    token: null,
    claims: null,
    stations: [],
    indicators: [],
    rules: [],
    view: null,
    message: null,
    signinError: null,
    pending: null,
    seq: 0
  };

  const $ = (id) => document.getElementById(id);

  function t(key, params) {
    let s = I18N[state.lang][key];
    if (s === undefined) {
      s = I18N.en[key];
    }
    if (s === undefined) {
      return key;
    }
    if (params) {
      s = s.replace(/\{(\w+)\}/g, (m, name) => (params[name] === undefined ? m : String(params[name])));
    }
    return s;
  }

  /* A translated label for a wire value (classification, quality ...), or the value itself. */
  function label(prefix, value) {
    if (value === undefined || value === null || value === '') {
      return t('none');
    }
    const key = prefix + '.' + value;
    return I18N[state.lang][key] !== undefined ? I18N[state.lang][key] : String(value);
  }

  function build(node, attrs, children) {
    if (attrs) {
      for (const [name, value] of Object.entries(attrs)) {
        if (value === undefined || value === null || value === false) {
          continue;
        }
        if (name === 'class') {
          node.setAttribute('class', value);
        } else if (name === 'text') {
          node.textContent = value;
        } else if (name.startsWith('on')) {
          node.addEventListener(name.substring(2), value);
        } else {
          node.setAttribute(name, value === true ? '' : String(value));
        }
      }
    }
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) {
        continue;
      }
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /* An HTML element; text only ever as text nodes. */
  function el(tag, attrs, ...children) {
    return build(document.createElement(tag), attrs, children);
  }

  /* An SVG element, likewise. */
  function svg(tag, attrs, ...children) {
    return build(document.createElementNS(SVG_NS, tag), attrs, children);
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
    return node;
  }

  function show(node, visible) {
    node.hidden = !visible;
  }

  function formatTime(iso) {
    if (!iso) {
      return t('none');
    }
    const d = new Date(iso);
    if (isNaN(d.getTime())) {
      return String(iso);
    }
    return d.toLocaleString(LOCALES[state.lang], {
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit'
    });
  }

  function time(iso) {
    return el('time', { datetime: iso || undefined, title: iso || undefined, text: formatTime(iso) });
  }

  function number(v) {
    if (typeof v !== 'number' || !isFinite(v)) {
      return String(v);
    }
    return v.toLocaleString(LOCALES[state.lang], { maximumFractionDigits: 4 });
  }

  /* A duration as the rule states it (ISO 8601, e.g. PT30M): the notation rules are written and published in. */
  function duration(iso) {
    return iso ? String(iso) : t('none');
  }

  /* ------------------------------------------------------------------ HTTP */

  async function api(path) {
    let res;
    try {
      res = await fetch(path, {
        headers: { Authorization: 'Bearer ' + state.token, Accept: 'application/json' },
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer'
      });
    } catch (e) {
      return { ok: false, status: 0, body: null };
    }
    let body = null;
    const type = res.headers.get('Content-Type') || '';
    if (type.includes('json')) {
      try {
        body = await res.json();
      } catch (e) {
        body = null;
      }
    }
    return { ok: res.ok, status: res.status, body: body };
  }

  /* Every page of a list (following `next`), up to `max` items; `path` already has a query string. */
  async function pages(path, max) {
    const items = [];
    let cursor = null;
    for (;;) {
      const r = await api(path + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
      if (!r.ok) {
        return { ok: false, error: r };
      }
      const body = r.body || {};
      items.push(...(Array.isArray(body.items) ? body.items : []));
      cursor = body.next;
      if (!cursor) {
        return { ok: true, items: items, truncated: false };
      }
      if (items.length >= max) {
        return { ok: true, items: items.slice(0, max), truncated: true };
      }
    }
  }

  /* What a refusal means, in plain words. */
  function errorText(r) {
    switch (r.status) {
      case 0:
        return t('err.network');
      case 401:
        return t('err.401');
      case 403:
        return t('err.403');
      case 404:
        return t('err.404');
      default: {
        const detail = r.body && (r.body.detail || r.body.title);
        return t('err.other', { status: r.status }) + (detail ? ': ' + detail : '');
      }
    }
  }

  /* ------------------------------------------------------------------ sign-in */

  function decodeClaims(token) {
    try {
      const part = token.split('.')[1];
      const json = atob(part.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((part.length + 3) % 4));
      const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      return null;
    }
  }

  async function signIn(event) {
    event.preventDefault();
    const field = $('token');
    let token = field.value.trim().replace(/^Bearer\s+/i, '');
    setSigninError(null);
    if (!token) {
      setSigninError(() => t('err.emptyToken'));
      return;
    }
    state.token = token;
    token = null;
    const button = $('signin-button');
    button.disabled = true;
    // the station list is what the page needs first; its 401 or 403 says what the token is worth
    const [stations, indicators, rules] = await Promise.all([
      pages('/api/v1/stations?limit=1000', 1000 * STATION_PAGES),
      api('/api/v1/indicators'),
      pages('/api/v1/warning-rules?limit=1000', 1000 * RULE_PAGES)
    ]);
    button.disabled = false;
    const refused = !stations.ok ? stations.error : !indicators.ok ? indicators : !rules.ok ? rules.error : null;
    if (refused) {
      state.token = null;
      setSigninError(() => errorText(refused));
      return;
    }
    field.value = '';
    state.stations = stations.items;
    state.indicators = (indicators.body && indicators.body.items) || [];
    state.rules = rules.items;
    state.claims = decodeClaims(state.token) || {};
    show($('signin'), false);
    show($('app'), true);
    show($('who'), true);
    renderWho();
    renderStationOptions();
    renderIndicatorOptions();
    const pending = state.pending;
    state.pending = null;
    if (pending && pending.station) {
      $('station').value = pending.station;
      renderIndicatorOptions(pending.indicator);
      showStation(null);
    } else {
      $('station').focus();
    }
  }

  function setSigninError(text) {
    state.signinError = text;
    const node = $('signin-error');
    node.textContent = text ? text() : '';
    show(node, !!text);
  }

  function signOut() {
    state.token = null;
    state.claims = null;
    state.stations = [];
    state.indicators = [];
    state.rules = [];
    state.view = null;
    state.seq++;
    clear($('station-options'));
    clear($('indicator'));
    clear($('chart-wrap'));
    setMessage(null);
    show($('station-view'), false);
    show($('app'), false);
    show($('who'), false);
    show($('signin'), true);
    $('token').focus();
  }

  function renderWho() {
    if (!state.claims) {
      return;
    }
    const c = state.claims;
    const roles = Array.isArray(c.groups) ? c.groups : [];
    let text = t('signedInAs', { sub: c.sub || '?', org: c.org || '?', roles: roles.join(', ') || t('none') });
    if (typeof c.exp === 'number') {
      text += ' · ' + t('expires', { at: formatTime(new Date(c.exp * 1000).toISOString()) });
    }
    $('who-text').textContent = text;
  }

  /* text: null, or a function giving the message in the current language */
  function setMessage(text) {
    state.message = text;
    const node = $('message');
    node.textContent = text ? text() : '';
    show(node, !!text);
  }

  /* ------------------------------------------------------------------ choosing */

  function renderStationOptions() {
    const list = clear($('station-options'));
    for (const s of state.stations) {
      list.appendChild(el('option', { value: s.code, text: s.name }));
    }
  }

  /* Whether a rule (its body) watches a station: by code, or by an administrative unit the station lies in. */
  function watches(body, station) {
    if (!body || !station) {
      return false;
    }
    if (Array.isArray(body.stations) && body.stations.includes(station.code)) {
      return true;
    }
    const units = (station.location && Array.isArray(station.location.adminCodes)) ? station.location.adminCodes : [];
    return Array.isArray(body.adminCodes) && body.adminCodes.some((c) => units.includes(c));
  }

  function indicatorName(ind) {
    if (!ind) {
      return t('none');
    }
    return (state.lang === 'en' && ind.nameEn) ? ind.nameEn : (ind.name || ind.code);
  }

  function indicatorDef(code) {
    return state.indicators.find((i) => i.code === code) || { code: code, name: code, unit: '' };
  }

  /*
   * The indicator list, the indicators some rule watches at the chosen station first; keeps the current choice (or
   * takes `wanted`), else picks the first watched one.
   */
  function renderIndicatorOptions(wanted) {
    const select = $('indicator');
    const current = wanted || select.value;
    const code = $('station').value.trim();
    const station = state.stations.find((s) => s.code === code) || (state.view && state.view.station.code === code
      ? state.view.station : null);
    const watched = new Set(state.rules.filter((r) => watches(r.rule, station)).map((r) => r.rule.indicator));
    const option = (ind) => el('option', { value: ind.code,
      text: indicatorName(ind) + (ind.unit ? ' (' + ind.unit + ')' : '') + ' · ' + ind.code });
    const first = state.indicators.filter((i) => watched.has(i.code));
    const rest = state.indicators.filter((i) => !watched.has(i.code));
    clear(select);
    if (first.length > 0) {
      select.appendChild(el('optgroup', { label: t('watchedGroup') }, first.map(option)));
      select.appendChild(el('optgroup', { label: t('otherGroup') }, rest.map(option)));
    } else {
      rest.forEach((i) => select.appendChild(option(i)));
    }
    const codes = state.indicators.map((i) => i.code);
    if (current && codes.includes(current) && (wanted || !first.length || watched.has(current))) {
      select.value = current;
    } else if (first.length > 0) {
      select.value = first[0].code;
    } else if (current && codes.includes(current)) {
      select.value = current;
    }
  }

  /* A datetime-local value (the browser's time zone) as an RFC 3339 instant, or null. */
  function localInstant(value) {
    if (!value) {
      return null;
    }
    const d = new Date(value);
    return isNaN(d.getTime()) ? null : d.toISOString();
  }

  /* ------------------------------------------------------------------ one station */

  async function showStation(event) {
    if (event) {
      event.preventDefault();
    }
    const code = $('station').value.trim();
    const indicator = $('indicator').value;
    if (!CODE.test(code)) {
      setMessage(() => t('err.badCode'));
      return;
    }
    if (!indicator) {
      setMessage(() => t('err.noIndicator'));
      return;
    }
    const from = localInstant($('from').value);
    const to = localInstant($('to').value);
    if (from && to && Date.parse(from) >= Date.parse(to)) {
      setMessage(() => t('err.badRange'));
      return;
    }
    const seq = ++state.seq;
    setMessage(null);
    $('station-view').dataset.state = 'loading';
    const base = '/api/v1/stations/' + encodeURIComponent(code);
    let query = base + '/observations?indicator=' + encodeURIComponent(indicator) + '&limit=' + READINGS_PAGE;
    if (from) {
      query += '&from=' + encodeURIComponent(from);
    }
    if (to) {
      query += '&to=' + encodeURIComponent(to);
    }
    // the rules again: one may have been added or changed since sign-in
    const [answer, rules, readings] = await Promise.all([api(base),
      pages('/api/v1/warning-rules?limit=1000', 1000 * RULE_PAGES), pages(query, MAX_READINGS)]);
    if (seq !== state.seq) {
      return;
    }
    const refused = !answer.ok ? answer : !rules.ok ? rules.error : !readings.ok ? readings.error : null;
    if (refused) {
      // nothing of another station stays on show beside the error
      state.view = null;
      $('station-view').dataset.state = 'error';
      show($('station-view'), false);
      setMessage(() => errorText(refused));
      return;
    }
    state.rules = rules.items;
    const station = answer.body || { code: code };
    const watching = state.rules.filter((r) => r.rule && r.rule.indicator === indicator && watches(r.rule, station));
    const answers = await Promise.all(watching.map((r) =>
      api('/api/v1/warning-rules/' + encodeURIComponent(r.id) + '/episodes')));
    if (seq !== state.seq) {
      return;
    }
    const episodes = [];
    const failures = [];
    answers.forEach((a, i) => {
      if (!a.ok) {
        failures.push({ rule: watching[i], error: a });
        return;
      }
      for (const e of (a.body && a.body.items) || []) {
        if (e.station === station.code) {
          episodes.push({ rule: watching[i], ruleNumber: i + 1, episode: e, threat: null });
        }
      }
    });
    const items = readings.items.slice().sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
    state.view = {
      station: station,
      indicator: indicatorDef(indicator),
      rules: watching,
      readings: items,
      truncated: readings.truncated,
      episodes: episodes,
      failures: failures
    };
    // codes are not secrets: the address can be shared (the token is never in it)
    history.replaceState(null, '', '#station=' + encodeURIComponent(station.code) + '&indicator='
      + encodeURIComponent(indicator));
    show($('station-view'), true);
    renderView();
    $('station-view').dataset.state = 'drawn';

    // the threats' titles, for the table
    await Promise.all(episodes.filter((e) => e.episode.status !== 'withdrawn' && UUID.test(String(e.episode.threatId)))
      .slice(0, MAX_THREATS).map(async (e) => {
        const r = await api('/api/v1/threats/' + encodeURIComponent(e.episode.threatId));
        e.threat = r.ok ? (r.body || {}) : { refused: r.status };
      }));
    if (seq !== state.seq) {
      return;
    }
    renderEpisodes();
    $('station-view').dataset.state = 'ready';
  }

  function renderView() {
    const v = state.view;
    if (!v) {
      return;
    }
    renderSummary();
    renderChart();
    renderRules();
    renderEpisodes();
    renderReadings();
  }

  function renderSummary() {
    const s = state.view.station;
    $('station-title').textContent = t('stationTitle', { name: s.name || s.code, code: s.code });
    const gap = $('gap-note');
    gap.textContent = s.dataGapSince ? t('gapNote', { at: formatTime(s.dataGapSince) }) : '';
    show(gap, !!s.dataGapSince);
    const loc = s.location || {};
    const coords = loc.geometry && loc.geometry.type === 'Point' && Array.isArray(loc.geometry.coordinates)
      ? loc.geometry.coordinates[1] + ', ' + loc.geometry.coordinates[0] : null;
    const attributes = s.attributes && Object.keys(s.attributes).length > 0
      ? Object.entries(s.attributes).map(([k, val]) => k + ': ' + (typeof val === 'string' ? val : JSON.stringify(val)))
        .join(' · ')
      : null;
    const rows = [
      ['sum.code', el('code', { text: s.code })],
      ['sum.owner', s.owner],
      ['sum.classification', label('classification', s.classification)],
      ['sum.location', loc.description],
      ['sum.adminCodes', Array.isArray(loc.adminCodes) ? loc.adminCodes.join(', ') : null],
      ['sum.coordinates', coords],
      ['sum.attributes', attributes],
      ['sum.updatedAt', time(s.updatedAt)],
      ['sum.dataGap', s.dataGapSince ? el('span', { class: 'badge warn' }, time(s.dataGapSince)) : null]
    ];
    const summary = clear($('station-summary'));
    for (const [key, value] of rows) {
      summary.appendChild(el('div', { 'data-field': key.substring(4) }, el('dt', { text: t(key) }),
        el('dd', null, value === undefined || value === null || value === '' ? t('none') : value)));
    }
  }

  /* ------------------------------------------------------------------ the plot */

  /* Why a rule's thresholds cannot be drawn over single readings (null: they can). */
  function notDrawn(r) {
    const body = r.rule;
    if (body.status === 'inactive') {
      return t('note.inactive');
    }
    if (body.aggregate && body.aggregate.fn && body.aggregate.fn !== 'last') {
      return t('note.aggregate', { fn: label('fn', body.aggregate.fn), window: duration(body.aggregate.window) });
    }
    return null;
  }

  /* The threshold and clear lines of the rules that can be drawn. */
  function thresholdLines(v) {
    const lines = [];
    v.rules.forEach((r, i) => {
      if (notDrawn(r)) {
        return;
      }
      for (const level of r.rule.levels || []) {
        const rising = typeof level.above === 'number';
        const enter = rising ? level.above : level.below;
        if (typeof enter !== 'number' || !RISK[level.riskLevel]) {
          continue;
        }
        const base = { rule: r, ruleNumber: i + 1, level: level.riskLevel, rising: rising };
        lines.push(Object.assign({ kind: 'enter', value: enter, op: rising ? '≥' : '≤' }, base));
        if (typeof level.clear === 'number' && level.clear !== enter) {
          lines.push(Object.assign({ kind: 'clear', value: level.clear, op: rising ? '<' : '>' }, base));
        }
      }
    });
    return lines;
  }

  /* Round, readable steps: 1, 2, 2.5 or 5 × 10^k, about `count` of them over [lo, hi]. */
  function niceTicks(lo, hi, count) {
    const raw = (hi - lo) / count;
    const power = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 2.5, 5, 10].map((f) => f * power).find((s) => s >= raw) || 10 * power;
    const start = Math.floor(lo / step) * step;
    const end = Math.ceil(hi / step) * step;
    const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
    const ticks = [];
    for (let k = 0; start + k * step <= end + step / 1e6; k++) {
      ticks.push(Number((start + k * step).toFixed(decimals)));
    }
    return ticks;
  }

  const MINUTE = 60000;
  const HOUR = 60 * MINUTE;
  const DAY = 24 * HOUR;
  const TIME_STEPS = [MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR,
    6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 91 * DAY, 182 * DAY, 365 * DAY];

  /* Time ticks at round local times (the browser's time zone). */
  function timeTicks(lo, hi) {
    const step = TIME_STEPS.find((s) => (hi - lo) / s <= 7) || TIME_STEPS[TIME_STEPS.length - 1];
    const offset = -new Date(lo).getTimezoneOffset() * MINUTE;
    const ticks = [];
    for (let tick = Math.ceil((lo + offset) / step) * step - offset; tick <= hi; tick += step) {
      ticks.push(tick);
    }
    return { step: step, ticks: ticks };
  }

  function timeZoneName(at) {
    const minutes = -new Date(at).getTimezoneOffset();
    const sign = minutes < 0 ? '-' : '+';
    const abs = Math.abs(minutes);
    return 'UTC' + sign + String(Math.floor(abs / 60)).padStart(2, '0') + ':' + String(abs % 60).padStart(2, '0');
  }

  function clockText(ms) {
    return new Date(ms).toLocaleTimeString(LOCALES[state.lang], { hour: '2-digit', minute: '2-digit', hour12: false });
  }

  /* dd/mm (and /yyyy), local: both languages write the day first (vi-VN's short form would be dd-mm). */
  function dateText(ms, withYear) {
    const d = new Date(ms);
    const two = (n) => String(n).padStart(2, '0');
    return two(d.getDate()) + '/' + two(d.getMonth() + 1) + (withYear ? '/' + d.getFullYear() : '');
  }

  function fixed(n) {
    return Math.round(n * 100) / 100;
  }

  function auditLink(threatId) {
    return '../audit/#threat/' + encodeURIComponent(threatId);
  }

  function apiLink(threatId) {
    return '/api/v1/threats/' + encodeURIComponent(threatId);
  }

  function renderChart() {
    const v = state.view;
    const unit = v.indicator.unit || '';
    const readings = v.readings.filter((r) => typeof r.value === 'number' && isFinite(Date.parse(r.time)));
    const times = readings.map((r) => Date.parse(r.time));
    const lines = thresholdLines(v);
    const gapAt = v.station.dataGapSince ? Date.parse(v.station.dataGapSince) : null;
    const lastReading = times.length > 0 ? times[times.length - 1] : null;

    // the bands: an active episode lasts until the last reading
    const bands = v.episodes.filter((e) => e.episode.status !== 'withdrawn' && RISK[e.episode.level]).map((e) => {
      const start = Date.parse(e.episode.startedAt);
      let end = e.episode.endedAt ? Date.parse(e.episode.endedAt) : null;
      if (end === null) {
        const last = lastReading !== null ? lastReading
          : (e.episode.lastReadingAt ? Date.parse(e.episode.lastReadingAt) : start);
        end = Math.max(start, last);
      }
      return { e: e, start: start, end: end };
    }).filter((b) => isFinite(b.start) && isFinite(b.end));

    // time: the readings (or, without any, the bands), then room for the data gap
    let lo = times.length > 0 ? times[0] : Infinity;
    let hi = times.length > 0 ? lastReading : -Infinity;
    if (times.length === 0) {
      for (const b of bands) {
        lo = Math.min(lo, b.start);
        hi = Math.max(hi, b.end);
      }
    }
    if (gapAt !== null && isFinite(gapAt)) {
      lo = Math.min(lo, gapAt);
      hi = Math.max(hi, gapAt);
    }
    if (!isFinite(lo) || !isFinite(hi)) {
      hi = Date.now();
      lo = hi - DAY;
    }
    if (hi - lo < 10 * MINUTE) {
      lo -= 30 * MINUTE;
      hi += 30 * MINUTE;
    }
    const span = hi - lo;
    lo -= span * 0.02;
    hi += gapAt !== null ? Math.max(span * 0.15, HOUR) : span * 0.02;

    // values: the readings and every line drawn
    const values = readings.map((r) => r.value).concat(lines.map((l) => l.value));
    let vlo = values.length > 0 ? Math.min(...values) : 0;
    let vhi = values.length > 0 ? Math.max(...values) : 1;
    if (vhi - vlo < 1e-9) {
      vlo -= Math.abs(vlo) * 0.1 || 1;
      vhi += Math.abs(vhi) * 0.1 || 1;
    }
    const pad = (vhi - vlo) * 0.06;
    const yTicks = niceTicks(vlo - pad, vhi + pad, 6);
    vlo = yTicks[0];
    vhi = yTicks[yTicks.length - 1];

    const x0 = M.left;
    const x1 = W - M.right;
    const y0 = M.top;
    const y1 = H - M.bottom;
    const x = (ms) => fixed(x0 + (ms - lo) / (hi - lo) * (x1 - x0));
    const y = (val) => fixed(y1 - (val - vlo) / (vhi - vlo) * (y1 - y0));
    const clampX = (ms) => Math.min(x1, Math.max(x0, x(ms)));

    const title = t('chartTitle', { indicator: indicatorName(v.indicator), station: (v.station.name || v.station.code)
      + ' (' + v.station.code + ')' });
    const chart = svg('svg', {
      id: 'chart', class: 'chart', viewBox: '0 0 ' + W + ' ' + H, role: 'img',
      'aria-labelledby': 'chart-title chart-desc', 'data-readings': String(readings.length),
      'data-from': new Date(lo).toISOString(), 'data-to': new Date(hi).toISOString()
    },
    svg('title', { id: 'chart-title', text: title }),
    svg('desc', { id: 'chart-desc', text: chartDescription(v, readings, lines, bands, unit) }),
    svg('defs', null,
      svg('clipPath', { id: 'plot-clip' }, svg('rect', { x: x0, y: y0, width: x1 - x0, height: y1 - y0 })),
      svg('pattern', { id: 'gap-hatch', width: 8, height: 8, patternUnits: 'userSpaceOnUse',
        patternTransform: 'rotate(45)' }, svg('line', { x1: 0, y1: 0, x2: 0, y2: 8, class: 'gap-hatch-line' }))),
    svg('rect', { class: 'plot-area', x: x0, y: y0, width: x1 - x0, height: y1 - y0 }));

    // episode bands, each a link to its threat
    const bandGroup = svg('g', { class: 'episodes', 'clip-path': 'url(#plot-clip)' });
    let clipped = false;
    for (const b of bands) {
      const e = b.e.episode;
      const left = clampX(b.start);
      const right = clampX(b.end);
      clipped = clipped || x(b.start) < x0 || x(b.end) > x1;
      const rect = svg('rect', {
        class: 'episode risk-' + e.level + (e.status === 'active' ? ' active' : '')
          + (b.e.rule.rule.status === 'exercise' ? ' exercise' : ''),
        x: left, y: y0, width: fixed(Math.max(right - left, 1.5)), height: y1 - y0,
        fill: RISK[e.level].band, 'fill-opacity': 0.55,
        'data-risk-level': String(e.level), 'data-status': e.status, 'data-threat': String(e.threatId),
        'data-started': e.startedAt, 'data-ended': e.endedAt || undefined, 'data-rule': b.e.rule.id
      }, svg('title', { text: t('level', { n: e.level }) + ' · ' + label('episode', e.status) + ' · '
        + formatTime(e.startedAt) + ' → ' + (e.endedAt ? formatTime(e.endedAt) : t('stillActive')) + ' · '
        + (b.e.rule.rule.name || '') }));
      bandGroup.appendChild(UUID.test(String(e.threatId))
        ? svg('a', { href: auditLink(e.threatId), target: '_blank', rel: 'noopener noreferrer', class: 'episode-link' },
          rect)
        : rect);
    }
    chart.appendChild(bandGroup);

    // the data gap: from the last reading the station sent to the right edge
    if (gapAt !== null && isFinite(gapAt)) {
      const gx = clampX(gapAt);
      const gapText = t('gapLabel', { at: formatTime(v.station.dataGapSince) });
      chart.appendChild(svg('g', { class: 'data-gap', 'data-since': v.station.dataGapSince },
        svg('rect', { class: 'data-gap-area', x: gx, y: y0, width: fixed(Math.max(x1 - gx, 0)), height: y1 - y0,
          fill: 'url(#gap-hatch)' }),
        svg('line', { class: 'data-gap-line', x1: gx, y1: y0, x2: gx, y2: y1 }),
        // over the hatched part when it has room, else before the line
        svg('text', { class: 'data-gap-label', x: x1 - gx > 230 || gx - x0 < 230 ? fixed(gx + 6) : fixed(gx - 6),
          y: y0 + 16, 'text-anchor': x1 - gx > 230 || gx - x0 < 230 ? 'start' : 'end', text: gapText }),
        svg('title', { text: gapText })));
    }

    // grid and axes
    const grid = svg('g', { class: 'grid' });
    for (const tick of yTicks) {
      grid.appendChild(svg('line', { class: 'grid-line', x1: x0, y1: y(tick), x2: x1, y2: y(tick) }));
      grid.appendChild(svg('text', { class: 'tick-label', x: x0 - 6, y: fixed(y(tick) + 4), 'text-anchor': 'end',
        text: number(tick) }));
    }
    const tt = timeTicks(lo, hi);
    const withYear = hi - lo > 300 * DAY;
    let lastDay = null;
    for (const tick of tt.ticks) {
      const day = dateText(tick, withYear);
      grid.appendChild(svg('line', { class: 'grid-line', x1: x(tick), y1: y0, x2: x(tick), y2: y1 }));
      const text = svg('text', { class: 'tick-label', x: x(tick), y: y1 + 16, 'text-anchor': 'middle' });
      if (tt.step < DAY) {
        text.appendChild(svg('tspan', { x: x(tick), dy: 0, text: clockText(tick) }));
        if (day !== lastDay) {
          text.appendChild(svg('tspan', { x: x(tick), dy: 14, text: day }));
        }
      } else {
        text.appendChild(svg('tspan', { x: x(tick), dy: 0, text: day }));
      }
      lastDay = day;
      grid.appendChild(text);
    }
    grid.appendChild(svg('line', { class: 'axis', x1: x0, y1: y1, x2: x1, y2: y1 }));
    grid.appendChild(svg('line', { class: 'axis', x1: x0, y1: y0, x2: x0, y2: y1 }));
    grid.appendChild(svg('text', { class: 'axis-label', x: fixed((x0 + x1) / 2), y: H - 8, 'text-anchor': 'middle',
      text: t('axisTime', { tz: timeZoneName(lo) }) }));
    grid.appendChild(svg('text', { class: 'axis-label', x: 0, y: 0, 'text-anchor': 'middle',
      transform: 'translate(16 ' + fixed((y0 + y1) / 2) + ') rotate(-90)',
      text: indicatorName(v.indicator) + (unit ? ' (' + unit + ')' : '') }));
    chart.appendChild(grid);

    // thresholds: a solid line where a level is entered, a dashed one where it is cleared, labelled at the right
    const thresholds = svg('g', { class: 'thresholds' });
    const labels = [];
    const several = v.rules.length > 1;
    for (const line of lines) {
      const ly = y(line.value);
      const colour = RISK[line.level].line;
      thresholds.appendChild(svg('line', {
        class: 'threshold ' + line.kind + ' risk-' + line.level, x1: x0, y1: ly, x2: x1, y2: ly, stroke: colour,
        'stroke-width': line.kind === 'enter' ? 2 : 1.5, 'stroke-dasharray': line.kind === 'clear' ? '6 4' : undefined,
        'data-risk-level': String(line.level), 'data-kind': line.kind, 'data-value': String(line.value),
        'data-rule': line.rule.id
      }));
      const text = (several ? '[' + line.ruleNumber + '] ' : '') + t(line.kind === 'enter' ? 'enterLabel' : 'clearLabel',
        { n: line.level, op: line.op, value: number(line.value) + (unit ? ' ' + unit : '') });
      labels.push({ y: ly, want: ly, text: text, line: line, colour: colour });
    }
    // labels one under the other where lines are close
    labels.sort((a, b) => a.want - b.want);
    for (let i = 1; i < labels.length; i++) {
      labels[i].y = Math.max(labels[i].y, labels[i - 1].y + 13);
    }
    for (let i = labels.length - 1; i >= 0; i--) {
      const limit = i === labels.length - 1 ? y1 + 4 : labels[i + 1].y - 13;
      labels[i].y = Math.min(labels[i].y, limit);
    }
    for (const l of labels) {
      thresholds.appendChild(svg('text', {
        class: 'threshold-label ' + l.line.kind, x: x1 + 6, y: fixed(l.y + 4), fill: l.colour,
        'data-risk-level': String(l.line.level), 'data-kind': l.line.kind, text: l.text
      }));
    }
    chart.appendChild(thresholds);

    // the readings: a line through the usable ones, a mark on each
    const usable = readings.filter((r) => r.quality !== 'bad');
    const series = svg('g', { class: 'series', 'clip-path': 'url(#plot-clip)' });
    if (usable.length > 0) {
      series.appendChild(svg('path', {
        class: 'series-line', fill: 'none',
        d: usable.map((r, i) => (i === 0 ? 'M' : 'L') + x(Date.parse(r.time)) + ',' + y(r.value)).join(' '),
        'data-points': String(usable.length)
      }));
    }
    if (readings.length <= MAX_CIRCLES) {
      for (const r of readings) {
        const corrected = Array.isArray(r.corrections) && r.corrections.length > 0;
        series.appendChild(svg('circle', {
          class: 'reading quality-' + (r.quality || 'good') + (corrected ? ' corrected' : ''),
          cx: x(Date.parse(r.time)), cy: y(r.value), r: 3, 'data-time': r.time, 'data-value': String(r.value)
        }, svg('title', { text: formatTime(r.time) + ': ' + number(r.value) + (unit ? ' ' + unit : '')
          + (r.quality && r.quality !== 'good' ? ' · ' + label('quality', r.quality) : '') })));
      }
    }
    chart.appendChild(series);

    clear($('chart-wrap')).appendChild(chart);
    $('chart-heading').textContent = t('chartHeading', { indicator: indicatorName(v.indicator), unit: unit || t('none'),
      n: readings.length });
    renderLegend(v, lines, bands, readings, gapAt !== null);

    const notes = [];
    if (v.truncated) {
      notes.push(t('note.truncated', { n: number(readings.length) }));
    }
    if (readings.length > MAX_CIRCLES) {
      notes.push(t('note.noCircles'));
    }
    if (v.rules.length === 0) {
      notes.push(t('note.noRules'));
    }
    for (const r of v.rules) {
      const why = notDrawn(r);
      if (why) {
        notes.push(t('note.notDrawn', { rule: r.rule.name, why: why }));
      }
    }
    if (clipped) {
      notes.push(t('note.clipped'));
    }
    for (const f of v.failures) {
      notes.push(t('note.episodesFailed', { rule: f.rule.rule.name, error: errorText(f.error) }));
    }
    const list = clear($('chart-notes'));
    notes.forEach((n) => list.appendChild(el('li', { class: 'note', text: n })));
  }

  function chartDescription(v, readings, lines, bands, unit) {
    const parts = [];
    if (readings.length === 0) {
      parts.push(t('descNone'));
    } else {
      const values = readings.map((r) => r.value);
      parts.push(t('desc', { n: readings.length, from: formatTime(readings[0].time),
        to: formatTime(readings[readings.length - 1].time), min: number(Math.min(...values)),
        max: number(Math.max(...values)), unit: unit }));
    }
    const enters = lines.filter((l) => l.kind === 'enter');
    if (enters.length > 0) {
      parts.push(t('descThresholds', { list: enters.map((l) => {
        const level = (l.rule.rule.levels || []).find((x) => x.riskLevel === l.level) || {};
        const clearValue = typeof level.clear === 'number' ? level.clear : l.value;
        return t('descThreshold', { n: l.level, op: l.op, value: number(l.value), unit: unit,
          clearOp: l.rising ? '<' : '>', clear: number(clearValue) });
      }).join('; ') }));
    }
    if (bands.length > 0) {
      parts.push(t('descEpisodes', { n: bands.length, list: bands.map((b) => t('descEpisode', { n: b.e.episode.level,
        from: formatTime(b.e.episode.startedAt),
        to: b.e.episode.endedAt ? formatTime(b.e.episode.endedAt) : t('stillActive') })).join('; ') }));
    }
    if (v.station.dataGapSince) {
      parts.push(t('descGap', { at: formatTime(v.station.dataGapSince) }));
    }
    return parts.join(' ');
  }

  /* A small SVG swatch for the legend (decorative: the text beside it says what it is). */
  function swatch(...shapes) {
    return svg('svg', { class: 'swatch', width: 28, height: 14, viewBox: '0 0 28 14', 'aria-hidden': 'true',
      focusable: 'false' }, shapes);
  }

  function renderLegend(v, lines, bands, readings, gap) {
    const legend = clear($('legend'));
    const item = (cls, mark, text) => legend.appendChild(el('li', { class: cls }, mark, ' ', text));
    if (readings.length > 0) {
      item('legend-readings', swatch(svg('line', { class: 'series-line', x1: 0, y1: 7, x2: 28, y2: 7 }),
        svg('circle', { class: 'reading quality-good', cx: 14, cy: 7, r: 3 })), t('legend.readings'));
    }
    if (readings.some((r) => r.quality === 'suspect')) {
      item('legend-suspect', swatch(svg('circle', { class: 'reading quality-suspect', cx: 14, cy: 7, r: 3 })),
        t('legend.suspect'));
    }
    if (readings.some((r) => r.quality === 'bad')) {
      item('legend-bad', swatch(svg('circle', { class: 'reading quality-bad', cx: 14, cy: 7, r: 3 })),
        t('legend.bad'));
    }
    const levels = Array.from(new Set(lines.map((l) => l.level).concat(bands.map((b) => b.e.episode.level))))
      .sort((a, b) => a - b);
    for (const n of levels) {
      item('legend-level risk-' + n, swatch(
        svg('rect', { x: 0, y: 0, width: 28, height: 14, fill: RISK[n].band, 'fill-opacity': 0.55 }),
        svg('line', { x1: 0, y1: 7, x2: 28, y2: 7, stroke: RISK[n].line, 'stroke-width': 2 })),
      t('level', { n: n }));
    }
    if (lines.length > 0) {
      item('legend-enter', swatch(svg('line', { class: 'legend-line', x1: 0, y1: 7, x2: 28, y2: 7, 'stroke-width': 2 })),
        t('legend.enter'));
    }
    if (lines.some((l) => l.kind === 'clear')) {
      item('legend-clear', swatch(svg('line', { class: 'legend-line', x1: 0, y1: 7, x2: 28, y2: 7, 'stroke-width': 1.5,
        'stroke-dasharray': '6 4' })), t('legend.clear'));
    }
    if (gap) {
      item('legend-gap', swatch(svg('rect', { x: 0, y: 0, width: 28, height: 14, fill: 'url(#gap-hatch)' })),
        t('legend.gap'));
    }
  }

  /* ------------------------------------------------------------------ tables */

  function table(headers, rows, cls) {
    return el('div', { class: 'table-wrap' }, el('table', { class: cls },
      el('thead', null, el('tr', null, headers.map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', null, rows.map((row) => el('tr', row.attrs || null, row.cells.map((c) =>
        el('td', null, typeof c === 'string' ? c : (c === undefined || c === null ? t('none') : c))))))));
  }

  function levelBadge(n) {
    return el('span', { class: 'risk-badge risk-' + n, text: t('level', { n: n }) });
  }

  function ruleTitle(r, number) {
    return el('span', { class: 'rule-name' }, state.view.rules.length > 1 ? '[' + number + '] ' : null,
      r.rule.name || r.id, r.rule.status === 'exercise' ? el('span', { class: 'badge warn', text: t('exercise') })
        : null);
  }

  function renderRules() {
    const v = state.view;
    const panel = clear($('rules'));
    if (v.rules.length === 0) {
      panel.appendChild(el('p', { class: 'muted', text: t('note.noRules') }));
      return;
    }
    const unit = v.indicator.unit ? ' ' + v.indicator.unit : '';
    const rows = [];
    v.rules.forEach((r, i) => {
      const body = r.rule;
      const aggregate = body.aggregate && body.aggregate.fn && body.aggregate.fn !== 'last'
        ? label('fn', body.aggregate.fn) + ' · ' + duration(body.aggregate.window) : t('eachReading');
      for (const level of body.levels || []) {
        const rising = typeof level.above === 'number';
        const enter = rising ? level.above : level.below;
        rows.push({
          attrs: { 'data-rule': r.id, 'data-risk-level': String(level.riskLevel) },
          cells: [String(i + 1), ruleTitle(r, i + 1), label('ruleStatus', body.status || 'active'),
            levelBadge(level.riskLevel), (rising ? '≥ ' : '≤ ') + number(enter) + unit,
            typeof level.clear === 'number' ? (rising ? '< ' : '> ') + number(level.clear) + unit : t('none'),
            duration(level.for), aggregate]
        });
      }
    });
    panel.appendChild(table([t('col.number'), t('col.rule'), t('col.ruleStatus'), t('col.level'), t('col.enter'),
      t('col.clear'), t('col.for'), t('col.aggregate')], rows, 'rules-table'));
  }

  function threatCell(e) {
    const id = String(e.episode.threatId);
    if (!UUID.test(id)) {
      return el('code', { text: id });
    }
    const parts = [];
    if (e.threat && e.threat.title) {
      parts.push(el('span', { class: 'threat-title', text: e.threat.title }), el('br'));
    } else if (e.threat && e.threat.refused === 410) {
      parts.push(el('span', { class: 'muted', text: t('threatGone') }), el('br'));
    }
    parts.push(el('code', { class: 'threat-id', text: id }));
    if (e.episode.status !== 'withdrawn') {
      parts.push(el('br'),
        el('a', { class: 'threat-link audit', href: auditLink(id), target: '_blank', rel: 'noopener noreferrer',
          text: t('openInAudit') }),
        ' · ',
        el('a', { class: 'threat-link api', href: apiLink(id), target: '_blank', rel: 'noopener noreferrer',
          text: t('apiLink') }));
    }
    return el('span', null, parts);
  }

  function renderEpisodes() {
    const v = state.view;
    if (!v) {
      return;
    }
    const panel = clear($('episodes'));
    if (v.episodes.length === 0) {
      panel.appendChild(el('p', { class: 'muted', text: t('noEpisodes') }));
      return;
    }
    // newest first, as the API lists them
    const items = v.episodes.slice().sort((a, b) => Date.parse(b.episode.startedAt) - Date.parse(a.episode.startedAt));
    panel.appendChild(table([t('col.level'), t('col.status'), t('col.startedAt'), t('col.endedAt'), t('col.dataGap'),
      t('col.rule'), t('col.threat')], items.map((e) => ({
      attrs: { 'data-threat': String(e.episode.threatId), 'data-status': e.episode.status,
        'data-risk-level': String(e.episode.level) },
      cells: [levelBadge(e.episode.level), label('episode', e.episode.status), time(e.episode.startedAt),
        e.episode.endedAt ? time(e.episode.endedAt) : t('none'),
        e.episode.dataGapSince ? time(e.episode.dataGapSince) : t('none'), ruleTitle(e.rule, e.ruleNumber),
        threatCell(e)]
    })), 'episodes-table'));
  }

  function renderReadings() {
    const v = state.view;
    const unit = v.indicator.unit || t('none');
    $('readings-summary').textContent = t('readingsSummary', { n: v.readings.length });
    const panel = clear($('readings'));
    if (v.readings.length === 0) {
      panel.appendChild(el('p', { class: 'muted', text: t('noReadings') }));
      return;
    }
    panel.appendChild(table([t('col.time'), t('col.value', { unit: unit }), t('col.quality'), t('col.corrections')],
      v.readings.map((r) => ({
        attrs: { 'data-time': r.time, class: 'quality-' + (r.quality || 'good') },
        cells: [time(r.time), number(r.value),
          label('quality', r.quality || 'good') + (r.exercise ? ' · ' + t('exercise') : ''),
          Array.isArray(r.corrections) && r.corrections.length > 0
            ? r.corrections.map((c) => t('correctionLine', { value: number(c.value), at: formatTime(c.recordedAt) }))
              .join('; ')
            : t('none')]
      })), 'readings-table'));
  }

  /* ------------------------------------------------------------------ language, start */

  function setLanguage(lang) {
    if (!I18N[lang]) {
      return;
    }
    state.lang = lang;
    document.documentElement.lang = lang;
    document.title = t('pageTitle');
    for (const node of document.querySelectorAll('[data-i18n]')) {
      node.textContent = t(node.dataset.i18n);
    }
    for (const button of document.querySelectorAll('.lang button')) {
      button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
    }
    setSigninError(state.signinError);
    setMessage(state.message);
    renderWho();
    if (state.token) {
      renderIndicatorOptions($('indicator').value);
    }
    renderView();
  }

  /* #station=<code>&indicator=<code>: what to show once signed in (a shared address holds no token). */
  function readAddress() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ''));
    const station = params.get('station');
    if (station && CODE.test(station)) {
      state.pending = { station: station, indicator: params.get('indicator') || null };
    }
  }

  function start() {
    $('signin-form').addEventListener('submit', signIn);
    $('pick-form').addEventListener('submit', showStation);
    $('station').addEventListener('input', () => {
      if (state.stations.some((s) => s.code === $('station').value.trim())) {
        renderIndicatorOptions();
      }
    });
    $('sign-out').addEventListener('click', signOut);
    for (const button of document.querySelectorAll('.lang button')) {
      button.addEventListener('click', () => setLanguage(button.dataset.lang));
    }
    readAddress();
    setLanguage('vi');
    document.body.dataset.ready = 'true';
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
