// Upload outbox: delivers saved captures to the endpoint the user configured.
//
// Every capture to send is an item in storage.local ("upload.item.<library
// id>"), so the outbox survives the background being stopped and the browser
// being restarted. An item leaves the queue only after a 2xx answer. Network
// errors, timeouts, 429 and 5xx are retried with exponential backoff and
// jitter (or after the server's Retry-After); an alarm wakes the background
// for the next retry, because a stopped service worker loses its timers.
// Other answers mark the item failed with the server's reason, and it is not
// retried until the user asks.
//
// Delivery is once per article. A single request carries Idempotency-Key:
// the capture's capture_id, the same on every retry, and the body is the
// article exactly as saved. In a batch ("send all" as JSON Lines or a JSON
// array) every item carries its own key, {"capture_id": "…", "article":
// {…}}, so that a receiver stores and de-duplicates each article, whether it
// came alone or in any batch (README, "Sending to your server").
//
// No exception leaves an item "sending": a request that cannot even be made
// (a header value fetch refuses) fails the item with the reason, and an
// item found "sending" that no request of this background is carrying (the
// background was stopped mid-request) goes back to the queue with a note.
// Redirects are never followed: a redirect could carry the user's headers to
// another origin.
//
// Nothing is ever queued without an endpoint: queue() refuses (code
// "no_endpoint") while none is configured, and each item records the
// endpoint it was queued for. An item queued for an endpoint the user has
// since replaced is not sent to the new one unasked: it fails, saying so,
// until the user retries it.

import { getArticle, getArticles } from '../lib/store.js';
import { nextDelay, outcomeOf, parseRetryAfter } from './backoff.js';
import { SETTINGS_KEY, checkEndpoint, loadSettings, requestHeaders } from './config.js';

/** Prefix of the storage.local keys of outbox items. */
export const ITEM_PREFIX = 'upload.item.';

/** Name of the alarm that wakes the background for the next retry. */
export const ALARM = 'upload.retry';

/** Longest piece of a server's answer kept as the reason of a failure. */
const REASON_CHARS = 200;

/** The refusal to queue while no endpoint is configured. */
export function noEndpointError() {
  const e = new Error('No endpoint is configured: set the address of your server in the settings first. Nothing was queued.');
  e.code = 'no_endpoint';
  return e;
}

/**
 * An outbox over injected dependencies, so that node tests can run it with
 * an in-memory storage and a mock fetch.
 */
export class Outbox {
  /**
   * @param {object} deps
   * @param {{get: Function, set: Function, remove: Function}} deps.storage  storage.local or a shim
   * @param {typeof fetch} deps.fetch
   * @param {(id: string) => Promise<object|undefined>} deps.getRecord  a library record by id
   * @param {(ids?: string[]) => Promise<object[]>} deps.getRecords  library records (all when ids is omitted)
   * @param {() => number} [deps.now]
   * @param {() => number} [deps.random]
   * @param {{create: Function, clear: Function}} [deps.alarms]
   * @param {(pattern: string) => Promise<boolean>} [deps.hasPermission]
   * @param {(fn: Function, ms: number) => any} [deps.setTimer]  in-memory wake-up while alive
   * @param {(t: any) => void} [deps.clearTimer]
   */
  constructor(deps) {
    this.d = { now: Date.now, random: Math.random, ...deps };
    this.lock = Promise.resolve();
    this.running = null;
    this.again = false;
    this.timer = null;
    /** Library ids whose request this outbox is making now. */
    this.inFlight = new Set();
  }

  /** Runs fn(items) under the outbox's write lock; fn returns the items to write. */
  update(fn) {
    const next = this.lock.then(fn);
    this.lock = next.catch(() => {});
    return next;
  }

  async readItems(ids) {
    const keys = ids ? ids.map((id) => ITEM_PREFIX + id) : null;
    const got = await this.d.storage.get(keys);
    const out = {};
    for (const [k, v] of Object.entries(got)) if (k.startsWith(ITEM_PREFIX) && v) out[k.slice(ITEM_PREFIX.length)] = v;
    return out;
  }

  async writeItems(items) {
    const obj = {};
    for (const it of items) obj[ITEM_PREFIX + it.id] = it;
    if (items.length) await this.d.storage.set(obj);
  }

