import type { FileRule } from '../types';

export const fileTooLarge: FileRule = {
  code: 'file-too-large',
  severity: 'information',
  title: 'File too large to analyse',
  source: 'kube-stateful setting `kubeStateful.maxFileSize`',
  docs: `The file is larger than \`kubeStateful.maxFileSize\` (2 MiB by default), so kube-stateful does not
parse or check it, to keep the editor responsive. Nothing in it is indexed.

**Fix:** raise \`kubeStateful.maxFileSize\` if the file really holds manifests you want checked, or add it
to \`kubeStateful.exclude\`.`,
  checkFile(file, report) {
    if (!file.tooLarge || !file.docs[0]) return;
    const doc = file.docs[0];
    const size =
      file.text.length >= 1024 * 1024
        ? `${(file.text.length / 1024 / 1024).toFixed(1)} MiB`
        : `${Math.ceil(file.text.length / 1024)} KiB`;
    report(
      doc,
      0,
      doc.text.length,
      `File not analysed: ${size} is over the kube-stateful size cap (kubeStateful.maxFileSize). Raise the setting to check this file.`,
    );
  },
};
