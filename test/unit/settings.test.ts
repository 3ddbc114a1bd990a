// Settings: defaults from the rules, the manifest, malformed values.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { repoPath } from '../support/paths';
import { DEFAULT_SETTINGS, readSettings, RULE_IDS, RULES } from '../../server/src/service';

describe('settings', () => {
  test('defaults come from the rules', () => {
    for (const id of RULE_IDS) assert.equal(DEFAULT_SETTINGS.severity[id], RULES[id].defaultSeverity);
  });
  test('package.json declares a severity setting for every rule, with the same default', () => {
    const manifest = JSON.parse(readFileSync(repoPath('package.json'), 'utf8'));
    const properties = manifest.contributes.configuration.properties;
    const declared = Object.keys(properties).filter((k) => k.startsWith('smtpStatus.severity.'));
    assert.deepEqual(declared.sort(), RULE_IDS.map((id) => `smtpStatus.severity.${id}`).sort());
    for (const id of RULE_IDS) {
      const setting = properties[`smtpStatus.severity.${id}`];
      assert.equal(setting.default, RULES[id].defaultSeverity, id);
      assert.deepEqual(setting.enum, ['error', 'warning', 'information', 'hint', 'off'], id);
    }
    assert.equal(properties['smtpStatus.maxDiagnostics'].default, DEFAULT_SETTINGS.maxDiagnostics);
    assert.equal(properties['smtpStatus.enable'].default, DEFAULT_SETTINGS.enable);
  });
  test('malformed values fall back to defaults', () => {
    assert.deepEqual(readSettings(null), DEFAULT_SETTINGS);
    assert.deepEqual(readSettings('nonsense'), DEFAULT_SETTINGS);
    const s = readSettings({ enable: 'yes', severity: { 'class-mismatch': 'fatal', unregistered: 'hint' }, maxDiagnostics: -3 });
    assert.equal(s.enable, true);
    assert.equal(s.severity['class-mismatch'], 'error');
    assert.equal(s.severity.unregistered, 'hint');
    assert.equal(s.maxDiagnostics, DEFAULT_SETTINGS.maxDiagnostics);
  });
});
