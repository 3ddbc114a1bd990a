// A VS Code window in the browser, driven the way a person drives it: Quick Open to open a file,
// Go to Line to move the cursor, the mouse to hover, the keyboard to type, the Problems panel to
// read diagnostics. Elements are found through the DOM, never by fixed coordinates.
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import type { PageDocument, PageElement, PageInput, PageText } from './page-types';
import { session } from './session';

// Browser globals, for the functions handed to page.evaluate/waitForFunction (they run in the page).
declare const document: PageDocument;
declare const NodeFilter: { SHOW_TEXT: number };
declare function getComputedStyle(element: PageElement): { color: string };

const WAIT_MS = 20_000;

export interface ProblemRow {
  file: string;
  rule: string;
  source: string;
  message: string;
}

export class Workbench {
  private constructor(
    private readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  /**
   * A new browser window on the fixtures folder, with the workbench ready; by default on the
   * server that has the .vsix installed.
   */
  static async open(origin = session().origin): Promise<Workbench> {
    const { browser, workspace } = session();
    const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`${origin}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench .explorer-folders-view').waitFor({ timeout: 60_000 });
    return new Workbench(context, page);
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  /** The text of a fixture file, as on disk. */
  fixture(name: string): string {
    return readFileSync(join(session().workspace, name), 'utf8');
  }

  /** Opens a file with Quick Open (Ctrl+P) and waits until the editor shows its first line. */
  async openFile(name: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    // Keys that went to a frame (a webview just closed keeps the focus in its iframe) are lost:
    // give the focus back to the workbench, as a click outside the frame would, and press again.
    await this.pressUntilVisible('Control+P', input, `Quick Open (Ctrl+P) to open ${name}`, () =>
      this.page.evaluate(() => document.activeElement?.blur()),
    );
    await input.fill(name);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tab.active[aria-label^="${name}"]`).waitFor({ timeout: WAIT_MS });
    const firstLine = this.fixture(name).split('\n')[0].slice(0, 20).replace(/\s+/g, ' ');
    await this.page.waitForFunction(
      (start) =>
        [...document.querySelectorAll('.editor-instance .view-line')].some((l) =>
          (l.textContent ?? '').replace(/\s+/g, ' ').startsWith(start),
        ),
      firstLine,
      { timeout: WAIT_MS },
    );
  }

  /** Moves the cursor with Go to Line (Ctrl+G), 1-based line and column. */
  async goTo(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
    await this.waitForCursor(line, column);
  }

  /** Puts the cursor on the first `text` that follows `after` in the open file (the file on disk). */
  async goToText(file: string, text: string, after = ''): Promise<{ line: number; column: number }> {
    const position = positionIn(this.fixture(file), text, after);
    await this.goTo(position.line, position.column);
    return position;
  }

