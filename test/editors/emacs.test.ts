// Emacs in batch mode with Eglot and the configuration docs/editors.md gives, verbatim, against the
// built server (a `smtp-status-language-server` on PATH): a mail log opened gets its mode, Eglot
// starts the server, and Flymake shows its diagnostics; the hover on 5.1.1 and the completion of a
// typed `550 5.7.` are asked through Eglot's connection. Helix is not in Debian 12's packages, so
// it is not tested here. `npm run test:editors` installs Debian's emacs-nox and elpa-eglot.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { repoPath } from '../support/paths';
import { editorWorkspace, runEditor, TYPED_LINE } from './support';

const hasEglot = spawnSync('emacs', ['--batch', '--eval', "(require 'eglot)"], { encoding: 'utf8' }).status === 0;
const skip = hasEglot ? false : 'Emacs with Eglot is not installed (npm run test:editors installs Debian’s emacs-nox and elpa-eglot)';

/** The Emacs Lisp block of docs/editors.md's Emacs section. */
function documentedConfiguration(): string {
  const doc = readFileSync(repoPath('docs', 'editors.md'), 'utf8');
  const block = /```elisp\n([\s\S]*?)```/.exec(doc.slice(doc.indexOf('## Emacs')));
  assert.ok(block, 'the Emacs configuration');
  return block[1];
}

/** Records what Eglot and Flymake show into OUT, as JSON. */
const DRIVER = `
(require 'eglot)
(require 'json)
(defun smtp-status-wait (predicate seconds)
  (let ((end (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) end)) (sleep-for 0.1))))
(let ((plan (json-read-file (getenv "SMTP_STATUS_PLAN"))) (out nil))
  (condition-case err
      (progn
        (find-file (alist-get 'log plan))
        (push (cons 'mode (symbol-name major-mode)) out)
        ;; eglot-ensure starts the server after the command that opened the file.
        (run-hooks 'post-command-hook)
        (smtp-status-wait #'eglot-current-server 15)
        (smtp-status-wait #'flymake-diagnostics 15)
        (push (cons 'diagnostics (vconcat (mapcar #'flymake-diagnostic-text (flymake-diagnostics)))) out)
        (goto-char (point-min))
        (forward-line (alist-get 'line plan))
        (forward-char (alist-get 'character plan))
        (let ((hover (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover (eglot--TextDocumentPositionParams))))
          (push (cons 'hover (plist-get (plist-get hover :contents) :value)) out))
        (goto-char (point-max))
        (insert (alist-get 'typed plan))
        ;; Eglot sends changes on an idle timer; its own completion sends them first, as here.
        (eglot--signal-textDocument/didChange)
        (let* ((completion (jsonrpc-request (eglot--current-server-or-lose) :textDocument/completion (eglot--CompletionParams)))
               (items (if (vectorp completion) completion (plist-get completion :items))))
          (push (cons 'completion (vconcat (mapcar (lambda (item) (plist-get item :label)) items))) out)))
    (error (push (cons 'error (format "%S" err)) out)))
  (with-temp-file (getenv "SMTP_STATUS_OUT") (insert (json-encode out)))
  (kill-emacs 0))
`;

describe('Emacs (Eglot) with the configuration of docs/editors.md', { skip }, () => {
  const workspace = editorWorkspace('emacs', ['mail.log']);
  const { work, files, hover } = workspace;
  after(() => rmSync(work, { recursive: true, force: true }));

  test('a mail log: its mode, Flymake diagnostics, the hover on 5.1.1, completion after 550 5.7.', () => {
    writeFileSync(join(work, 'config.el'), documentedConfiguration());
    writeFileSync(join(work, 'driver.el'), DRIVER);
    const plan = {
      log: join(files, 'mail.log'),
      ...hover,
      typed: TYPED_LINE,
    };
    writeFileSync(join(work, 'plan.json'), JSON.stringify(plan));

    const result = runEditor(
      workspace,
      'emacs',
      ['--batch', '--no-init-file', '-l', join(work, 'config.el'), '-l', join(work, 'driver.el')],
      {
        HOME: work,
        SMTP_STATUS_PLAN: join(work, 'plan.json'),
        SMTP_STATUS_OUT: join(work, 'out.json'),
      },
    );
    assert.equal(result.status, 0, `emacs: ${result.stderr}`);
    const seen = JSON.parse(readFileSync(join(work, 'out.json'), 'utf8')) as {
      error?: string;
      mode: string;
      diagnostics: string[];
      hover: string;
      completion: string[];
    };
    assert.equal(seen.error, undefined, seen.error);
    assert.equal(seen.mode, 'mail-log-mode');
    const rules = seen.diagnostics.map((text) => /^smtp-status \[([\w-]+)\]/.exec(text)?.[1]).sort();
    assert.deepEqual(rules, ['class-mismatch', 'deprecated', 'unregistered']);
    assert.match(seen.hover, /\*\*5\.1\.1\*\* Bad destination mailbox address/);
    assert.ok(seen.completion.includes('5.7.1'), JSON.stringify(seen.completion));
    for (const label of seen.completion) assert.match(label, /^5\.7\.\d+$/);
  });
});
