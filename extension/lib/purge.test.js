import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import * as store from './store.js';
import { UNDO_MS, PURGE_ALARM, schedulePurge, purgeDue } from './purge.js';
import { art } from './testdata/articles.js';

beforeEach(async () => {
  await store.closeDB();
  globalThis.indexedDB = new IDBFactory();
});

/** chrome.alarms as far as purging uses it: the alarms set, by name. */
function fakeAlarms() {
  const set = new Map();
  return { set, create: async (name, info) => { set.set(name, info); } };
}

const T0 = Date.parse('2026-03-01T10:00:00Z');

test('a delete is purged by the alarm after its undo time, with every version, and not before', async () => {
  const alarms = fakeAlarms();
  const a = await store.saveArticle(art('https://x.example/a', 'الف', ['یک دو سه']));
  await store.saveArticle(art('https://x.example/a', 'الف', ['یک دو سه چهار']));
  const b = await store.saveArticle(art('https://x.example/b', 'ب', ['باغ']));
  await store.deleteEntries([a.entry.id], new Date(T0));
  await schedulePurge(alarms, T0);
  assert.equal(alarms.set.get(PURGE_ALARM).when, T0 + UNDO_MS + 1000, 'the alarm rings after the undo time');

  // The alarm rang early (or the browser started): nothing is due, the alarm is set again.
  alarms.set.clear();
  assert.equal(await purgeDue(store, alarms, T0 + 5000), 0);
  assert.ok(await store.getEntry(a.entry.id), 'still there for Undo');
  assert.equal(alarms.set.get(PURGE_ALARM).when, T0 + UNDO_MS + 1000);

  alarms.set.clear();
  assert.equal(await purgeDue(store, alarms, T0 + UNDO_MS + 1000), 1);
  assert.equal(await store.getEntry(a.entry.id), undefined);
  assert.deepEqual((await store.getArticles()).map((r) => r.entry_id), [b.entry.id], 'both versions went, the other entry stayed');
  assert.equal((await store.searchIndex()).has(a.entry.id), false, 'and its search words');
  assert.equal(alarms.set.size, 0, 'nothing left to purge: no alarm');
});

test('an undone delete is never purged; of two deletes only the due one goes', async () => {
  const alarms = fakeAlarms();
  const a = await store.saveArticle(art('https://x.example/a', 'الف', ['یک']));
  const b = await store.saveArticle(art('https://x.example/b', 'ب', ['دو']));
  const c = await store.saveArticle(art('https://x.example/c', 'پ', ['سه']));
  await store.deleteEntries([a.entry.id], new Date(T0));
  await store.restoreEntries([a.entry.id]);
  await store.deleteEntries([b.entry.id], new Date(T0));
  await store.deleteEntries([c.entry.id], new Date(T0 + 10000));
  assert.equal(await purgeDue(store, alarms, T0 + UNDO_MS + 1000), 1);
  assert.ok(await store.getEntry(a.entry.id), 'undone');
  assert.equal(await store.getEntry(b.entry.id), undefined, 'due');
  assert.ok(await store.getEntry(c.entry.id), 'still in its undo time');
  assert.equal(alarms.set.get(PURGE_ALARM).when, T0 + 10000 + UNDO_MS + 1000, 'the alarm is set for the one left');
  assert.equal(await purgeDue(store, alarms, T0 + 10000 + UNDO_MS + 1000), 1);
  assert.deepEqual((await store.listEntries()).map((e) => e.id), [a.entry.id]);
});