  /**
   * The screen box of `text` where the cursor stands: found in the DOM, on the rendered line
   * that holds the cursor, starting where the cursor is.
   */
  async boxOfTextAtCursor(text: string): Promise<{ x: number; y: number; width: number; height: number }> {
    const box = await this.page.evaluate((wanted) => {
      const cursor = document.querySelector('.editor-instance .cursors-layer .cursor')?.getBoundingClientRect();
      if (!cursor) return null;
      let best: { x: number; y: number; width: number; height: number } | null = null;
      for (const line of document.querySelectorAll('.editor-instance .view-lines .view-line')) {
        const lineBox = line.getBoundingClientRect();
        if (cursor.top + cursor.height / 2 < lineBox.top || cursor.top + cursor.height / 2 > lineBox.bottom) continue;
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        const nodes: PageText[] = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as PageText);
        const whole = nodes
          .map((n) => n.data)
          .join('')
          .replace(/\u00a0/g, ' ');
        for (let at = whole.indexOf(wanted); at >= 0; at = whole.indexOf(wanted, at + 1)) {
          const range = document.createRange();
          let offset = 0;
          for (const node of nodes) {
            if (at >= offset && at < offset + node.length) range.setStart(node, at - offset);
            if (at + wanted.length > offset && at + wanted.length <= offset + node.length) range.setEnd(node, at + wanted.length - offset);
            offset += node.length;
          }
          const r = range.getBoundingClientRect();
          // The cursor stands at the start of the text: within half a character of its left edge.
          if (Math.abs(r.left - cursor.left) <= r.width / wanted.length / 2)
            best = { x: r.left, y: r.top, width: r.width, height: r.height };
        }
      }
      return best;
    }, text);
    if (box === null) throw new Error(`"${text}" is not rendered where the cursor stands (wrapped across lines?)`);
    return box;
  }

  /** Hovers the mouse over `text` (after `after`) in the open file; returns the hover's text. */
  async hover(file: string, text: string, after = ''): Promise<{ text: string; links: { text: string; href: string }[] }> {
    await this.goToText(file, text, after);
    const box = await this.boxOfTextAtCursor(text);
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
    const hover = this.page.locator('.monaco-hover:not(.hidden) .hover-contents').first();
    await hover.waitFor({ state: 'visible', timeout: WAIT_MS });
    return this.page.evaluate(() => {
      const widget = document.querySelector('.monaco-hover:not(.hidden)');
      if (widget === null) return { text: '', links: [] };
      const links = [...widget.querySelectorAll('a')].map((a) => ({
        text: a.textContent ?? '',
        href: a.getAttribute('data-href') ?? a.getAttribute('href') ?? '',
      }));
      return { text: widget.innerText, links };
    });
  }

  /**
   * Drags the open hover's bottom edge down until all of its content shows without scrolling,
   * as a person resizes a hover to read it whole.
   */
  async expandHover(): Promise<void> {
    const hidden = await this.page.evaluate(() => {
      const content = document.querySelector('.monaco-hover:not(.hidden) .monaco-hover-content');
      return content === null ? 0 : content.scrollHeight - content.clientHeight;
    });
    if (hidden <= 0) return;
    const edge = await this.page.locator('.monaco-resizable-hover .monaco-sash.orthogonal-edge-south:not(.disabled)').boundingBox();
    if (edge === null) throw new Error('the hover has no bottom edge to drag');
    const x = edge.x + edge.width / 2;
    const y = edge.y + edge.height / 2;
    await this.page.mouse.move(x, y, { steps: 8 }); // across the hover, which keeps it open
    await this.page.mouse.down();
    await this.page.mouse.move(x, y + hidden + 8, { steps: 8 });
    await this.page.mouse.up();
    await this.page.mouse.move(x, y + hidden - 24, { steps: 4 }); // off the edge, so it is not drawn highlighted
  }

  /** Whether the element with `text`, inside the open hover, lies wholly within the hover's visible box. */
  async visibleInHover(text: string): Promise<boolean> {
    return this.page.evaluate((wanted) => {
      const hover = document.querySelector('.monaco-hover:not(.hidden)');
      if (hover === null) return false;
      const outer = hover.getBoundingClientRect();
      for (const element of hover.querySelectorAll('a, span, p, td')) {
        if (element.textContent !== wanted) continue;
        const r = element.getBoundingClientRect();
        return r.top >= outer.top && r.bottom <= outer.bottom && r.height > 0;
      }
      return false;
    }, text);
  }

  /**
   * Shows the Problems panel (Ctrl+Shift+M) and reads it once it lists `file`, and only it, with
   * exactly `count` problems (a count that is still changing, e.g. after an edit, is waited out).
   */
  async problemsOf(file: string, count: number): Promise<ProblemRow[]> {
    if (!(await this.page.locator('.markers-panel').isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await this.page.locator('.markers-panel').waitFor({ state: 'visible' });
    // The panel follows the open editors: it settles on the new file once the last one has closed.
    const settled = await this.page
      .waitForFunction(
        ({ file, count }) => {
          const rows: { file: string; rule: string; source: string; message: string }[] = [];
          const files: string[] = [];
          let current = '';
          const listed = [...document.querySelectorAll('.markers-panel .monaco-list-row')].sort(
            (a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')),
          );
          for (const row of listed) {
            const resource = /problems? in file (.+) of folder/.exec(row.getAttribute('aria-label') ?? '');
            if (resource) {
              current = resource[1];
              files.push(current);
              continue;
            }
            const code = row.querySelector('.marker-code');
            if (!code) continue; // "Also here": a related location of the problem above
            rows.push({
              file: current,
              rule: code.textContent ?? '',
              source: row.querySelector('.marker-source')?.textContent ?? '',
              message: row.querySelector('.marker-message')?.textContent ?? '',
            });
          }
          return files.length === 1 && files[0] === file && rows.length === count ? rows : false;
        },
        { file, count },
        { timeout: WAIT_MS },
      )
      .catch(async () => {
        const text = await this.page.locator('.markers-panel').innerText();
        throw new Error(`the Problems panel never showed exactly ${count} problems of ${file} alone; it shows:\n${text}`);
      });
    return (await settled.jsonValue()) as ProblemRow[];
  }

  /** Closes the active editor (Ctrl+W), discarding changes. */
  async closeEditor(): Promise<void> {
    await this.page.keyboard.press('Control+W');
  }

  /** Types at the cursor like a person (key by key), then reads the suggest widget's labels. */
  async typeAndReadSuggestions(text: string): Promise<string[]> {
    await this.page.keyboard.type(text, { delay: 60 });
    const rows = this.page.locator('.suggest-widget.visible .monaco-list-row');
    // The trigger characters open the list once the language server is up; a server still
    // starting (the first document of its language just opened) misses them, and a person
    // then asks for the list with Ctrl+Space.
    if (!(await this.appears(rows.first())))
      await this.pressUntilVisible('Control+Space', rows.first(), `suggestions after typing ${JSON.stringify(text)}`);
    return this.page.$$eval('.suggest-widget.visible .monaco-list-row .label-name', (labels) => labels.map((l) => l.textContent ?? ''));
  }

  /**
   * The colour of `token` where it stands inside the first occurrence of `context` in the
   * editor's rendered text (rendered lines in screen order, so wrapped lines read as one).
   */
  async tokenColour(context: string, token: string): Promise<string> {
    // Tokens appear once the grammar has run, a moment after the text: wait for them.
    const handle = await this.page
      .waitForFunction(
        ({ context, token }) => {
          const lines = [...document.querySelectorAll('.editor-instance .view-lines .view-line')].sort(
            (a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top,
          );
          const spans = lines.flatMap((line) => [...line.querySelectorAll('span > span')]);
          const text = spans.map((span) => (span.textContent ?? '').replace(/\u00a0/g, ' ')).join('');
          const at = text.indexOf(context);
          if (at < 0) return false;
          const tokenAt = at + context.indexOf(token);
          let offset = 0;
          for (const span of spans) {
            const length = (span.textContent ?? '').length;
            if (tokenAt >= offset && tokenAt < offset + length) return span.textContent === token ? getComputedStyle(span).color : false;
            offset += length;
          }
          return false;
        },
        { context, token },
        { timeout: WAIT_MS },
      )
      .catch(() => {
        throw new Error(`"${token}" in "${context}" never became a token of its own: is the grammar applied?`);
      });
    return (await handle.jsonValue()) as string;
  }

  /** Waits until the editor has painted diagnostics (squiggles) for the open file. */
  async waitForSquiggles(): Promise<void> {
    await this.page.locator('.editor-instance .squiggly-error, .editor-instance .squiggly-warning').first().waitFor({ timeout: WAIT_MS });
  }

  /** Whether `target` becomes visible within a few seconds. */
  private appears(target: Locator): Promise<boolean> {
    return target.waitFor({ state: 'visible', timeout: 3_000 }).then(
      () => true,
      () => false,
    );
  }

  /**
   * Presses `key` until `target` shows, as a person presses again when nothing happened; `recover`
   * runs between attempts. Fails after the usual deadline, naming `what` was waited for.
   */
  private async pressUntilVisible(key: string, target: Locator, what: string, recover?: () => Promise<unknown>): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      await this.page.keyboard.press(key);
      if (await this.appears(target)) return;
      if (Date.now() > deadline) throw new Error(`${key} never showed ${what}`);
      await recover?.();
    }
  }

  /** Runs a command from the Command Palette (F1) by its title, as a person would. */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    // The palette lists the commands registered when it opens, and some workbench parts register
    // theirs a while after the window is ready: open it again until the command is there.
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      await this.page.keyboard.press('F1');
      await input.waitFor({ state: 'visible' });
      await input.fill(`>${title}`);
      if (await this.appears(row)) break;
      await this.page.keyboard.press('Escape');
      if (Date.now() > deadline) throw new Error(`the Command Palette never listed "${title}"`);
    }
    // Enter runs the focused row: wait until the list has settled on the command asked for (the
    // list is filtered as the text arrives, and another command may be focused for a moment).
    await this.page
      .locator('.quick-input-list .monaco-list-row.focused', { hasText: title })
      .waitFor({ timeout: WAIT_MS })
      .catch(() => {
        throw new Error(`the Command Palette listed "${title}" but never focused it`);
      });
    await this.page.keyboard.press('Enter');
    // The palette closes, or the command reuses it to ask for something (a blank input).
    await this.page.waitForFunction(
      () => {
        const widget = document.querySelector('.quick-input-widget');
        const value = (document.querySelector('.quick-input-widget input') as PageInput | null)?.value ?? '';
        return widget === null || widget.getBoundingClientRect().height === 0 || !value.startsWith('>');
      },
      undefined,
      { timeout: WAIT_MS },
    );
  }

  /** The status-bar entry that shows `text`, once it is there. */
  statusBarEntry(text: string): Locator {
    return this.page.locator('.statusbar-item', { hasText: text }).first();
  }

  /**
   * The document inside the webview whose tab is titled `title`. A webview is two frames deep:
   * VS Code's host frame (iframe.webview), and in it the extension's page (#active-frame).
   */
  async webview(title: string): Promise<FrameLocator> {
    await this.page.locator(`.tab.active[aria-label^="${title}"]`).waitFor({ timeout: WAIT_MS });
    const frame = this.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await frame.locator('body').waitFor({ timeout: WAIT_MS });
    return frame;
  }

  /** Opens the quick-fix menu at the cursor (Ctrl+.) and reads its entries' titles, top to bottom. */
  async quickFixMenu(): Promise<string[]> {
    const titles = this.page.locator('.action-widget .monaco-list-row.action .title');
    // Ctrl+. right after the squiggle appears can come before the editor has the diagnostic's code
    // actions ("No code actions available"): a person presses it again.
    await this.pressUntilVisible('Control+.', titles.first(), 'the quick fixes (Ctrl+.)', () => this.page.keyboard.press('Escape'));
    return titles.allInnerTexts();
  }

  /**
   * The inlay hints the editor paints for the open file (here, the ones that start with "▸ "),
   * once there is at least one. VS Code draws them as text inside the rendered lines.
   */
  async inlayHints(): Promise<string[]> {
    const handle = await this.page
      .waitForFunction(
        () => {
          const hints = [...document.querySelectorAll('.editor-instance .view-lines .view-line span > span')]
            .map((span) => (span.textContent ?? '').replace(/\u00a0/g, ' '))
            .filter((text) => text.startsWith('\u25b8 '));
          return hints.length > 0 ? hints : false;
        },
        undefined,
        { timeout: WAIT_MS },
      )
      .catch(() => {
        throw new Error('no inlay hints were painted: is smtpStatus.inlayHints.enabled on?');
      });
    return (await handle.jsonValue()) as string[];
  }

  /**
   * Waits until the editor's rendered text matches `pattern`: the rendered lines in screen order,
   * joined, so that a wrapped line reads as one (spaces as plain spaces).
   */
  async waitForText(pattern: RegExp): Promise<void> {
    await this.page
      .waitForFunction(
        ({ source, flags }) => {
          const lines = [...document.querySelectorAll('.editor-instance .view-lines .view-line')].sort(
            (a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top,
          );
          return new RegExp(source, flags).test(lines.map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')).join(''));
        },
        { source: pattern.source, flags: pattern.flags },
        { timeout: WAIT_MS },
      )
      .catch(() => {
        throw new Error(`the editor's text never matched ${pattern}`);
      });
  }

  /** Waits until the status bar shows the cursor at `line`, `column` (1-based). */
  async waitForCursor(line: number, column: number): Promise<void> {
    await this.page.waitForFunction(
      (want) => document.querySelector('.statusbar-item[id="status.editor.selection"]')?.textContent?.includes(want),
      `Ln ${line}, Col ${column}`,
      { timeout: WAIT_MS },
    );
  }

  /**
   * Where VS Code runs an extension, as "Developer: Show Running Extensions" says under its name
   * ("web worker", or the remote's address), with a screenshot of the view when named; the view
   * is closed again afterwards.
   */
  async runningLocation(displayName: string, screenshot?: string): Promise<string> {
    await this.runCommand('Developer: Show Running Extensions');
    // In the editor area: the Command Palette keeps hidden rows that may name the extension too.
    const row = this.page.locator('.part.editor .monaco-list-row', { hasText: displayName }).first();
    // The list shows every running extension (the web worker host runs dozens of built-in ones),
    // sorted by activation time, and renders only the rows in view: scroll until ours is there.
    const list = this.page.locator('.part.editor .monaco-list').first();
    await list.waitFor({ state: 'visible', timeout: WAIT_MS });
    const deadline = Date.now() + WAIT_MS;
    while (!(await row.isVisible())) {
      if (Date.now() > deadline) throw new Error(`"${displayName}" is not among the running extensions`);
      await list.hover();
      await this.page.mouse.wheel(0, 200);
      await this.page.waitForTimeout(100);
    }
    const text = await row.innerText();
    if (screenshot !== undefined) await this.screenshot(screenshot);
    await this.page.keyboard.press('Control+W');
    await row.waitFor({ state: 'hidden', timeout: WAIT_MS });
    // The row reads: name, version, location, activation time.
    const lines = text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    const at = lines.findIndex((line) => line.startsWith(displayName));
    return lines.slice(at + 1).find((line) => !/^\d+(\.\d+)*$/.test(line)) ?? '';
  }

  /** A screenshot of the whole window into the run's folder, and into docs/images when publishing. */
  async screenshot(name: string): Promise<string> {
    const { screenshotDir, publishDir } = session();
    const path = join(screenshotDir, name);
    await this.page.screenshot({ path });
    if (publishDir !== undefined) copyFileSync(path, join(publishDir, name));
    return path;
  }
}

/** 1-based line and column of the first `text` after `after` in `content`. */
export function positionIn(content: string, text: string, after = ''): { line: number; column: number } {
  const at = content.indexOf(after + text);
  if (at < 0) throw new Error(`"${after + text}" is not in the file`);
  const before = content.slice(0, at + after.length).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
