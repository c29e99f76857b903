/**
 * `npm run test:electron`: the same extension-host suite (./index.ts) in desktop VS Code,
 * downloaded by @vscode/test-electron. Needs internet access (update.code.visualstudio.com);
 * on machines without it use `npm run test:vscode` (scripts/vscode-offline/), which runs the
 * suite in the VS Code server build from the npm registry.
 *
 * Env: VSCODE_VERSION (default `stable`; e.g. `insiders` or `1.91.0`, the minimum in engines).
 * On a Linux machine without a display, run it under `xvfb-run -a`.
 */
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const repo = path.resolve(__dirname, '..', '..', '..');
  try {
    await runTests({
      version: process.env.VSCODE_VERSION || 'stable',
      extensionDevelopmentPath: repo,
      extensionTestsPath: path.join(__dirname, 'index'),
      launchArgs: [
        path.join(repo, 'test', 'vscode', 'workspace'),
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
      extensionTestsEnv: { KUBE_STATEFUL_TEST_GREP: process.env.KUBE_STATEFUL_TEST_GREP ?? '' },
    });
  } catch (e) {
    console.error(`extension tests failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}

void main();