  /** The endpoint sending goes to now ({url, origin, pattern}), or null while none (valid) is configured. */
  async endpoint() {
    const ep = checkEndpoint((await loadSettings(this.d.storage)).endpoint);
    return ep.ok ? ep : null;
  }

  /**
   * Queues records for sending now. An item already being sent for the same
   * capture is left alone; a new capture of the article replaces its item.
   * Rejects with code "no_endpoint", queueing nothing, while no endpoint is
   * configured.
   * @param {object[]} records  library records {id, capture_id, ...}
   * @param {string} [batchKey]  set when the records go out together in one request
   */
  queue(records, batchKey) {
    return this.update(async () => {
      const ep = await this.endpoint();
      if (!ep) throw noEndpointError();
      const cur = await this.readItems(records.map((r) => r.id));
      const now = this.d.now();
      const out = [];
      for (const r of records) {
        const old = cur[r.id];
        if (old && old.capture_id === r.capture_id && old.state === 'sending') continue;
        const same = old && old.capture_id === r.capture_id;
        out.push({
          id: r.id,
          capture_id: r.capture_id,
          state: 'queued',
          attempts: same ? old.attempts || 0 : 0,
          queued_at: now,
          next_at: now,
          error: '',
          batch: batchKey || '',
          endpoint: ep.url,
        });
      }
      await this.writeItems(out);
      return out.length;
    });
  }

  /** Queues one record (see the module's enqueue). */
  async enqueue(record) {
    await this.queue([record]);
    this.kick();
  }

  /** Queues the record when automatic sending is on and an endpoint is set. */
  async afterCapture(record) {
    const s = await loadSettings(this.d.storage);
    if (!s.auto_send || !checkEndpoint(s.endpoint).ok) return false;
    await this.enqueue(record);
    return true;
  }

  /**
   * Queues the library articles with these ids (all when omitted) for
   * sending. With a batch format, several articles go in one request.
   * @returns {Promise<number>} how many were queued
   */
  async send(ids) {
    const s = await loadSettings(this.d.storage);
    if (!checkEndpoint(s.endpoint).ok) throw noEndpointError();
    const records = await this.d.getRecords(ids && ids.length ? ids : undefined);
    let n = 0;
    if (s.format === 'single' || records.length < 2) {
      n = await this.queue(records);
    } else {
      for (let i = 0; i < records.length; i += s.batch_max) {
        const part = records.slice(i, i + s.batch_max);
        n += await this.queue(part, await batchKey(part.map((r) => r.capture_id)));
      }
    }
    this.kick();
    return n;
  }

  /** Upload state of the given library ids. */
  async status(ids) {
    const items = await this.readItems(ids);
    const out = {};
    for (const id of ids) {
      const it = items[id];
      if (!it) {
        out[id] = { state: 'none' };
        continue;
      }
      const st = { state: it.state, attempts: it.attempts || 0 };
      if (it.sent_at) st.sent_at = new Date(it.sent_at).toISOString();
      if (it.error) st.error = it.error;
      if (it.state === 'queued' && it.next_at) st.next_at = new Date(it.next_at).toISOString();
      out[id] = st;
    }
    return out;
  }

  /** Retry now: the given ids, or every failed or queued item when ids is omitted. */
  async retryNow(ids) {
    await this.update(async () => {
      // Asked by the user: the items go to the endpoint configured now.
      const ep = await this.endpoint();
      if (!ep) throw noEndpointError();
      const items = await this.readItems(ids && ids.length ? ids : null);
      const now = this.d.now();
      const out = [];
      for (const it of Object.values(items)) {
        if (it.state !== 'failed' && it.state !== 'queued') continue;
        out.push({ ...it, state: 'queued', next_at: now, endpoint: ep.url });
      }
      await this.writeItems(out);
    });
    this.kick();
  }

  /** Makes every queued item due now (failed ones stay failed), then sends. */
  async retryQueued() {
    await this.update(async () => {
      const now = this.d.now();
      const items = Object.values(await this.readItems(null)).filter((it) => it.state === 'queued');
      await this.writeItems(items.map((it) => ({ ...it, next_at: now })));
    });
    this.kick();
  }

