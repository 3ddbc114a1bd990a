// User settings seeded into a fresh VS Code, so that it starts as a quiet, plain editor: no
// welcome page, trust prompt, tips, update checks, gallery queries or AI panels that would cover
// the editor in screenshots or reach for the network.
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'git.enabled': false,
  'editor.minimap.enabled': false,
};

/** How a person reads mail logs: long lines wrapped, but never inside a code (5.1.1) or an address. */
export const LOG_READING_SETTINGS = {
  'editor.wordWrap': 'on',
  'editor.wordWrapBreakAfterCharacters': ' \t})]?|&,;',
};
