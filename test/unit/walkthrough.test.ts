// The Get started walkthrough (package.json contributes.walkthroughs): each step has an action,
// a way to be completed and a picture that ships in the VSIX, and its "Go to" buttons land on the
// code they name in the sample mail.log (test/fixtures/e2e/, which npm start opens).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { COMMANDS } from '../../common';
import { repoPath } from '../support/paths';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { image: string; altText: string };
  completionEvents: string[];
}

const manifest = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as {
  contributes: { walkthroughs: { id: string; title: string; steps: Step[] }[]; commands: { command: string }[] };
};
const [walkthrough] = manifest.contributes.walkthroughs;
const shipped = readFileSync(repoPath('.vscodeignore'), 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('!'))
  .map((line) => line.slice(1));
const mailLog = readFileSync(repoPath('test', 'fixtures', 'e2e', 'mail.log'), 'utf8').split('\n');

/** The buttons and links of a step: label, command (without `toSide:`) and its arguments. */
function actions(step: Step): { label: string; command: string; args: unknown }[] {
  return [...step.description.matchAll(/\[([^\]]+)\]\(command:(?:toSide:)?([\w.]+)(?:\?([^)]*))?\)/g)].map(([, label, command, query]) => ({
    label,
    command,
    args: query === undefined ? undefined : JSON.parse(decodeURIComponent(query)),
  }));
}

describe('the Get started walkthrough', () => {
  test('one walkthrough of a few steps', () => {
    assert.equal(manifest.contributes.walkthroughs.length, 1);
    assert.equal(walkthrough.id, 'getStarted');
    assert.deepEqual(
      walkthrough.steps.map((step) => step.id),
      ['openLog', 'hover', 'quickFix', 'summarize', 'checkFolder'],
    );
  });

  for (const step of walkthrough.steps) {
    test(`${step.id}: an action, completion events, and a picture the VSIX ships`, () => {
      assert.ok(actions(step).length > 0, 'at least one command button');
      assert.ok(step.completionEvents.length > 0, 'completion events');
      for (const event of step.completionEvents) assert.match(event, /^onCommand:[\w.]+$/);
      assert.ok(existsSync(repoPath(step.media.image)), `${step.media.image} exists`);
      assert.ok(shipped.includes(step.media.image), `.vscodeignore lets ${step.media.image} into the VSIX`);
      assert.ok(step.media.altText.length > 0);
      // Walkthroughs render links, bold and italics, not code spans.
      assert.doesNotMatch(step.description, /`/);
    });
  }

  test("the extension's own commands it names are contributed", () => {
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    const ours = walkthrough.steps
      .flatMap((step) => [...actions(step).map((a) => a.command), ...step.completionEvents.map((e) => e.replace('onCommand:', ''))])
      .filter((command) => command.startsWith('smtpStatus.'));
    assert.ok(ours.includes(COMMANDS.summarize));
    for (const command of ours) assert.ok(contributed.has(command), command);
  });

  test('"Go to" buttons open the sample mail.log (Quick Open FILE:LINE:COLUMN) at the code they name', () => {
    const goTos = walkthrough.steps.flatMap((step) => actions(step).filter((a) => a.label.startsWith('Go to ')));
    assert.equal(goTos.length, 2);
    for (const { label, command, args } of goTos) {
      assert.equal(command, 'workbench.action.quickOpen');
      const [line, column] = /^mail\.log:(\d+):(\d+)$/
        .exec((args as string[])[0])!
        .slice(1)
        .map(Number);
      const [reply, code] = label.replace('Go to ', '').split(' ');
      const text = mailLog[line - 1];
      assert.equal(text.slice(column - 1, column - 1 + code.length), code, label);
      assert.equal(text.slice(column - 1 - reply.length - 1, column - 1), `${reply} `, label);
    }
  });

  test('the terminal step runs the command the npm package installs', () => {
    const run = actions(walkthrough.steps.find((step) => step.id === 'checkFolder')!).find((a) => a.command.endsWith('sendSequence'));
    assert.deepEqual(run?.args, { text: 'smtp-status check .\r' });
    const cliPackage = JSON.parse(readFileSync(repoPath('packages', 'smtp-status', 'package.json'), 'utf8')) as { bin: object };
    assert.ok('smtp-status' in cliPackage.bin);
  });
});
