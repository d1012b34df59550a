// Upload outbox: delivers saved captures to the endpoint the user configured.
// API contract between the extension's background/pages and the upload feature.
// (Stub: the upload feature replaces the bodies; keep the exported names.)

/**
 * Queue a saved capture for delivery. `record` is the library record
 * ({id, capture_id, article, ...}); the body sent is `record.article` exactly as saved,
 * with `record.capture_id` as the Idempotency-Key.
 * @param {{id: string, capture_id: string, article: object}} record
 */
export async function enqueue(record) {}

/** Called after every capture: enqueues it when automatic sending is on. */
export async function afterCapture(record) {}

/**
 * Upload state of the given library ids.
 * @param {string[]} ids
 * @returns {Promise<Object<string, {state: 'none'|'queued'|'sending'|'sent'|'failed', sent_at?: string, error?: string, attempts?: number, next_at?: string}>>}
 */
export async function status(ids) { return Object.fromEntries(ids.map((id) => [id, { state: 'none' }])); }

/** Retry now: the given ids, or every failed/queued item when ids is omitted. */
export async function retryNow(ids) {}

/** Registers alarms/listeners; called once at every background start. */
export function init() {}