  /** Starts the send loop unless it runs; never throws. */
  kick() {
    this.run().catch(() => {});
  }

  /**
   * The send loop: sends every due item, then schedules the next wake-up.
   * Only one loop runs at a time; a call while it runs makes it look again
   * before it stops, and returns the running loop's promise.
   */
  run() {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        for (;;) {
          this.again = false;
          await this.pass();
          if (this.again) continue;
          await this.schedule();
          if (!this.again) break; // else something was queued while scheduling
        }
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /**
   * Puts items left "sending" with no request of this outbox carrying them
   * (a background stopped mid-request, an error between the two writes)
   * back in the queue, due now, with a note of what happened.
   */
  recover() {
    return this.update(async () => {
      const now = this.d.now();
      const items = Object.values(await this.readItems(null)).filter((it) => it.state === 'sending' && !this.inFlight.has(it.id));
      await this.writeItems(items.map((it) => ({
        ...it, state: 'queued', next_at: now, error: it.error || 'The last attempt was interrupted before an answer came; sending again.',
      })));
      return items.length;
    });
  }

  /**
   * Fails the queued items that were queued for another endpoint than ep
   * (the user replaced it since): they are not sent to an address the user
   * did not send them to. "Retry" sends them to the current one. Items from
   * before endpoints were recorded carry none and are sent as queued.
   */
  holdForeign(ep) {
    return this.update(async () => {
      const items = Object.values(await this.readItems(null))
        .filter((it) => it.state === 'queued' && it.endpoint && it.endpoint !== ep.url);
      await this.writeItems(items.map((it) => ({
        ...it, state: 'failed', next_at: 0,
        error: `Queued for ${originOf(it.endpoint)}, which is no longer the endpoint; retry to send it to ${ep.origin}.`,
      })));
    });
  }

  /**
   * One pass over the queue: sends the items due when it starts, oldest
   * first, one request at a time. Items that fall due later are left to the
   * alarm (or timer) that schedule() sets.
   */
  async pass() {
    const settings = await loadSettings(this.d.storage);
    const ep = checkEndpoint(settings.endpoint);
    if (!ep.ok) return; // nothing to send to: items wait for the settings
    await this.recover(); // none is in flight between passes: "sending" means stuck
    await this.holdForeign(ep);
    const now = this.d.now();
    const due = Object.values(await this.readItems(null)).filter((it) => it.state === 'queued' && (it.next_at || 0) <= now);
    due.sort((a, b) => (a.queued_at || 0) - (b.queued_at || 0) || (a.id < b.id ? -1 : 1));
    const done = new Set();
    for (const first of due) {
      if (done.has(first.id)) continue;
      const members = first.batch ? due.filter((it) => it.batch === first.batch) : [first];
      for (const it of members) done.add(it.id);
      // Read them again: a message may have changed them since the pass began.
      const cur = await this.readItems(members.map((it) => it.id));
      const unit = members.map((it) => cur[it.id]).filter((it) => it && it.state === 'queued' && (it.next_at || 0) <= this.d.now());
      if (unit.length) await this.deliver(unit, settings, ep);
    }
  }

  /** Sends one request for the items of unit and records the outcome on them. */
  async deliver(unit, settings, ep) {
    const records = [];
    const gone = [];
    for (const it of unit) {
      const r = await this.d.getRecord(it.id);
      if (!r) gone.push(it); // deleted from the library: nothing left to send
      else records.push({ item: it, record: r });
    }
    if (gone.length) await this.d.storage.remove(gone.map((it) => ITEM_PREFIX + it.id));
    if (!records.length) return;

    // A new capture replaced the record since it was queued: send the new one.
    const sending = records.map(({ item, record }) => ({ ...item, capture_id: record.capture_id, state: 'sending' }));
    const caps = new Map(sending.map((it) => [it.id, it.capture_id]));
    await this.update(async () => this.writeItems(sending));

    const batch = records.length > 1 || Boolean(unit[0].batch);
    let result;
    for (const it of sending) this.inFlight.add(it.id);
    try {
      result = await this.request(records.map((x) => x.record), batch, settings, ep);
    } catch (err) {
      // Not the server's answer: the request could not be made at all.
      result = { outcome: 'failed', reason: `The request could not be made: ${errText(err)}. Check the upload settings.` };
    } finally {
      for (const it of sending) this.inFlight.delete(it.id);
    }

    await this.update(async () => {
      const now = this.d.now();
      const cur = await this.readItems(sending.map((it) => it.id));
      const out = [];
      for (const it of Object.values(cur)) {
        // Re-queued for a newer capture while this one was in flight: that one still has to go.
        if (it.capture_id !== caps.get(it.id) || it.state !== 'sending') continue;
        const attempts = (it.attempts || 0) + 1;
        if (result.outcome === 'sent') {
          out.push({ id: it.id, capture_id: it.capture_id, state: 'sent', attempts, sent_at: now, status: result.status, error: '' });
        } else if (result.outcome === 'failed') {
          out.push({ ...it, state: 'failed', attempts, error: result.reason, next_at: 0 });
        } else {
          let wait = nextDelay(attempts, result.retryAfterMs ?? null,
            { baseMs: settings.backoff_base_ms, maxMs: settings.backoff_max_ms }, this.d.random);
          // A server answering "Retry-After: 0" again and again must not make a busy loop.
          if (result.retryAfterMs != null) wait = Math.max(wait, Math.min(1000, settings.backoff_base_ms));
          out.push({ ...it, state: 'queued', attempts, error: result.reason, next_at: now + wait });
        }
      }
      await this.writeItems(out);
    });
  }

  /**
   * Makes one upload request.
   * @returns {Promise<{outcome: 'sent'|'retry'|'failed', status?: number, reason: string, retryAfterMs?: number|null}>}
   */
  async request(records, batch, settings, ep) {
    if (this.d.hasPermission && !(await this.d.hasPermission(ep.pattern))) {
      return { outcome: 'retry', reason: `Barg has no permission to reach ${ep.origin}: open the settings and save the endpoint again.` };
    }
    let body;
    let ctype = 'application/json';
    let key; // a batch has none: each item carries its own
    // The user's payload template (background/tools.js) fills each article's
    // place, or the article goes as saved.
    const bodies = [];
    try {
      for (const r of records) bodies.push((this.d.payload && (await this.d.payload(r.article))) ?? null);
    } catch (err) {
      return { outcome: 'failed', reason: 'the payload template failed: ' + ((err && err.message) || err) };
    }
    if (!batch) {
      body = bodies[0] ?? JSON.stringify(records[0].article);
      key = records[0].capture_id;
    } else {
      const parts = records.map((r, i) => (bodies[i] === null ? batchItem(r)
        : '{"capture_id":' + JSON.stringify(r.capture_id) + ',"article":' + bodies[i] + '}'));
      if (settings.format === 'array') {
        body = '[' + parts.join(',') + ']';
      } else {
        body = parts.join('\n') + '\n';
        ctype = 'application/x-ndjson';
      }
    }
    // Keep a stopped background from stranding the request: wake up after the timeout.
    await this.d.alarms?.create(ALARM, { when: this.d.now() + settings.timeout_ms + 1000 });
    const res = await this.fetchOnce(ep.url, {
      method: settings.method,
      headers: requestHeaders(settings, ctype, key),
      body,
    }, settings.timeout_ms);
    return res;
  }

  /**
   * fetch with a timeout and without following redirects; classifies the
   * answer. Never throws.
   */
  async fetchOnce(url, init, timeoutMs) {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), timeoutMs);
    try {
      let res;
      try {
        res = await this.d.fetch(url, {
          ...init,
          redirect: 'manual',
          credentials: 'omit',
          cache: 'no-store',
          referrerPolicy: 'no-referrer',
          signal: ctl.signal,
        });
      } catch (err) {
        if (ctl.signal.aborted) return { outcome: 'retry', reason: `No answer within ${fmtSeconds(timeoutMs)}; will retry.` };
        return { outcome: 'retry', reason: `Could not connect to ${new URL(url).origin} (${errText(err)}); will retry.` };
      }
      if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
        return {
          outcome: 'failed',
          status: res.status,
          reason: 'The server answered with a redirect. Barg does not follow redirects, so that your headers never go to another address: set the endpoint to the final address.',
        };
      }
      const text = await readSome(res, REASON_CHARS);
      const outcome = outcomeOf(res.status);
      const head = `HTTP ${res.status}${res.statusText ? ' ' + res.statusText : ''}`;
      if (outcome === 'sent') return { outcome, status: res.status, reason: '' };
      if (outcome === 'retry') {
        return {
          outcome,
          status: res.status,
          retryAfterMs: parseRetryAfter(res.headers.get('Retry-After'), this.d.now()),
          reason: `${head}${text ? ': ' + text : ''}; will retry.`,
        };
      }
      return { outcome, status: res.status, reason: `${head}${text ? ': ' + text : ''}` };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sets the alarm (and, while alive, a timer) for the earliest queued item. */
  async schedule() {
    const settings = await loadSettings(this.d.storage);
    const items = Object.values(await this.readItems(null)).filter((it) => it.state === 'queued');
    if (this.timer != null) this.d.clearTimer?.(this.timer);
    this.timer = null;
    if (!items.length || !checkEndpoint(settings.endpoint).ok) {
      await this.d.alarms?.clear(ALARM);
      return;
    }
    const when = Math.min(...items.map((it) => it.next_at || 0));
    await this.d.alarms?.create(ALARM, { when: Math.max(when, this.d.now() + 10) });
    if (this.d.setTimer) {
      this.timer = this.d.setTimer(() => { this.timer = null; this.kick(); }, Math.max(0, when - this.d.now()));
    }
  }

