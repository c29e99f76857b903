// Placeholder: the VS Code client is built in its own change.
export function activate(): void {}
export function deactivate(): void {}
