// Jikji's web page: plain JavaScript, no build step, nothing loaded from elsewhere. It talks to the same API
// as every other client; when API keys are on, the key lives in sessionStorage only (gone with the tab).
'use strict';
(() => {
  const KO = (navigator.language || 'en').toLowerCase().startsWith('ko');
  const T = KO ? {
    tabAsk: '질문', tabDocs: '문서', keyButton: 'API 키', keyTitle: 'API 키', keyHelp: '이 서버는 API 키가 필요합니다. 키는 이 브라우저 세션에만 보관됩니다.',
    keyLabel: 'API 키', keySave: '키 사용', keyForget: '키 지우기', newConversation: '새 대화', questionLabel: '질문',
    questionPlaceholder: '문서에 대해 물어보세요', askButton: '묻기', askHint: 'Enter는 보내기, Shift+Enter는 줄바꿈입니다.',
    searchTitle: '검색', searchLabel: '문서 검색', searchPlaceholder: '검색어', searchButton: '검색', listTitle: '문서 목록',
    prefixLabel: 'ID 접두어', listButton: '목록', colId: 'ID', colTitle: '제목', colChunks: '청크', listMore: '다음 페이지',
    uploadTitle: '업로드', uploadLabel: '파일 (Markdown, 텍스트, HTML, PDF, Word)', uploadButton: '올리기', colFile: '파일',
    colResult: '결과', detailTitle: '문서', thinking: '찾는 중…', abstained: '답을 찾지 못했습니다', nearest: '관련이 있을 수 있는 문서',
    sources: '출처', mode: '방식', extractive: '추출형 (LLM 없이 문서 문장을 인용)', generative: '생성형 LLM', models: '모델',
    searchedAs: '이전 대화를 이어서 이렇게 찾았습니다', rewrittenRule: '규칙', rewrittenLlm: 'LLM', page: '쪽', open: '원문 열기',
    helpful: '도움이 됐어요', notHelpful: '도움이 안 됐어요', thanks: '의견 감사합니다', e401: 'API 키가 필요하거나 키가 유효하지 않습니다.',
    e403: '이 키로는 할 수 없는 작업입니다', e429: '요청이 너무 많습니다. {s}초 뒤에 다시 해 보세요.', eNet: '서버에 연결하지 못했습니다.',
    eFail: '요청이 실패했습니다', hits: '건', total: '전체 {n}건', metadata: '메타데이터', acl: '접근 그룹 (ACL)', aclNone: '없음 (공개)',
    chunks: '청크', del: '삭제', confirmDelete: '"{id}" 문서를 삭제할까요?', deleted: '삭제했습니다: {id}', noHits: '결과가 없습니다',
    source: '원본', contentType: '형식', ingestedAt: '수집 시각', uploading: '올리는 중…', keySaved: '키를 이 세션에 저장했습니다.',
    keyForgotten: '키를 지웠습니다.', pick: '파일을 고르세요', field: '필드'
  } : {
    tabAsk: 'Ask', tabDocs: 'Documents', keyButton: 'API key', keyTitle: 'API key', keyHelp: 'This server needs an API key. It is kept only for this browser session.',
    keyLabel: 'API key', keySave: 'Use key', keyForget: 'Forget key', newConversation: 'New conversation', questionLabel: 'Question',
    questionPlaceholder: 'Ask about the documents', askButton: 'Ask', askHint: 'Enter sends, Shift+Enter starts a new line.',
    searchTitle: 'Search', searchLabel: 'Search the documents', searchPlaceholder: 'Search terms', searchButton: 'Search', listTitle: 'Documents',
    prefixLabel: 'Id prefix', listButton: 'List', colId: 'Id', colTitle: 'Title', colChunks: 'Chunks', listMore: 'Next page',
    uploadTitle: 'Upload', uploadLabel: 'Files (Markdown, text, HTML, PDF, Word)', uploadButton: 'Upload', colFile: 'File',
    colResult: 'Result', detailTitle: 'Document', thinking: 'Searching…', abstained: 'No answer found', nearest: 'Nearest sources',
    sources: 'Sources', mode: 'Mode', extractive: 'extractive (quotes document sentences, no LLM)', generative: 'generative LLM', models: 'Models',
    searchedAs: 'Continuing the conversation, searched as', rewrittenRule: 'rule', rewrittenLlm: 'LLM', page: 'p.', open: 'open source',
    helpful: 'Helpful', notHelpful: 'Not helpful', thanks: 'Thanks for the feedback', e401: 'An API key is needed, or the key is not valid.',
    e403: 'This key may not do that', e429: 'Too many requests. Try again in {s} s.', eNet: 'Could not reach the server.',
    eFail: 'The request failed', hits: 'hits', total: '{n} in all', metadata: 'Metadata', acl: 'Access groups (ACL)', aclNone: 'none (public)',
    chunks: 'Chunks', del: 'Delete', confirmDelete: 'Delete the document "{id}"?', deleted: 'Deleted: {id}', noHits: 'No results',
    source: 'Source', contentType: 'Type', ingestedAt: 'Ingested', uploading: 'Uploading…', keySaved: 'Key kept for this session.',
    keyForgotten: 'Key forgotten.', pick: 'Choose files', field: 'field'
  };
  const MAX_TURNS = 10, MAX_ANSWER = 4000, KEY = 'jikji.apiKey';
  const $ = id => document.getElementById(id);
  const fmt = (s, v) => s.replace(/\{(\w+)\}/g, (_, k) => v[k]);
  const el = (tag, attrs, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else if (v !== null && v !== undefined) e.setAttribute(k, v);
    }
    for (const c of kids) if (c !== null && c !== undefined) e.append(c);
    return e;
  };

  document.documentElement.lang = KO ? 'ko' : 'en';
  document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = T[e.dataset.i18n]; });
  document.querySelectorAll('[data-i18n-placeholder]').forEach(e => { e.placeholder = T[e.dataset.i18nPlaceholder]; });

  // ---- access and errors
  const key = () => sessionStorage.getItem(KEY);
  const headers = extra => { const h = Object.assign({}, extra); if (key()) h.Authorization = 'Bearer ' + key(); return h; };
  const status = (text, info) => {
    const s = $('status'); s.textContent = text; s.className = 'status' + (info ? ' info' : ''); s.hidden = !text;
    if (text) s.scrollIntoView({ block: 'nearest' });
  };
  /** A readable message for a problem response; a 401 opens the key form. */
  function problemText(code, problem, retryAfter) {
    const detail = problem && problem.detail ? problem.detail : '';
    const field = problem && problem.field ? ` (${T.field}: ${problem.field})` : '';
    if (code === 401) { showKey(true); return T.e401 + (detail ? ' ' + detail : ''); }
    if (code === 403) return `${T.e403}: ${detail}`;
    if (code === 429) return fmt(T.e429, { s: retryAfter || '?' });
    return `${T.eFail} (${code}): ${detail}${field}`;
  }
  async function fail(res) {
    let problem = null;
    try { problem = await res.json(); } catch (e) { problem = null; }
    throw new Error(problemText(res.status, problem, res.headers.get('Retry-After')));
  }
  async function api(path, opts) {
    let res;
    try { res = await fetch(path, Object.assign({}, opts, { headers: headers((opts || {}).headers) })); }
    catch (e) { throw new Error(T.eNet); }
    if (!res.ok) await fail(res);
    return res.status === 204 ? null : res.json();
  }
  function showKey(open) { $('key-panel').hidden = !open; if (open) $('key-input').focus(); }
  $('key-button').addEventListener('click', () => showKey($('key-panel').hidden));
  $('key-form').addEventListener('submit', e => {
    e.preventDefault(); sessionStorage.setItem(KEY, $('key-input').value.trim()); $('key-input').value = '';
    showKey(false); status(T.keySaved, true);
  });
  $('key-forget').addEventListener('click', () => { sessionStorage.removeItem(KEY); status(T.keyForgotten, true); });

  // ---- tabs (arrow keys move between them, as the ARIA tabs pattern has it)
  const tabs = [$('tab-ask'), $('tab-docs')];
  function select(tab) {
    for (const t of tabs) {
      const on = t === tab; t.setAttribute('aria-selected', on); t.tabIndex = on ? 0 : -1;
      $(t.getAttribute('aria-controls')).hidden = !on;
    }
    tab.focus();
  }
  tabs.forEach((t, i) => {
    t.addEventListener('click', () => select(t));
    t.addEventListener('keydown', e => {
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') { e.preventDefault(); select(tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]); }
    });
  });

  // ---- asking
  let history = [];
  const log = $('conversation');
  $('new-conversation').addEventListener('click', () => { history = []; log.replaceChildren(); status(''); $('question').focus(); });
  $('question').addEventListener('keydown', e => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); $('ask-form').requestSubmit(); }
  });
  $('ask-form').addEventListener('submit', e => { e.preventDefault(); const q = $('question').value.trim(); if (q) ask(q); });

  async function ask(question) {
    status('');
    $('question').value = '';
    $('ask-button').disabled = true;
    log.append(el('li', { class: 'turn-q', text: question }));
    const text = el('div', { class: 'answer-text', text: T.thinking });
    const box = el('li', { class: 'turn-a', 'aria-busy': 'true' }, text);
    log.append(box);
    box.scrollIntoView({ block: 'nearest' });
    const body = { question };
    if (history.length) body.history = history.slice(-MAX_TURNS);
    let streamed = '';
    try {
      const res = await fetch('/api/v1/ask', { method: 'POST', body: JSON.stringify(body),
        headers: headers({ 'Content-Type': 'application/json', Accept: 'text/event-stream' }) }).catch(() => { throw new Error(T.eNet); });
      if (!res.ok) await fail(res);
      let result = null;
      await readEvents(res, (event, data) => {
        if (event === 'token') { streamed += data.text; text.textContent = streamed; }
        else if (event === 'done') result = data;
        else if (event === 'error') throw new Error(problemText(data.status, data));
      });
      if (!result) throw new Error(T.eFail);
      render(box, text, question, result);
      history.push({ question, answer: (result.answer || '').slice(0, MAX_ANSWER) });
    } catch (err) {
      text.textContent = err.message; box.classList.add('failed'); status(err.message);
    } finally {
      box.removeAttribute('aria-busy'); $('ask-button').disabled = false; $('question').focus();
    }
  }

  /** Server-Sent Events from a POST response: fetch and a stream reader (EventSource can only GET). */
  async function readEvents(res, onEvent) {
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buf.indexOf('\n\n')) >= 0) {
        const record = buf.slice(0, cut); buf = buf.slice(cut + 2);
        let event = 'message', data = '';
        for (const line of record.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data += line.slice(5).trim();
        }
        if (data) onEvent(event, JSON.parse(data));
      }
    }
  }

  function where(c) {
    const parts = [c.title || c.documentId];
    if (c.headingPath && c.headingPath.length) parts.push(c.headingPath.join(' › '));
    if (c.page) parts.push(`${T.page} ${c.page}`);
    return parts.join(' — ');
  }
  const isWeb = s => /^https?:\/\//i.test(s || '');

  function render(box, text, question, r) {
    const byN = new Map((r.citations || []).map(c => [c.n, c]));
    text.replaceChildren();
    const panel = el('div', { class: 'citation-panel' });
    if (r.abstained) {
      box.classList.add('abstained');
      text.append(el('strong', { text: T.abstained + ': ' }), r.answer);
    } else {
      // [n] markers become buttons that open the quote they stand for
      let last = 0;
      for (const m of r.answer.matchAll(/\[(\d+)]/g)) {
        text.append(r.answer.slice(last, m.index));
        const c = byN.get(Number(m[1]));
        if (c) {
          const id = `cite-${Math.random().toString(36).slice(2)}`;
          const chip = el('button', { type: 'button', class: 'chip', 'aria-expanded': 'false', 'aria-controls': id,
            'aria-label': `${T.sources} ${c.n}: ${c.title || c.documentId}`, text: String(c.n) });
          chip.addEventListener('click', () => toggleCitation(panel, chip, c, id));
          text.append(chip);
        } else text.append(m[0]);
        last = m.index + m[0].length;
      }
      text.append(r.answer.slice(last));
    }
    box.append(panel);
    const refs = r.abstained ? (r.sources || []) : (r.citations || []);
    if (refs.length) {
      box.append(el('p', { class: 'details', text: r.abstained ? T.nearest : T.sources }));
      box.append(el('ol', { class: 'sources' }, ...refs.map(s => el('li', { value: s.n },
        isWeb(s.source) ? el('a', { href: s.source, target: '_blank', rel: 'noopener', text: where(s) }) : where(s)))));
    }
    const m = r.models || {};
    const mode = r.mode === 'extractive' ? T.extractive : T.generative;
    let details = `${T.mode}: ${mode} · ${T.models}: ${m.generator} · ${m.embedding} · ${m.reranker} · ${m.executionProvider} · ${r.timings ? r.timings.totalMs + ' ms' : ''}`;
    box.append(el('p', { class: 'details', 'data-role': 'details', text: details }));
    if (r.standaloneQuestion && r.rewrittenBy && r.rewrittenBy !== 'none') {
      box.append(el('p', { class: 'details', 'data-role': 'standalone',
        text: `${T.searchedAs} (${r.rewrittenBy === 'llm' ? T.rewrittenLlm : T.rewrittenRule}): ${r.standaloneQuestion}` }));
    }
    box.append(feedback(question, r.answer));
  }

  function toggleCitation(panel, chip, c, id) {
    const open = panel.querySelector(`#${id}`);
    panel.querySelectorAll('.citation').forEach(x => x.remove());
    for (const other of chip.parentElement.querySelectorAll('.chip')) other.setAttribute('aria-expanded', 'false');
    if (open) return;
    const link = isWeb(c.source) ? el('a', { href: c.source, target: '_blank', rel: 'noopener', text: T.open }) : (c.source ? el('span', { text: c.source }) : null);
    panel.append(el('div', { class: 'citation', id, role: 'region', 'aria-label': `${T.sources} ${c.n}` },
      el('blockquote', { text: c.quote || '' }),
      el('div', { class: 'where' }, `[${c.n}] ${where(c)}`, link ? ' · ' : '', link)));
    chip.setAttribute('aria-expanded', 'true');
  }

  function feedback(question, answer) {
    const note = el('span', { class: 'details', role: 'status' });
    const vote = async (v, btn) => {
      try {
        await api('/api/v1/feedback', { method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ vote: v, question, answer: answer.slice(0, MAX_ANSWER) }) });
        btn.setAttribute('aria-pressed', 'true'); up.disabled = down.disabled = true; note.textContent = T.thanks;
      } catch (err) { note.textContent = err.message; }
    };
    const up = el('button', { type: 'button', 'aria-label': T.helpful, 'aria-pressed': 'false', 'data-vote': 'up', text: '👍' });
    const down = el('button', { type: 'button', 'aria-label': T.notHelpful, 'aria-pressed': 'false', 'data-vote': 'down', text: '👎' });
    up.addEventListener('click', () => vote('up', up));
    down.addEventListener('click', () => vote('down', down));
    return el('div', { class: 'feedback' }, up, down, note);
  }

  // ---- documents
  const docPath = id => '/api/v1/documents/' + id.split('/').map(encodeURIComponent).join('/');
  $('search-form').addEventListener('submit', async e => {
    e.preventDefault();
    const out = $('search-results');
    try {
      const r = await api('/api/v1/search', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: $('search-input').value.trim(), topK: 10 }) });
      out.replaceChildren(...(r.hits.length ? r.hits.map(h => el('li', {},
        el('button', { type: 'button', class: 'linklike', text: h.title || h.documentId, onclick: () => showDocument(h.documentId) }),
        el('div', { class: 'where', text: `${h.documentId} — ${(h.headingPath || []).join(' › ')}${h.page ? ` — ${T.page} ${h.page}` : ''}` }),
        el('div', { text: h.text.length > 240 ? h.text.slice(0, 240) + '…' : h.text }))) : [el('li', { text: T.noHits })]));
      status('');
    } catch (err) { status(err.message); }
  });

  let cursor = null;
  async function list(more) {
    const params = new URLSearchParams({ limit: '20' });
    const prefix = $('prefix-input').value.trim();
    if (prefix) params.set('prefix', prefix);
    if (more && cursor) params.set('cursor', cursor);
    try {
      const r = await api('/api/v1/documents?' + params);
      const rows = r.documents.map(d => el('tr', {},
        el('td', {}, el('button', { type: 'button', class: 'linklike', text: d.id, onclick: () => showDocument(d.id) })),
        el('td', { text: d.title || '' }), el('td', { text: String(d.chunks) })));
      if (more) $('doc-list').append(...rows); else $('doc-list').replaceChildren(...rows);
      cursor = r.nextCursor || null;
      $('list-more').hidden = !cursor;
      $('list-count').textContent = fmt(T.total, { n: r.total });
    } catch (err) { status(err.message); }
  }
  $('list-form').addEventListener('submit', e => { e.preventDefault(); list(false); });
  $('list-more').addEventListener('click', () => list(true));

  async function showDocument(id) {
    const card = $('doc-detail-card'), out = $('doc-detail');
    try {
      const d = await api(docPath(id) + '?chunks=true');
      const meta = el('dl', { class: 'meta' });
      const row = (k, v) => meta.append(el('dt', { text: k }), el('dd', {}, v));
      row(T.colId, d.id); row(T.colTitle, d.title || ''); row(T.source, isWeb(d.source) ? el('a', { href: d.source, target: '_blank', rel: 'noopener', text: d.source }) : (d.source || ''));
      row(T.contentType, d.contentType || ''); row(T.ingestedAt, d.ingestedAt || '');
      row(T.acl, d.acl && d.acl.length ? d.acl.join(', ') : T.aclNone);
      for (const [k, v] of Object.entries(d.metadata || {})) row(`${T.metadata}: ${k}`, v);
      const chunks = (d.chunkList || []).map(c => el('div', { class: 'chunk' },
        el('div', { class: 'where', text: `${c.chunkId} — ${(c.headingPath || []).join(' › ')}${c.page ? ` — ${T.page} ${c.page}` : ''}` }),
        el('p', { text: c.text })));
      const del = el('button', { type: 'button', class: 'secondary', 'data-role': 'delete', text: T.del, onclick: async () => {
        if (!confirm(fmt(T.confirmDelete, { id }))) return;
        try { await api(docPath(id), { method: 'DELETE' }); card.hidden = true; status(fmt(T.deleted, { id }), true); list(false); }
        catch (err) { status(err.message); }
      } });
      out.replaceChildren(el('h3', { text: d.title || d.id }), meta, del, el('h3', { text: `${T.chunks} (${d.chunks})` }), ...chunks);
      card.hidden = false;
      $('detail-title').focus && card.scrollIntoView({ block: 'nearest' });
      status('');
    } catch (err) { status(err.message); }
  }

  // multipart upload through XMLHttpRequest, the browser API that reports upload progress
  $('upload-form').addEventListener('submit', e => {
    e.preventDefault();
    const files = $('upload-files').files;
    if (!files.length) { status(T.pick); return; }
    const form = new FormData();
    for (const f of files) form.append('file', f, f.name);
    const xhr = new XMLHttpRequest();
    const bar = $('upload-progress');
    bar.hidden = false; bar.value = 0; $('upload-button').disabled = true;
    xhr.upload.addEventListener('progress', ev => { if (ev.lengthComputable) bar.value = Math.round(100 * ev.loaded / ev.total); });
    xhr.addEventListener('load', () => {
      $('upload-button').disabled = false;
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (err) { body = null; }
      if (xhr.status < 200 || xhr.status >= 300) {
        status(problemText(xhr.status, body, xhr.getResponseHeader('Retry-After'))); bar.hidden = true; return;
      }
      bar.value = 100;
      $('upload-files').value = '';
      $('upload-results-table').hidden = false;
      $('upload-results').replaceChildren(...body.results.map(r => el('tr', {},
        el('td', { text: r.id || r.file || '' }),
        el('td', { class: r.status === 'failed' ? 'bad' : 'ok', text: r.status + (r.chunks !== undefined && r.chunks !== null ? ` · ${r.chunks} ${T.chunks}` : '') + (r.error ? ` · ${r.error.detail || r.error.field}` : '') }))));
      status('');
    });
    xhr.addEventListener('error', () => { $('upload-button').disabled = false; status(T.eNet); });
    xhr.open('POST', '/api/v1/documents');
    if (key()) xhr.setRequestHeader('Authorization', 'Bearer ' + key());
    xhr.send(form);
  });

  // with API keys on, a key is asked for before the first question (a probe that needs no write role)
  fetch('/api/v1/documents?limit=1', { headers: headers() }).then(r => { if (r.status === 401) showKey(true); }).catch(() => {});
})();
