#!/usr/bin/env node
'use strict';
const path = require('path');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
let mod;
try {
  mod = require(cli);
} catch (e) {
  // A clone before its first build has no bundle: say how to make it, not a stack trace.
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes(cli)) {
    process.stderr.write(
      `kube-stateful: ${cli} is missing. In a clone of the repository, build it first: npm ci && npm run build\n`,
    );
    process.exit(2);
  }
  throw e;
}
mod.main();
