import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rulesOf, rulesJSON, exportRules, importRules, mergeRules, cleanRule } from './siterules.js';

test('rulesOf keeps the rule fields of arrays and {rules}, drops blanks and junk', () => {
  const r = { host: ' news.example ', content: '.story', extra: 1 };
  assert.deepEqual(rulesOf([r, {}, null, 'x']), [cleanRule(r)]);
  assert.deepEqual(rulesOf({ rules: [r] }), [cleanRule(r)]);
  assert.deepEqual(rulesOf(undefined), []);
  assert.equal(cleanRule(r).host, 'news.example');
  assert.equal('extra' in cleanRule(r), false);
});

test('export and import round-trip; import refuses what is not a rule set', () => {
  const rules = [cleanRule({ host: 'خبر.example', title: 'h1' })];
  const text = exportRules(rules);
  assert.equal(JSON.parse(text).barg_rules, 1);
  assert.deepEqual(importRules(text), rules);
  assert.throws(() => importRules('{'), /not JSON/);
  assert.throws(() => importRules('{"x":1}'), /not a rule set/);
  assert.equal(rulesJSON([]), '');
  assert.deepEqual(JSON.parse(rulesJSON(rules)), rules);
});

test('mergeRules replaces a rule for the same host and path, adds the others', () => {
  const a = cleanRule({ host: 'a.example', title: 'h1' });
  const a2 = cleanRule({ host: 'A.example', title: 'h2' });
  const b = cleanRule({ host: 'a.example', path: '/fa/', title: 'h3' });
  assert.deepEqual(mergeRules([a], [a2, b]), [a2, b]);
});
