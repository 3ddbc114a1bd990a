import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { CHECKED_LANGUAGES, EXTENSION_ASSOCIATIONS, isCheckedInWalk, languageForFile } from '../../server/src/cli/languages';
import { SERVED_LANGUAGES } from '../../common';
import { repoPath } from '../support/paths';

interface ManifestLanguage {
  id: string;
  extensions?: string[];
  filenames?: string[];
  filenamePatterns?: string[];
}

const manifest = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as {
  contributes: { languages: ManifestLanguage[] };
};

const sorted = (list: readonly string[] | undefined) => [...(list ?? [])].sort();

describe('languages.ts mirrors package.json', () => {
  test('contributes.languages: the same ids, extensions, file names and patterns', () => {
    const fromManifest = manifest.contributes.languages.map((l) => ({
      id: l.id,
      extensions: sorted(l.extensions),
      filenames: sorted(l.filenames),
      filenamePatterns: sorted(l.filenamePatterns),
    }));
    const mirrored = EXTENSION_ASSOCIATIONS.map((l) => ({
      id: l.id,
      extensions: sorted(l.extensions),
      filenames: sorted(l.filenames),
      filenamePatterns: sorted(l.filenamePatterns),
    }));
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    assert.deepEqual(mirrored.sort(byId), fromManifest.sort(byId));
  });

  test('every contributed file name, pattern and extension maps to its language', () => {
    for (const language of manifest.contributes.languages) {
      for (const name of language.filenames ?? []) assert.equal(languageForFile(`/var/log/${name}`), language.id, name);
      for (const pattern of language.filenamePatterns ?? []) {
        const example = pattern.replace(/\*/g, '20240301').replace(/\?/g, '1');
        assert.equal(languageForFile(`/var/log/${example}`), language.id, `${pattern} (${example})`);
      }
      for (const extension of language.extensions ?? []) assert.equal(languageForFile(`/tmp/x${extension}`), language.id, extension);
    }
  });

  test('a directory walk checks exactly the languages the client serves, and the manifest activates on each', () => {
    // The client and the CLI share one list; the manifest must activate the extension on each of them.
    assert.deepEqual([...CHECKED_LANGUAGES].sort(), [...SERVED_LANGUAGES].sort());
    const manifest = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { activationEvents: string[] };
    for (const language of SERVED_LANGUAGES) assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`), language);
  });
});

describe('languageForFile', () => {
  const cases: [string, string | undefined][] = [
    ['/var/log/mail.log', 'log'],
    ['/var/log/mail.log.1', 'log'],
    ['/var/log/maillog', 'log'],
    ['/var/log/maillog-20240301', 'log'],
    ['/var/spool/exim/log/mainlog', 'log'],
    ['/var/spool/exim/log/rejectlog', 'log'],
    ['/var/spool/exim/log/paniclog', 'log'],
    ['/var/log/MAINLOG', 'log'],
    ['syslog.log.1', 'log'],
    // Rotated and compressed: the language of the log they were.
    ['/var/log/mail.log.2.gz', 'log'],
    ['/var/log/maillog-20261101.gz', 'log'],
    ['/var/log/mainlog.1', 'log'],
    ['/var/log/mainlog.2.gz', 'log'],
    ['/var/log/mail.info.3.gz', 'log'],
    ['/var/log/mail.info.3', 'log'],
    ['bounce.eml.gz', 'email'],
    ['server.log', 'log'],
    ['session.smtp', 'smtp'],
    ['bounce.eml', 'email'],
    ['smtpd_check.c', 'c'],
    ['smtp.h', 'cpp'],
    ['server.go', 'go'],
    ['handlers.py', 'python'],
    ['index.js', 'javascript'],
    ['index.mjs', 'javascript'],
    ['server.ts', 'typescript'],
    ['lib.rs', 'rust'],
    ['Server.java', 'java'],
    ['mailer.rb', 'ruby'],
    ['mail.php', 'php'],
    ['Mail.pm', 'perl'],
    ['spamd.pl', 'perl'],
    ['deliver.sh', 'shellscript'],
    ['package.json', 'json'],
    ['tsconfig.json', 'jsonc'],
    ['ses-bounce.yaml', 'yaml'],
    ['webhook.yml', 'yaml'],
    ['SmtpClient.cs', 'csharp'],
    ['Mailer.kt', 'kotlin'],
    ['Mailet.scala', 'scala'],
    ['Bounce.swift', 'swift'],
    ['gen_smtp.ex', 'elixir'],
    ['mix.exs', 'elixir'],
    ['gen_smtp_server.erl', 'erlang'],
    ['smtp.hrl', 'erlang'],
    ['init.lua', 'lua'],
    ['config.toml', 'toml'],
    ['notes.txt', 'plaintext'],
    ['README.md', 'markdown'],
    ['README', undefined],
    ['sender_access', undefined],
  ];
  for (const [path, language] of cases) test(`${path} -> ${language}`, () => assert.equal(languageForFile(path), language));
});

describe('isCheckedInWalk', () => {
  const cases: [string, boolean][] = [
    ['/var/log/mail.log', true],
    // Compressed logs are taken: gzip is read, the others are named with advice.
    ['/var/log/mail.log.2.gz', true],
    ['/var/log/maillog-20240301.xz', true],
    ['/var/log/mail.info.3.gz', true],
    ['/var/log/mainlog.2.gz', true],
    ['/var/log/backup.tar.gz', false],
    ['/var/log/logs.zip', false],
    ['/src/server.go.1', false],
    ['/src/server.go', true],
    ['/src/package.json', true],
    ['/test/fixtures/bounce.yaml', true],
    ['/etc/stalwart/config.toml', true],
    ['/policy/init.lua', true],
    ['/src/Smtp.cs', true],
    ['/src/smtp.ex', true],
    ['/src/smtp.erl', true],
    ['/docs/README.md', false],
    ['/docs/site.xml', false],
    ['/docs/README', false],
    ['/etc/postfix/header_checks', true],
    ['/etc/postfix/sender_access', true],
  ];
  for (const [path, checked] of cases) test(`${path}: ${checked}`, () => assert.equal(isCheckedInWalk(path), checked));
});
