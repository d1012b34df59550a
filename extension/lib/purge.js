// Deleted entries are removed for good once their undo time is over, even
// when no library page is open any more: a delete sets an alarm
// (chrome.alarms wakes the background), and the background purges when it
// rings and at every start of the browser, in case the alarm was lost.
// Pages and the background share these few lines so the times agree.

/** How long a delete can be undone; the entries are removed for good after it. */
export const UNDO_MS = 15000;

/** The alarm that wakes the background to purge. */
export const PURGE_ALARM = 'barg-purge-deleted';

/**
 * Sets the purge alarm for a delete made now (a later delete moves it
 * later; the purge then sets it again for any delete still in its time).
 * @param {{create: Function}|undefined} alarms  chrome.alarms
 */
export async function schedulePurge(alarms = globalThis.chrome?.alarms, now = Date.now()) {
  if (!alarms) return;
  await alarms.create(PURGE_ALARM, { when: now + UNDO_MS + 1000 });
}

/**
 * Purges the deletes whose undo time is over, and sets the alarm again
 * for those still in it. Returns how many entries went.
 * @param {{purgeDeletes: Function}} store  lib/store.js
 * @param {{create: Function}|undefined} alarms  chrome.alarms
 */
export async function purgeDue(store, alarms = globalThis.chrome?.alarms, now = Date.now()) {
  const { purged, pending } = await store.purgeDeletes(new Date(now - UNDO_MS));
  if (pending && alarms) await alarms.create(PURGE_ALARM, { when: Math.max(Date.parse(pending) + UNDO_MS + 1000, now + 1000) });
  return purged;
}
