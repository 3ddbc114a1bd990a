// common/ is the one place client, server and CLI agree on: the manifest, the settings schema, the
// scanner's syntax check and the MTA configuration globs are held to it here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { matchesGlob } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  COMMANDS,
  ENHANCED_CODE,
  isMtaConfigFile,
  LOG_LANGUAGES,
  MTA_CONFIG_GLOBS,
  SERVED_LANGUAGES,
  SITE_CODE_KEY,
  SUMMARY_BUTTON_LANGUAGES,
} from '../../common';
import { syntaxProblem } from '../../server/src/scan/syntax';
import { repoPath } from '../support/paths';

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: { command: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, { propertyNames?: { pattern: string } }> };
  };
}
const manifest = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as Manifest;

/** The languages a `editorLangId =~ /^(a|b)$/` clause names. */
const languagesOf = (when: string | undefined) =>
  /editorLangId =~ \/\^\(([^)]*)\)\$\//
    .exec(when ?? '')?.[1]
    .split('|')
    .sort();

describe('common/ and the manifest', () => {
  test('the contributed commands are the command ids', () => {
    assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), Object.values(COMMANDS).sort());
  });

  test('the summary is offered on the log languages; its title-bar button on all but plain text', () => {
    const palette = manifest.contributes.menus.commandPalette.find((m) => m.command === COMMANDS.summarize);
    const title = manifest.contributes.menus['editor/title'].find((m) => m.command === COMMANDS.summarize);
    assert.deepEqual(languagesOf(palette?.when), [...LOG_LANGUAGES].sort());
    assert.deepEqual(languagesOf(title?.when), [...SUMMARY_BUTTON_LANGUAGES].sort());
  });

  test('every served language activates the extension', () => {
    for (const language of SERVED_LANGUAGES) assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`), language);
  });

  test("the siteCodes schema's key pattern accepts exactly what SITE_CODE_KEY accepts", () => {
    const schema = new RegExp(manifest.contributes.configuration.properties['smtpStatus.siteCodes'].propertyNames!.pattern);
    const parts = ['', '0', '00', '01', '1', '10', '99', '999', '1000'];
    let checked = 0;
    for (const cls of ['0', '1', '2', '3', '4', '5', '9', 'X', 'x', '']) {
      for (const subject of parts) {
        for (const detail of parts) {
          const key = `${cls}.${subject}.${detail}`;
          assert.equal(schema.test(key), SITE_CODE_KEY.test(key), key);
          checked++;
        }
      }
    }
    assert.ok(SITE_CODE_KEY.test('X.7.900') && SITE_CODE_KEY.test('5.7.1') && !SITE_CODE_KEY.test('5.07.1'), `${checked} keys`);
  });

  test("the scanner's hand-written syntax check agrees with ENHANCED_CODE", () => {
    const subCode = fc.stringMatching(/^\d{1,4}$/);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9 }), subCode, subCode, (cls, subject, detail) => {
        const code = `${cls}.${subject}.${detail}`;
        assert.equal(syntaxProblem(code) === undefined, ENHANCED_CODE.test(code), code);
      }),
      { numRuns: 2000 },
    );
  });

  test('the syntax check of a text that is not shaped like a code ends, and finds a problem', () => {
    for (const text of ['', '5', '5.1', '..', 'abc', '.5.1']) assert.notEqual(syntaxProblem(text), undefined, JSON.stringify(text));
  });
});

describe('MTA configuration files', () => {
  const configs = [
    '/etc/postfix/access',
    '/etc/postfix/sender_access',
    '/etc/postfix/header_checks',
    '/etc/postfix/body_checks.pcre',
    '/etc/postfix/smtpd_checks.cidr',
    '/etc/mail/access',
    '/etc/exim4/exim4.conf.template',
    '/etc/exim/configure',
    '/etc/exim4/conf.d/acl/30_exim4-config_check_rcpt',
  ];
  const others = [
    '/var/log/mail.log',
    '/var/log/access.log',
    '/src/accessibility.ts',
    '/src/checks.py',
    '/etc/exim4/update-exim4.conf.conf',
  ];

  test('named by their files; other files are not', () => {
    for (const path of configs) assert.ok(isMtaConfigFile(path) && isMtaConfigFile(`file://${path}`), path);
    for (const path of others) assert.ok(!isMtaConfigFile(path), path);
  });

  test("the regex made from the globs agrees with the globs' own meaning", () => {
    for (const path of [...configs, ...others]) {
      const byGlob = MTA_CONFIG_GLOBS.some((glob) => matchesGlob(path, glob));
      assert.equal(isMtaConfigFile(path), byGlob, path);
    }
  });
});