  /**
   * Tries the connection with the given (possibly unsaved) settings: sends an
   * empty JSON array with the configured method and headers. The answer is
   * one plain sentence.
   * @returns {Promise<{ok: boolean, message: string}>}
   */
  async testConnection(s) {
    const ep = checkEndpoint(s.endpoint);
    if (!ep.ok) return { ok: false, message: ep.reason };
    if (this.d.hasPermission && !(await this.d.hasPermission(ep.pattern))) {
      return { ok: false, message: `Barg has no permission to reach ${ep.origin}. Save the settings and allow access when asked.` };
    }
    const h = requestHeaders(s, 'application/json', 'barg-connection-test');
    const r = await this.fetchOnce(ep.url, { method: s.method, headers: h, body: '[]' }, s.timeout_ms || 30000);
    if (r.outcome === 'sent') return { ok: true, message: `Connected: ${ep.origin} accepted the request (HTTP ${r.status}).` };
    if (r.status === 401 || r.status === 403) {
      return { ok: false, message: `The server refused the credentials (${r.reason}). Check the Authorization or API key header.` };
    }
    if (r.status === 400 || r.status === 422) {
      return { ok: true, message: `Reached the server and it checked the request: it answered ${r.reason}. That is expected when it wants a real article.` };
    }
    return { ok: false, message: r.reason.replace(/; will retry\.$/, '.') };
  }

