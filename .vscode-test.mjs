// @vscode/test-cli configuration: the extension-test suite of `npm run test:vscode`, run in a
// desktop VS Code that test-cli downloads (only where its download host can be reached; this
// project's machines use the VS Code server instead, see docs/testing.md).
//
//   npm run test:vscode -- --build-only              # builds the suite into out/vscode-test/
//   npm run compile                                   # dist/client.js, dist/server.js
//   npx --yes --package @vscode/test-cli vscode-test  # (xvfb-run -a ... without a display)
export default {
  label: 'extension',
  files: 'out/vscode-test/suite/*.vscode-test.js',
  workspaceFolder: './test/fixtures/e2e',
  // The suite is written with describe/it.
  mocha: { ui: 'bdd', timeout: 30_000 },
  launchArgs: ['--disable-extensions'],
};
