/*
 * Lienthong auditor console: a read-only view of one record's history, provenance, path between hubs,
 * hash-chain verification and access log.
 *
 * The bearer token lives only in the `state` object of this script: it is never written to localStorage,
 * sessionStorage, a cookie or the URL, so reloading or closing the page forgets it. Every API call sends it
 * in the Authorization header. Data from the hub is put into the page with textContent only, never as HTML.
 */
'use strict';

(function () {
  const I18N = {
    vi: {
      title: 'Tra cứu kiểm toán',
      pageTitle: 'Lienthong — Tra cứu kiểm toán',
      subtitle: 'Chỉ đọc: lịch sử phiên bản, nguồn gốc, đường đi giữa các hub và nhật ký truy cập của một bản ghi.',
      signInTitle: 'Đăng nhập',
      signInHelp: 'Dán mã thông báo (bearer token) có vai trò kiểm toán viên (auditor).',
      tokenLabel: 'Mã thông báo',
      tokenNote: 'Mã chỉ được giữ trong bộ nhớ của trang này: không lưu vào trình duyệt, mất khi tải lại hoặc đóng trang.',
      signIn: 'Đăng nhập',
      signOut: 'Đăng xuất',
      signedInAs: 'Đăng nhập: {sub} ({org}) · vai trò: {roles}',
      expires: 'hết hạn {at}',
      kindLabel: 'Loại',
      'kind.threat': 'Mối đe dọa',
      'kind.incident': 'Sự cố',
      'kind.resource': 'Nguồn lực',
      idLabel: 'Mã bản ghi (UUID)',
      ownerLabel: 'Đơn vị sở hữu (khi liệt kê)',
      open: 'Tra cứu',
      listRecent: 'Liệt kê bản ghi',
      recentTitle: 'Bản ghi — {kind}',
      nextPage: 'Trang sau',
      noRecords: 'Không có bản ghi nào.',
      'col.id': 'Mã',
      'col.title': 'Tiêu đề',
      'col.version': 'Phiên bản',
      'col.owner': 'Đơn vị sở hữu',
      'col.classification': 'Phân loại',
      'col.updatedAt': 'Cập nhật lúc',
      'col.at': 'Thời điểm',
      'col.subject': 'Người dùng',
      'col.org': 'Tổ chức',
      'col.roles': 'Vai trò',
      'col.channel': 'Kênh',
      'col.action': 'Thao tác',
      'col.instance': 'Kết nối',
      'col.deadLetter': 'Mục lỗi',
      'col.actor': 'Người thực hiện',
      'col.detail': 'Chi tiết',
      'col.hash': 'Mã băm',
      'col.fromHub': 'Từ hub',
      'col.receivedBy': 'Nhận bởi',
      'col.conflict': 'Xung đột',
      'col.detectedAt': 'Phát hiện lúc',
      'col.local': 'Bản tại chỗ',
      'col.incoming': 'Bản đến',
      'col.winner': 'Bản thắng',
      'col.merge': 'Bản hợp nhất',
      'col.resolvedAt': 'Đã xem xét',
      'col.reason': 'Lý do',
      recordTitle: '{kind}: {title}',
      untitled: '(không có tiêu đề)',
      'sum.id': 'Mã',
      'sum.version': 'Phiên bản hiện tại',
      'sum.owner': 'Đơn vị sở hữu',
      'sum.classification': 'Phân loại',
      'sum.createdAt': 'Tạo lúc',
      'sum.updatedAt': 'Cập nhật lúc',
      'sum.state': 'Trạng thái',
      'state.live': 'đang dùng',
      'state.deleted': 'đã xóa',
      'classification.public': 'công khai',
      'classification.internal': 'nội bộ',
      'classification.restricted': 'hạn chế',
      'classification.secret': 'mật',
      verifyTitle: 'Kiểm tra chuỗi băm',
      verifyOk: 'Nguyên vẹn: đã kiểm tra {checked} phiên bản, không có lỗi.',
      verifyFail: 'Phát hiện {n} lỗi (đã kiểm tra {checked} phiên bản):',
      timelineTitle: 'Dòng thời gian các phiên bản',
      pathTitle: 'Đường đi giữa các hub',
      activitiesTitle: 'Hoạt động của kết nối',
      conflictsTitle: 'Xung đột',
      accessTitle: 'Ai đã truy cập',
      notAvailable: 'Không khả dụng: hub này chưa cung cấp chức năng này.',
      loading: 'Đang tải…',
      versionLabel: 'Phiên bản {n}',
      'field.author': 'Tác giả',
      'field.originHub': 'Hub gốc',
      'field.connector': 'Kết nối',
      'field.hash': 'Mã băm',
      'field.parents': 'Phiên bản cha',
      'field.sourceRef': 'Tham chiếu nguồn',
      'field.received': 'Chuyển đến',
      none: '—',
      'activity.create': 'tạo mới',
      'activity.update': 'cập nhật',
      'activity.delete': 'xóa',
      'activity.import': 'nhập',
      'activity.merge': 'hợp nhất',
      'activity.replicate': 'sao chép',
      'diff.added': 'thêm',
      'diff.removed': 'bỏ',
      'diff.changed': 'đổi',
      diffNone: 'Nội dung không đổi so với phiên bản trước.',
      changesFrom: 'Thay đổi so với phiên bản {n}:',
      initialContent: 'Nội dung ban đầu ({n} trường)',
      hopLine: 'từ hub {from}, nhận bởi {by}, lúc {at}',
      pathOrigins: 'Hub gốc của các phiên bản: {hubs}.',
      noHops: 'Không ghi nhận bước chuyển nào giữa các hub: các phiên bản được ghi tại hub này.',
      noActivities: 'Không có hoạt động nào của kết nối liên quan đến bản ghi này.',
      noConflicts: 'Không có xung đột.',
      noAccess: 'Chưa có lượt truy cập nào được ghi.',
      conflictOpen: 'chưa xem xét',
      'channel.api': 'API',
      'channel.feed': 'luồng thay đổi',
      'channel.connector': 'kết nối',
      'action.read': 'đọc',
      'action.write': 'ghi',
      'connectorAction.dead-letter': 'đưa vào hàng đợi lỗi',
      'connectorAction.replay': 'phát lại',
      'connectorAction.discard': 'loại bỏ',
      'err.401': 'Token không hợp lệ (sai, hết hạn hoặc không được hub này tin cậy).',
      'err.403': 'Cần vai trò kiểm toán viên (auditor).',
      'err.404': 'Không tìm thấy bản ghi (hoặc bạn không được phép xem).',
      'err.network': 'Không kết nối được với hub.',
      'err.other': 'Lỗi {status}',
      'err.badId': 'Mã bản ghi phải là một UUID.',
      'err.emptyToken': 'Hãy dán mã thông báo trước.',
      'warn.noAuditor': 'Token này không có vai trò auditor: các mục kiểm toán sẽ bị từ chối.',
      footer: 'Chỉ đọc. Mọi yêu cầu đều gửi kèm mã thông báo bạn đã dán; mã không được lưu lại.'
    },
    en: {
      title: 'Audit console',
      pageTitle: 'Lienthong — Audit console',
      subtitle: "Read-only: a record's versions, provenance, path between hubs and access log.",
      signInTitle: 'Sign in',
      signInHelp: 'Paste a bearer token with the auditor role.',
      tokenLabel: 'Token',
      tokenNote: "The token is kept only in this page's memory: never stored in the browser, forgotten when the page is reloaded or closed.",
      signIn: 'Sign in',
      signOut: 'Sign out',
      signedInAs: 'Signed in: {sub} ({org}) · roles: {roles}',
      expires: 'expires {at}',
      kindLabel: 'Kind',
      'kind.threat': 'Threat',
      'kind.incident': 'Incident',
      'kind.resource': 'Resource',
      idLabel: 'Record id (UUID)',
      ownerLabel: 'Owner (for the list)',
      open: 'Look up',
      listRecent: 'List records',
      recentTitle: 'Records — {kind}',
      nextPage: 'Next page',
      noRecords: 'No records.',
      'col.id': 'Id',
      'col.title': 'Title',
      'col.version': 'Version',
      'col.owner': 'Owner',
      'col.classification': 'Classification',
      'col.updatedAt': 'Updated',
      'col.at': 'Time',
      'col.subject': 'Subject',
      'col.org': 'Organisation',
      'col.roles': 'Roles',
      'col.channel': 'Channel',
      'col.action': 'Action',
      'col.instance': 'Connector',
      'col.deadLetter': 'Dead letter',
      'col.actor': 'Actor',
      'col.detail': 'Detail',
      'col.hash': 'Hash',
      'col.fromHub': 'From hub',
      'col.receivedBy': 'Received by',
      'col.conflict': 'Conflict',
      'col.detectedAt': 'Detected',
      'col.local': 'Local',
      'col.incoming': 'Incoming',
      'col.winner': 'Winner',
      'col.merge': 'Merge',
      'col.resolvedAt': 'Reviewed',
      'col.reason': 'Reason',
      recordTitle: '{kind}: {title}',
      untitled: '(untitled)',
      'sum.id': 'Id',
      'sum.version': 'Current version',
      'sum.owner': 'Owner',
      'sum.classification': 'Classification',
      'sum.createdAt': 'Created',
      'sum.updatedAt': 'Updated',
      'sum.state': 'State',
      'state.live': 'live',
      'state.deleted': 'deleted',
      'classification.public': 'public',
      'classification.internal': 'internal',
      'classification.restricted': 'restricted',
      'classification.secret': 'secret',
      verifyTitle: 'Hash-chain verification',
      verifyOk: 'Intact: {checked} versions checked, no failures.',
      verifyFail: '{n} failures ({checked} versions checked):',
      timelineTitle: 'Version timeline',
      pathTitle: 'Path between hubs',
      activitiesTitle: 'Connector activities',
      conflictsTitle: 'Conflicts',
      accessTitle: 'Who accessed it',
      notAvailable: 'Not available: this hub does not offer it yet.',
      loading: 'Loading…',
      versionLabel: 'Version {n}',
      'field.author': 'Author',
      'field.originHub': 'Origin hub',
      'field.connector': 'Connector',
      'field.hash': 'Hash',
      'field.parents': 'Parents',
      'field.sourceRef': 'Source reference',
      'field.received': 'Arrived',
      none: '—',
      'activity.create': 'create',
      'activity.update': 'update',
      'activity.delete': 'delete',
      'activity.import': 'import',
      'activity.merge': 'merge',
      'activity.replicate': 'replicate',
      'diff.added': 'added',
      'diff.removed': 'removed',
      'diff.changed': 'changed',
      diffNone: 'Content unchanged from the previous version.',
      changesFrom: 'Changes from version {n}:',
      initialContent: 'Initial content ({n} fields)',
      hopLine: 'from hub {from}, received by {by}, at {at}',
      pathOrigins: 'Hubs where the versions were written: {hubs}.',
      noHops: 'No hops between hubs recorded: the versions were written on this hub.',
      noActivities: 'No connector activity concerns this record.',
      noConflicts: 'No conflicts.',
      noAccess: 'No access recorded.',
      conflictOpen: 'open',
      'channel.api': 'API',
      'channel.feed': 'change feed',
      'channel.connector': 'connector',
      'action.read': 'read',
      'action.write': 'write',
      'connectorAction.dead-letter': 'dead-lettered',
      'connectorAction.replay': 'replayed',
      'connectorAction.discard': 'discarded',
      'err.401': 'Token invalid (wrong, expired or not trusted by this hub).',
      'err.403': 'Needs the auditor role.',
      'err.404': 'No such record (or you may not see it).',
      'err.network': 'Cannot reach the hub.',
      'err.other': 'Error {status}',
      'err.badId': 'The record id must be a UUID.',
      'err.emptyToken': 'Paste a token first.',
      'warn.noAuditor': 'This token has no auditor role: the audit sections will be refused.',
      footer: 'Read-only. Every request carries the token you pasted; it is not stored.'
    }
  };

  const LOCALES = { vi: 'vi-VN', en: 'en-GB' };
  const COLLECTIONS = { threat: 'threats', incident: 'incidents', resource: 'resources' };
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  /* Members every version carries or the hub sets: not part of what an author changed. */
  const ENVELOPE = new Set(['id', 'kind', 'version', 'createdAt', 'updatedAt', 'provenance']);

  /* The token is here and nowhere else. */
  const state = {
    lang: 'vi',
    token: null,
    claims: null,
    view: null,
    recent: null,
    message: null,
    signinError: null,
    record: null,
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

  /* A translated label for a wire value (activity, classification ...), or the value itself. */
  function label(prefix, value) {
    if (value === undefined || value === null || value === '') {
      return t('none');
    }
    const key = prefix + '.' + value;
    return I18N[state.lang][key] !== undefined ? I18N[state.lang][key] : String(value);
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [name, value] of Object.entries(attrs)) {
        if (value === undefined || value === null || value === false) {
          continue;
        }
        if (name === 'class') {
          node.className = value;
        } else if (name === 'text') {
          node.textContent = value;
        } else if (name.startsWith('on')) {
          node.addEventListener(name.substring(2), value);
        } else {
          node.setAttribute(name, value === true ? '' : value);
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

  function shortHash(hash) {
    return hash ? String(hash).substring(0, 12) : t('none');
  }

  /* A short hash, with the version it belongs to when this record has it. */
  function hashRef(hash) {
    if (!hash) {
      return el('span', { text: t('none') });
    }
    const version = state.record && state.record.hashToVersion.get(hash);
    return el('code', { class: 'hash', title: hash, text: shortHash(hash) + (version ? ' (v' + version + ')' : '') });
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

  /* An audit endpoint this hub does not have yet answers 404 (or 405/501): "not available", not an error. */
  function unavailable(r) {
    return r.status === 404 || r.status === 405 || r.status === 501;
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
    // every role that may read can list: 401 and 403 here say what the token is worth
    const r = await api('/api/v1/threats?limit=1');
    button.disabled = false;
    if (!r.ok) {
      state.token = null;
      setSigninError(() => errorText(r));
      return;
    }
    field.value = '';
    setSigninError(null);
    state.claims = decodeClaims(state.token) || {};
    show($('signin'), false);
    show($('app'), true);
    show($('who'), true);
    renderWho();
    const pending = state.pending;
    state.pending = null;
    if (pending) {
      $('record-id').value = pending.id;
      openRecord(pending.kind, pending.id);
    } else {
      $('record-id').focus();
    }
  }

  /* #threat/<id> (or incident/, resource/): the record to open once signed in, e.g. from the station page. */
  function readAddress() {
    const m = /^#(threat|incident|resource)\/([0-9a-f-]{36})$/i.exec(location.hash);
    if (m && UUID.test(m[2])) {
      state.pending = { kind: m[1].toLowerCase(), id: m[2].toLowerCase() };
      $('kind').value = state.pending.kind;
      $('record-id').value = state.pending.id;
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
    state.view = null;
    state.recent = null;
    state.record = null;
    state.seq++;
    clear($('timeline'));
    clear($('recent-body'));
    setMessage(null);
    showView();
    show($('app'), false);
    show($('who'), false);
    show($('signin'), true);
    $('token').focus();
  }

  function roles() {
    const groups = state.claims && state.claims.groups;
    return Array.isArray(groups) ? groups : [];
  }

  function renderWho() {
    if (!state.claims) {
      return;
    }
    const c = state.claims;
    let text = t('signedInAs', { sub: c.sub || '?', org: c.org || '?', roles: roles().join(', ') || t('none') });
    if (typeof c.exp === 'number') {
      text += ' · ' + t('expires', { at: formatTime(new Date(c.exp * 1000).toISOString()) });
    }
    $('who-text').textContent = text;
    const warning = $('role-warning');
    const auditor = roles().includes('auditor') || roles().includes('admin');
    warning.textContent = t('warn.noAuditor');
    show(warning, !auditor);
  }

  /* ------------------------------------------------------------------ messages */

  /* text: null, or a function giving the message in the current language */
  function setMessage(text) {
    state.message = text;
    const node = $('message');
    node.textContent = text ? text() : '';
    show(node, !!text);
  }

  function showView() {
    show($('recent'), state.view === 'recent');
    show($('record'), state.view === 'record');
  }

  /* ------------------------------------------------------------------ recent records */

  async function listRecords(cursor) {
    const kind = $('kind').value;
    const seq = ++state.seq;
    setMessage(null);
    let path = '/api/v1/' + COLLECTIONS[kind] + '?limit=20';
    const owner = $('owner').value.trim();
    if (owner) {
      path += '&owner=' + encodeURIComponent(owner);
    }
    if (cursor) {
      path += '&cursor=' + encodeURIComponent(cursor);
    }
    const r = await api(path);
    if (seq !== state.seq) {
      return;
    }
    if (!r.ok) {
      setMessage(() => errorText(r));
      return;
    }
    state.recent = { kind: kind, items: (r.body && r.body.items) || [], next: r.body && r.body.next };
    state.view = 'recent';
    showView();
    renderRecent();
  }

  function titleOf(record) {
    return record.title || record.name || t('untitled');
  }

  function renderRecent() {
    const recent = state.recent;
    if (!recent) {
      return;
    }
    $('recent-title').textContent = t('recentTitle', { kind: label('kind', recent.kind) });
    const body = clear($('recent-body'));
    if (recent.items.length === 0) {
      body.appendChild(el('p', { class: 'empty', text: t('noRecords') }));
    } else {
      // the API lists oldest first; the most recently changed are most often looked for
      const items = recent.items.slice().sort((a, b) => String(b.updatedAt).localeCompare(String(a.updatedAt)));
      body.appendChild(table(['col.id', 'col.title', 'col.version', 'col.owner', 'col.classification', 'col.updatedAt'],
        items.map((item) => [
          el('button', {
            type: 'button', class: 'link', title: item.id, text: item.id,
            onclick: () => { $('record-id').value = item.id; openRecord(recent.kind, item.id); }
          }),
          titleOf(item),
          String(item.version),
          item.owner,
          label('classification', item.classification),
          time(item.updatedAt)
        ]), 'recent-table'));
    }
    if (recent.next) {
      body.appendChild(el('div', { class: 'actions' },
        el('button', { type: 'button', id: 'next-page', text: t('nextPage'), onclick: () => listRecords(recent.next) })));
    }
  }

  /* ------------------------------------------------------------------ one record */

  function search(event) {
    event.preventDefault();
    const id = $('record-id').value.trim();
    if (!UUID.test(id)) {
      setMessage(() => t('err.badId'));
      return;
    }
    openRecord($('kind').value, id.toLowerCase());
  }

  async function openRecord(kind, id) {
    const seq = ++state.seq;
    setMessage(null);
    $('kind').value = kind;
    const base = '/api/v1/' + COLLECTIONS[kind] + '/' + encodeURIComponent(id);
    const r = await api(base + '/versions');
    if (seq !== state.seq) {
      return;
    }
    if (!r.ok) {
      setMessage(() => errorText(r));
      return;
    }
    const versions = ((r.body && r.body.items) || []).slice().sort((a, b) => a.version - b.version);
    const hashToVersion = new Map();
    for (const v of versions) {
      if (v.provenance && v.provenance.hash) {
        hashToVersion.set(v.provenance.hash, v.version);
      }
    }
    state.record = {
      kind: kind,
      id: id,
      versions: versions,
      hashToVersion: hashToVersion,
      lineage: { status: 'loading' },
      verify: { status: 'loading' },
      access: { status: 'loading' }
    };
    state.view = 'record';
    showView();
    renderRecord();

    const query = 'kind=' + encodeURIComponent(kind) + '&id=' + encodeURIComponent(id);
    const parts = [
      ['lineage', base + '/lineage'],
      ['verify', '/api/v1/audit/verify?' + query],
      ['access', '/api/v1/audit/access?recordId=' + encodeURIComponent(id) + '&limit=100']
    ];
    await Promise.all(parts.map(async ([name, path]) => {
      const answer = await api(path);
      if (seq !== state.seq) {
        return;
      }
      if (answer.ok) {
        state.record[name] = { status: 'ready', data: answer.body || {} };
      } else if (unavailable(answer)) {
        state.record[name] = { status: 'unavailable' };
      } else {
        state.record[name] = { status: 'error', error: answer };
      }
      RENDER_PART[name]();
    }));
  }

  /* What to draw again when one audit part has answered. */
  const RENDER_PART = {
    lineage: () => {
      renderTimeline();
      renderPath();
      renderActivities();
      renderConflicts();
    },
    verify: () => renderVerify(),
    access: () => renderAccess()
  };

  function renderRecord() {
    const rec = state.record;
    if (!rec) {
      return;
    }
    const current = rec.versions[rec.versions.length - 1] || {};
    $('record-title').textContent = t('recordTitle', { kind: label('kind', rec.kind), title: titleOf(current) });
    const summary = clear($('record-summary'));
    const rows = [
      ['sum.id', el('code', { text: rec.id })],
      ['sum.version', String(current.version)],
      ['sum.owner', current.owner],
      ['sum.classification', label('classification', current.classification)],
      ['sum.state', el('span', { class: current.deleted ? 'badge bad' : 'badge good',
        text: t(current.deleted ? 'state.deleted' : 'state.live') })],
      ['sum.createdAt', time(current.createdAt)],
      ['sum.updatedAt', time(current.updatedAt)]
    ];
    for (const [key, value] of rows) {
      summary.appendChild(el('div', null, el('dt', { text: t(key) }), el('dd', null, value)));
    }
    renderVerify();
    renderTimeline();
    renderPath();
    renderActivities();
    renderConflicts();
    renderAccess();
  }

  /* Shows loading / not available / error for an audit part; true when its data is ready to render. */
  function partReady(sectionId, panel, part) {
    $(sectionId).dataset.state = part.status;
    clear(panel);
    if (part.status === 'loading') {
      panel.appendChild(el('p', { class: 'muted', text: t('loading') }));
      return false;
    }
    if (part.status === 'unavailable') {
      panel.appendChild(el('p', { class: 'muted unavailable', text: t('notAvailable') }));
      return false;
    }
    if (part.status === 'error') {
      panel.appendChild(el('p', { class: 'message error', role: 'alert', text: errorText(part.error) }));
      return false;
    }
    return true;
  }

  function renderVerify() {
    const part = state.record.verify;
    const panel = $('verify');
    if (!partReady('verify-section', panel, part)) {
      return;
    }
    const data = part.data;
    const failures = Array.isArray(data.failures) ? data.failures : [];
    const checked = data.checked === undefined ? '?' : data.checked;
    if (data.ok && failures.length === 0) {
      panel.appendChild(el('p', { class: 'verdict good' }, el('span', { class: 'badge good', text: '✓ OK' }), ' ',
        t('verifyOk', { checked: checked })));
      return;
    }
    panel.appendChild(el('p', { class: 'verdict bad' }, el('span', { class: 'badge bad', text: '✗' }), ' ',
      t('verifyFail', { n: failures.length, checked: checked })));
    panel.appendChild(table(['col.version', 'col.reason'],
      failures.map((f) => [f.version === undefined ? t('none') : String(f.version), f.reason || t('none')]),
      'failures'));
  }

  function lineageData() {
    const part = state.record.lineage;
    return part.status === 'ready' ? part.data : null;
  }

  function renderTimeline() {
    const rec = state.record;
    $('timeline-section').dataset.state = 'ready';
    const list = clear($('timeline'));
    const lineage = lineageData();
    const hopsByHash = new Map();
    const sourceByHash = new Map();
    if (lineage) {
      for (const hop of lineage.hops || []) {
        if (!hopsByHash.has(hop.hash)) {
          hopsByHash.set(hop.hash, []);
        }
        hopsByHash.get(hop.hash).push(hop);
      }
      for (const v of lineage.versions || []) {
        if (v.sourceRef) {
          sourceByHash.set(v.hash, v.sourceRef);
        }
      }
    }
    rec.versions.forEach((version, index) => {
      const p = version.provenance || {};
      const author = p.author || {};
      const authorText = (author.subject || '?') + ' (' + (author.org || '?') + ')' + (author.role ? ' · ' + author.role : '');
      const sourceRef = version.sourceRef || p.sourceRef || sourceByHash.get(p.hash);
      const meta = [
        ['field.author', el('span', { class: 'author', text: authorText })],
        ['field.originHub', p.originHub || t('none')],
        ['field.connector', p.connector || t('none')],
        ['field.hash', hashRef(p.hash)],
        ['field.parents', (p.parents || []).length === 0 ? t('none')
          : el('span', null, (p.parents || []).map((h, i) => [i > 0 ? ', ' : null, hashRef(h)]))]
      ];
      if (sourceRef) {
        meta.push(['field.sourceRef', (sourceRef.system || '?') + ' / ' + (sourceRef.id || '?')]);
      }
      for (const hop of hopsByHash.get(p.hash) || []) {
        meta.push(['field.received', t('hopLine', { from: hop.fromHub || '?', by: hop.receivedBy || '?',
          at: formatTime(hop.receivedAt) })]);
      }
      const dl = el('dl', { class: 'meta' });
      for (const [key, value] of meta) {
        dl.appendChild(el('div', null, el('dt', { text: t(key) }), el('dd', null, value)));
      }
      const item = el('li', { class: 'version' + (version.deleted ? ' deleted' : ''), 'data-version': String(version.version) },
        el('div', { class: 'version-head' },
          el('span', { class: 'vnum', text: 'v' + version.version }),
          el('span', { class: 'activity activity-' + (p.activity || 'unknown'), text: label('activity', p.activity) }),
          version.deleted ? el('span', { class: 'badge bad', text: t('state.deleted') }) : null,
          el('span', { class: 'when' }, time(p.recordedAt || version.updatedAt))),
        dl);
      if (index === 0) {
        const lines = diff({}, version);
        item.appendChild(el('details', { class: 'initial' },
          el('summary', { text: t('initialContent', { n: lines.length }) }),
          diffList(lines)));
      } else {
        const previous = rec.versions[index - 1];
        const lines = diff(previous, version);
        item.appendChild(el('p', { class: 'diff-title', text: t('changesFrom', { n: previous.version }) }));
        item.appendChild(lines.length === 0 ? el('p', { class: 'muted', text: t('diffNone') }) : diffList(lines));
      }
      list.appendChild(item);
    });
  }

  /* ------------------------------------------------------------------ diff */

  function isObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  }

  function childPath(path, key) {
    if (typeof key === 'number') {
      return path + '[' + key + ']';
    }
    return path ? path + '.' + key : key;
  }

  /* Field-by-field differences between two versions, with nested paths (location.adminCodes[1]). */
  function diff(before, after) {
    const out = [];
    const walk = (a, b, path, top) => {
      if (isObject(a) && isObject(b)) {
        const keys = Array.from(new Set([...Object.keys(a), ...Object.keys(b)])).sort();
        for (const key of keys) {
          if (top && ENVELOPE.has(key)) {
            continue;
          }
          const p = childPath(path, key);
          if (!(key in a) || a[key] === null) {
            if (key in b && b[key] !== null) {
              out.push({ op: 'added', path: p, after: b[key] });
            }
          } else if (!(key in b) || b[key] === null) {
            out.push({ op: 'removed', path: p, before: a[key] });
          } else {
            walk(a[key], b[key], p, false);
          }
        }
      } else if (Array.isArray(a) && Array.isArray(b)) {
        const n = Math.max(a.length, b.length);
        for (let i = 0; i < n; i++) {
          const p = childPath(path, i);
          if (i >= a.length) {
            out.push({ op: 'added', path: p, after: b[i] });
          } else if (i >= b.length) {
            out.push({ op: 'removed', path: p, before: a[i] });
          } else {
            walk(a[i], b[i], p, false);
          }
        }
      } else if (JSON.stringify(a) !== JSON.stringify(b)) {
        out.push({ op: 'changed', path: path, before: a, after: b });
      }
    };
    walk(before || {}, after || {}, '', true);
    return out;
  }

  function valueText(v) {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s;
  }

  function value(v, cls) {
    const s = valueText(v);
    return el('code', { class: 'value ' + cls, title: s.length > 120 ? s : undefined,
      text: s.length > 120 ? s.substring(0, 117) + '…' : s });
  }

  function diffList(lines) {
    return el('ul', { class: 'diff' }, lines.map((line) => {
      const parts = [
        el('span', { class: 'op', text: t('diff.' + line.op) }),
        ' ',
        el('code', { class: 'path', text: line.path }),
        ': '
      ];
      if (line.op === 'added') {
        parts.push(value(line.after, 'new'));
      } else if (line.op === 'removed') {
        parts.push(value(line.before, 'old'));
      } else {
        parts.push(value(line.before, 'old'), ' → ', value(line.after, 'new'));
      }
      return el('li', { class: 'diff-line ' + line.op, 'data-path': line.path }, parts);
    }));
  }

  /* ------------------------------------------------------------------ lineage parts */

  function renderPath() {
    const panel = $('path');
    if (!partReady('path-section', panel, state.record.lineage)) {
      return;
    }
    const lineage = lineageData();
    const origins = [];
    const described = Array.isArray(lineage.versions) && lineage.versions.length > 0 ? lineage.versions
      : state.record.versions.map((r) => r.provenance || {});
    for (const v of described) {
      if (v.originHub && !origins.includes(v.originHub)) {
        origins.push(v.originHub);
      }
    }
    if (origins.length > 0) {
      panel.appendChild(el('p', { text: t('pathOrigins', { hubs: origins.join(', ') }) }));
    }
    const hops = (lineage.hops || []).slice().sort((a, b) => String(a.receivedAt).localeCompare(String(b.receivedAt)));
    if (hops.length === 0) {
      panel.appendChild(el('p', { class: 'muted', text: t('noHops') }));
      return;
    }
    panel.appendChild(table(['col.at', 'col.hash', 'col.fromHub', 'col.receivedBy'],
      hops.map((h) => [time(h.receivedAt), hashRef(h.hash),
        el('span', { class: 'hub', text: (h.fromHub || '?') + ' →' }), h.receivedBy || t('none')]), 'hops'));
  }

  function renderActivities() {
    const panel = $('activities');
    if (!partReady('activities-section', panel, state.record.lineage)) {
      return;
    }
    const items = (lineageData().connectorActivities || []).slice()
      .sort((a, b) => String(a.at).localeCompare(String(b.at)));
    if (items.length === 0) {
      panel.appendChild(el('p', { class: 'muted', text: t('noActivities') }));
      return;
    }
    panel.appendChild(table(['col.at', 'col.instance', 'col.action', 'col.deadLetter', 'col.actor', 'col.detail'],
      items.map((a) => [time(a.at), a.instance || t('none'), label('connectorAction', a.action),
        a.deadLetterId === undefined || a.deadLetterId === null ? t('none') : String(a.deadLetterId),
        a.actor || t('none'), a.detail || t('none')]), 'connector-activities'));
  }

  function renderConflicts() {
    const panel = $('conflicts');
    if (!partReady('conflicts-section', panel, state.record.lineage)) {
      return;
    }
    const items = lineageData().conflicts || [];
    if (items.length === 0) {
      panel.appendChild(el('p', { class: 'muted', text: t('noConflicts') }));
      return;
    }
    panel.appendChild(table(['col.conflict', 'col.detectedAt', 'col.local', 'col.incoming', 'col.winner', 'col.merge',
      'col.resolvedAt'],
      items.map((c) => [el('code', { text: String(c.id) }), time(c.detectedAt), hashRef(c.localHash),
        hashRef(c.incomingHash), hashRef(c.winnerHash), hashRef(c.mergeHash),
        c.resolvedAt ? time(c.resolvedAt) : el('span', { class: 'badge warn', text: t('conflictOpen') })]),
      'conflict-list'));
  }

  function renderAccess() {
    const part = state.record.access;
    const panel = $('access');
    if (!partReady('access-section', panel, part)) {
      return;
    }
    const items = (part.data.items || []).slice().sort((a, b) => String(b.at).localeCompare(String(a.at)));
    if (items.length === 0) {
      panel.appendChild(el('p', { class: 'muted', text: t('noAccess') }));
      return;
    }
    panel.appendChild(table(['col.at', 'col.subject', 'col.org', 'col.roles', 'col.channel', 'col.action'],
      items.map((a) => [time(a.at), a.subject || t('none'), a.org || t('none'),
        Array.isArray(a.roles) ? a.roles.join(', ') : t('none'), label('channel', a.path), label('action', a.action)]),
      'access-log'));
  }

  /* ------------------------------------------------------------------ tables */

  function table(headers, rows, cls) {
    return el('div', { class: 'table-wrap' }, el('table', { class: cls },
      el('thead', null, el('tr', null, headers.map((h) => el('th', { scope: 'col', text: t(h) })))),
      el('tbody', null, rows.map((cells) => el('tr', null, cells.map((c) =>
        el('td', null, typeof c === 'string' ? c : (c === undefined || c === null ? t('none') : c))))))));
  }

  /* ------------------------------------------------------------------ language */

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
    renderRecent();
    renderRecord();
  }

  function start() {
    $('signin-form').addEventListener('submit', signIn);
    $('search-form').addEventListener('submit', search);
    $('list-button').addEventListener('click', () => listRecords(null));
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
