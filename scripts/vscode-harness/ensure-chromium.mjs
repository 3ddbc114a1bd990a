#!/usr/bin/env node
// Installs Chromium with apt-get when it is missing (or checks CHROMIUM_PATH), for
// `npm run test:browser`: `npm test` skips the Web Worker tests on a machine without it.
import { ensureChromium } from './tools.mjs';

ensureChromium();
