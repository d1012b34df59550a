import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sendButtonStates, SEND_BUTTONS } from './sending.js';

test('without an endpoint every send button is off; with one, the selection decides "Send selected"', () => {
  assert.deepEqual(sendButtonStates(false), { 'send-selected': true, 'send-all': true, retry: true });
  assert.deepEqual(sendButtonStates(true), { 'send-selected': undefined, 'send-all': false, retry: false });
  assert.deepEqual(Object.keys(sendButtonStates(false)).sort(), [...SEND_BUTTONS].sort());
});
