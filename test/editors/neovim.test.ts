// Neovim, headless, with the configuration docs/editors.md gives, verbatim: its init.lua part and
// the form for the Neovim that runs here (0.7 on Debian 12; the 0.8 and 0.11 forms too where the
// Neovim is new enough). `smtp-status-language-server` on PATH runs the built server. A Lua driver
// opens the sample files, asks the client what a person would see, and writes it down as JSON:
// diagnostics of a mail log, the hover on 5.1.1, completion after `550 5.7.`, a Python file's
// strings checked. `npm run test:editors` installs Debian's neovim when it is missing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { repoPath } from '../support/paths';
import { editorWorkspace, runEditor, TYPED_LINE } from './support';

const version = /NVIM v(\d+)\.(\d+)/.exec(spawnSync('nvim', ['--version'], { encoding: 'utf8' }).stdout ?? '');
const skip = version ? false : 'nvim is not installed (npm run test:editors installs Debian’s neovim)';
const [major, minor] = version ? [Number(version[1]), Number(version[2])] : [0, 0];
const atLeast = (m: number, n: number) => major > m || (major === m && minor >= n);

/** The Lua blocks of docs/editors.md's Neovim section: the shared part, and each version's form by its heading. */
function documentedConfiguration(): { shared: string; forms: Map<string, string> } {
  const doc = readFileSync(repoPath('docs', 'editors.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Neovim'), doc.indexOf('## Helix'));
  const blocks = [...section.matchAll(/(?:\*\*(Neovim [^*]+)\*\*[^\n]*\n(?:[^\n]+\n)*\n)?```lua\n([\s\S]*?)```/g)];
  const shared = blocks.find((b) => b[2].startsWith('-- init.lua'));
  assert.ok(shared, 'the init.lua block');
  return { shared: shared[2], forms: new Map(blocks.filter((b) => b[1] !== undefined).map((b) => [b[1], b[2]])) };
}

/** What the driver asks Neovim, and writes to OUT. */
const DRIVER = `
local plan = vim.fn.json_decode(table.concat(vim.fn.readfile(vim.env.SMTP_STATUS_PLAN), '\\n'))
local out = {}
local function diagnostics(buf)
  return vim.tbl_map(function(d)
    local lsp = d.user_data and d.user_data.lsp or {}
    return { line = d.lnum, code = d.code or lsp.code, source = d.source or lsp.source, message = d.message }
  end, vim.diagnostic.get(buf))
end
local function request(buf, method, params)
  local responses = vim.lsp.buf_request_sync(buf, method, params, 10000) or {}
  for _, response in pairs(responses) do if response.result then return response.result end end
end
local function open(file)
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  vim.wait(15000, function() return #vim.lsp.buf_get_clients(buf) > 0 and #vim.diagnostic.get(buf) > 0 end, 50)
  return buf, { filetype = vim.bo[buf].filetype, clients = #vim.lsp.buf_get_clients(buf), diagnostics = diagnostics(buf) }
end
local ok, err = pcall(function()
  local log
  log, out.log = open(plan.log)
  local hover = request(log, 'textDocument/hover', {
    textDocument = vim.lsp.util.make_text_document_params(log), position = plan.hover })
  out.hover = hover and (type(hover.contents) == 'table' and (hover.contents.value or vim.inspect(hover.contents)) or hover.contents)
  -- A line typed at the end of the log, up to the code's detail: the client sends the change.
  local last = vim.api.nvim_buf_line_count(log)
  vim.api.nvim_buf_set_lines(log, last, last, false, { plan.typed })
  local completion = request(log, 'textDocument/completion', {
    textDocument = vim.lsp.util.make_text_document_params(log), position = { line = last, character = #plan.typed } })
  local items = completion and (completion.items or completion) or {}
  out.completion = vim.tbl_map(function(item) return item.label end, items)
  local _
  _, out.python = open(plan.python)
end)
if not ok then out.error = tostring(err) end
vim.fn.writefile({ vim.fn.json_encode(out) }, vim.env.SMTP_STATUS_OUT)
vim.cmd('qa!')
`;

interface Seen {
  filetype: string;
  clients: number;
  diagnostics: { line: number; code: string; source: string; message: string }[];
}
interface Result {
  error?: string;
  log: Seen;
  hover: string;
  completion: string[];
  python: Seen;
}

describe('Neovim with the configuration of docs/editors.md', { skip }, () => {
  const workspace = editorWorkspace('neovim', ['mail.log', 'handler.py']);
  const { work, files, hover } = workspace;
  after(() => rmSync(work, { recursive: true, force: true }));
  const { shared, forms } = documentedConfiguration();

  function runNeovim(form: string): Result {
    const dir = mkdtempSync(join(work, 'run-'));
    writeFileSync(join(dir, 'init.lua'), `${shared}\n${forms.get(form)}`);
    writeFileSync(join(dir, 'driver.lua'), DRIVER);
    const plan = {
      log: join(files, 'mail.log'),
      python: join(files, 'handler.py'),
      hover,
      typed: TYPED_LINE,
    };
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
    const result = runEditor(
      workspace,
      'nvim',
      ['--headless', '-i', 'NONE', '-u', join(dir, 'init.lua'), '-c', `luafile ${join(dir, 'driver.lua')}`],
      {
        XDG_CONFIG_HOME: join(dir, 'config'),
        XDG_DATA_HOME: join(dir, 'data'),
        XDG_STATE_HOME: join(dir, 'state'),
        XDG_CACHE_HOME: join(dir, 'cache'),
        SMTP_STATUS_PLAN: join(dir, 'plan.json'),
        SMTP_STATUS_OUT: join(dir, 'out.json'),
      },
    );
    assert.equal(result.status, 0, `nvim: ${result.stderr}${result.stdout}`);
    const seen = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as Result;
    assert.equal(seen.error, undefined, seen.error);
    return seen;
  }

  const cases: [string, boolean][] = [
    ['Neovim 0.7', true],
    ['Neovim 0.8 to 0.10', atLeast(0, 8)],
    ['Neovim 0.11 and later', atLeast(0, 11)],
  ];
  for (const [form, runs] of cases) {
    test(`${form}: diagnostics, hover, completion in a mail log; a Python file's strings`, {
      skip: runs ? false : `this is Neovim ${major}.${minor}`,
    }, () => {
      assert.ok(forms.has(form), `docs/editors.md has the ${form} form`);
      const seen = runNeovim(form);

      assert.equal(seen.log.filetype, 'maillog');
      assert.equal(seen.log.clients, 1);
      assert.deepEqual([...new Set(seen.log.diagnostics.map((d) => d.code))].sort(), ['class-mismatch', 'deprecated', 'unregistered']);
      for (const d of seen.log.diagnostics) assert.equal(d.source, 'smtp-status');

      assert.match(seen.hover, /5\.1\.1/);
      assert.match(seen.hover, /Bad destination mailbox address/);

      assert.ok(seen.completion.includes('5.7.1'), JSON.stringify(seen.completion));
      assert.ok(seen.completion.length > 10);
      for (const label of seen.completion) assert.match(label, /^5\.7\.\d+$/);

      assert.equal(seen.python.filetype, 'python');
      assert.deepEqual(
        seen.python.diagnostics.map((d) => d.code),
        ['class-mismatch'],
      );
      assert.match(seen.python.diagnostics[0].message, /4\.7\.1 disagrees with reply code 554/);
    });
  }
});
