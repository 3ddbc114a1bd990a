// A front door for VS Code's server that also serves one extension folder, so that the browser
// sees the workbench and the extension at the same origin.
//
// Why: in the browser, an extension can only run in the web worker extension host from an http(s)
// location. Installed on VS Code's server it has a vscode-remote: location, and the worker host
// refuses to start its language server from there ("Creating workers from remote extensions is
// currently not supported"). Served from another port, the workbench's Content-Security-Policy
// (connect-src 'self' ws: wss: https:) blocks the fetch of its package.json. VS Code's server has
// no route that serves an arbitrary folder under a path (its /vscode-remote-resource takes the file
// as a query parameter, which relative URLs cannot extend). So everything goes through this
// server: requests under EXTENSION_PATH get the folder's files, everything else, WebSocket
// upgrades included, passes through to VS Code's server unchanged, Host header and all, so the
// workbench takes this address as its remote authority.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { connect } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { onFinish } from './lifetime.mjs';
import { step } from './progress.mjs';

export const EXTENSION_PATH = '/smtp-status-web-extension';

const CONTENT_TYPES = {
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.md': 'text/markdown',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * @param target VS Code's server, `{ port }` on 127.0.0.1
 * @param extensionDir the unpacked extension (the `extension/` folder of a .vsix)
 * @returns the origin to open the workbench at and the extension's URL there
 */
export async function startSameOriginServer(target, extensionDir) {
  const server = createServer((req, res) => {
    if (req.url === EXTENSION_PATH || req.url.startsWith(`${EXTENSION_PATH}/`)) {
      serveFile(extensionDir, decodeURIComponent(new URL(req.url, 'http://x').pathname.slice(EXTENSION_PATH.length)), res);
      return;
    }
    const upstream = request(
      { host: '127.0.0.1', port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('upgrade', (req, socket, head) => {
    const upstream = connect(target.port, '127.0.0.1', () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    const close = () => {
      upstream.destroy();
      socket.destroy();
    };
    upstream.on('error', close);
    socket.on('error', close);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  onFinish(`same-origin server (port ${port})`, async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const origin = `http://127.0.0.1:${port}`;
  step(`same-origin server on ${origin}: VS Code's server, and the extension at ${EXTENSION_PATH}/`);
  return { origin, extensionUrl: `${origin}${EXTENSION_PATH}` };
}

function serveFile(root, path, res) {
  const file = normalize(join(root, path));
  if (!(file === root || file.startsWith(root.endsWith(sep) ? root : root + sep)) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('Not found');
    return;
  }
  res.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
  createReadStream(file).pipe(res);
}
