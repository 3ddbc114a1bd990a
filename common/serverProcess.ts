/**
 * Node's options for the language server's process, as the VS Code client starts it (and the
 * tests and the benchmark, which measure that path). `--expose-gc` lets the server hand back, once
 * it is idle, the memory that reading a large document left behind (`server/src/lsp/openDocuments.ts`).
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--expose-gc'];