  /**
   * Handles runtime messages whose type starts with "upload.":
   * upload.send {ids?}, upload.retry {ids?}, upload.status {ids}, upload.test {settings?},
 * upload.endpoint (the origin sending goes to, '' while none). send and
 * retry answer {ok: false, code: 'no_endpoint'} while no endpoint is set.
   */
  async handleMessage(msg) {
    switch (msg?.type) {
      case 'upload.send':
      case 'upload.retry':
        try {
          if (msg.type === 'upload.send') return { ok: true, queued: await this.send(msg.ids) };
          await this.retryNow(msg.ids);
          return { ok: true };
        } catch (err) {
          if (err && err.code === 'no_endpoint') return { ok: false, code: err.code, error: err.message };
          throw err;
        }
      case 'upload.endpoint': {
        const ep = await this.endpoint();
        return { ok: true, endpoint: ep ? ep.origin : '' };
      }
      case 'upload.status':
        return { ok: true, status: await this.status(msg.ids || []) };
      case 'upload.test':
        return this.testConnection(msg.settings || (await loadSettings(this.d.storage)));
    }
    return { ok: false, error: `unknown message ${String(msg?.type)}` };
  }
}

/**
 * One item of a batch: the article as saved, with its capture id as its own
 * idempotency key.
 */
export function batchItem(record) {
  return '{"capture_id":' + JSON.stringify(record.capture_id) + ',"article":' + JSON.stringify(record.article) + '}';
}

/** The name that groups a batch's items in the outbox: a hash of its members' capture ids, in order. */
export async function batchKey(captureIds) {
  const data = new TextEncoder().encode(captureIds.join('\n'));
  const sum = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return 'batch-' + Array.from(sum.slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function readSome(res, n) {
  try {
    const text = (await res.text()).replace(/\s+/g, ' ').trim();
    return text.length > n ? text.slice(0, n) + '…' : text;
  } catch {
    return '';
  }
}

function originOf(url) {
  try {
    return new URL(url).origin;
  } catch {
    return String(url);
  }
}

function errText(err) {
  return String(err?.message || err || 'network error');
}

function fmtSeconds(ms) {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

// ---- The module API used by the background and the pages. ----

let shared = null;

/** The outbox over the browser's APIs (built on first use). */
function outbox() {
  if (!shared) {
    const c = globalThis.chrome;
    shared = new Outbox({
      storage: c.storage.local,
      fetch: (...a) => globalThis.fetch(...a),
      getRecord: getArticle,
      getRecords: getArticles,
      alarms: c.alarms ? { create: (n, i) => c.alarms.create(n, i), clear: (n) => c.alarms.clear(n) } : undefined,
      hasPermission: c.permissions ? (p) => c.permissions.contains({ origins: [p] }) : undefined,
      payload: (article) => (payloadRenderer ? payloadRenderer(article) : null),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (t) => clearTimeout(t),
    });
  }
  return shared;
}

/**
 * Queue a saved capture for delivery. `record` is the library record
 * ({id, capture_id, article, ...}); the body sent is `record.article` exactly as saved,
 * with `record.capture_id` as the Idempotency-Key.
 * @param {{id: string, capture_id: string, article: object}} record
 */
export async function enqueue(record) {
  return outbox().enqueue(record);
}

/** Whether an endpoint is configured (and valid): sending, and talk of it, make sense only then. */
export async function hasEndpoint() {
  return (await outbox().endpoint()) !== null;
}

/** Called after every capture: enqueues it when automatic sending is on. */
export async function afterCapture(record) {
  return outbox().afterCapture(record);
}

/**
 * Upload state of the given library ids.
 * @param {string[]} ids
 * @returns {Promise<Object<string, {state: 'none'|'queued'|'sending'|'sent'|'failed', sent_at?: string, error?: string, attempts?: number, next_at?: string}>>}
 */
export async function status(ids) {
  return outbox().status(ids);
}

/** Retry now: the given ids, or every failed/queued item when ids is omitted. */
export async function retryNow(ids) {
  return outbox().retryNow(ids);
}

/** Queue the given library ids (all when omitted) for sending now. */
export async function sendNow(ids) {
  return outbox().send(ids);
}

/** Tries the endpoint with the given settings; {ok, message}. */
export async function testConnection(settings) {
  return outbox().testConnection(settings);
}

/**
 * Handles a runtime message whose type starts with "upload." (the
 * background routes them here). Only the extension's own pages may ask.
 */
export async function handleMessage(msg, sender) {
  const rt = globalThis.chrome?.runtime;
  const own = rt?.getURL ? rt.getURL('') : '';
  if (sender && rt && (sender.id !== rt.id || (sender.tab && !String(sender.url || '').startsWith(own)))) {
    return { ok: false, error: 'upload messages are accepted from Barg\'s own pages only' };
  }
  return outbox().handleMessage(msg);
}

/** Registers alarms/listeners; called once at every background start. */
/** The upload body's renderer (background/tools.js): article → JSON text, or null to send the article as is. */
let payloadRenderer = null;

/** Sets the payload renderer; the background does it at start. */
export function setPayloadRenderer(fn) {
  payloadRenderer = typeof fn === 'function' ? fn : null;
}

export function init() {
  const c = globalThis.chrome;
  const ob = outbox();
  c.alarms?.onAlarm.addListener((a) => {
    if (a.name === ALARM) ob.kick();
  });
  c.storage.onChanged.addListener((changes, area) => {
    // New settings (a new endpoint, a permission granted): try the queue again now.
    if (area === 'local' && changes[SETTINGS_KEY]) ob.retryQueued().catch(() => {});
  });
  ob.recover().then(() => ob.kick(), () => ob.kick());
}
