// A Git host for the local cluster: this repository's work tree, committed into a throw-away bare
// repository on every branch the environments follow, served over HTTPS by `git http-backend` at
// the address and path of the environment's `git.repoURL`. Pods resolve the real host name to
// this server and trust the run's CA, so Alloy's import.git and Argo CD read the change you are
// trying, not the one on the remote.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { snapshotWorkTree } from '../../lib/git/snapshot';
import { join } from 'node:path';

export interface GitServer {
  readonly host: string;
  readonly url: string;
  close(): Promise<void>;
  /** Commits the work tree again and moves every branch to it (a `git push` in the local world). */
  publish(): string;
}

function git(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  return execFileSync('git', args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] }).toString().trim();
}

export async function startGitServer(opts: {
  repoRoot: string;
  stateDir: string;
  repoURL: string;
  branches: readonly string[];
  listen: { ip: string; port: number };
  tls: { cert: string; key: string };
  log(line: string): void;
}): Promise<GitServer> {
  const url = new URL(opts.repoURL);
  const bare = join(opts.stateDir, 'git', 'repo.git');
  git(['init', '--quiet', '--bare', bare]);
  git(['config', 'http.receivepack', 'false'], { cwd: bare });
  const publish = () => {
    const commit = snapshotWorkTree(opts.repoRoot, join(opts.stateDir, 'git', 'index'));
    git(['fetch', '--quiet', opts.repoRoot, commit], { cwd: bare });
    for (const b of opts.branches) git(['update-ref', `refs/heads/${b}`, commit], { cwd: bare });
    git(['symbolic-ref', 'HEAD', `refs/heads/${opts.branches[0] ?? 'main'}`], { cwd: bare });
    return commit;
  };
  publish();
  const repoPath = url.pathname.replace(/\/+$/, '');
  const server: Server = createServer({ cert: readFileSync(opts.tls.cert), key: readFileSync(opts.tls.key) }, (req, res) => {
    const reqUrl = new URL(req.url ?? '/', `https://${url.host}`);
    const path = reqUrl.pathname;
    const withGit = repoPath.endsWith('.git') ? repoPath : `${repoPath}.git`;
    const bareName = withGit.replace(/\.git$/, '');
    const prefix = [withGit, bareName].find((p) => path === p || path.startsWith(`${p}/`));
    if (!prefix) {
      res.writeHead(404).end(`no repository at ${path}\n`);
      return;
    }
    // CGI, as a web server would run it.
    const cgi = spawn('git', ['http-backend'], {
      env: {
        ...process.env,
        GIT_PROJECT_ROOT: join(opts.stateDir, 'git'),
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: `/repo.git${path.slice(prefix.length)}`,
        REQUEST_METHOD: req.method ?? 'GET',
        QUERY_STRING: reqUrl.search.replace(/^\?/, ''),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        REMOTE_ADDR: req.socket.remoteAddress ?? '',
        HTTP_CONTENT_ENCODING: String(req.headers['content-encoding'] ?? ''),
        GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    req.pipe(cgi.stdin);
    let head = Buffer.alloc(0);
    let headerDone = false;
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (headerDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      headerDone = true;
      let status = 200;
      for (const line of head.subarray(0, end).toString().split('\r\n')) {
        const i = line.indexOf(':');
        const k = line.slice(0, i).trim();
        const v = line.slice(i + 1).trim();
        if (k.toLowerCase() === 'status') status = Number(v.split(' ')[0]);
        else res.setHeader(k, v);
      }
      res.writeHead(status);
      res.write(head.subarray(end + 4));
    });
    cgi.stdout.on('end', () => res.end());
    cgi.on('error', () => res.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(new Error(e.code === 'EADDRINUSE' ? `port ${opts.listen.ip}:${opts.listen.port}, which the local Git server needs, is already taken; stop what listens there` : `local Git server: ${e.message}`)),
    );
    server.listen(opts.listen.port, opts.listen.ip, () => resolve());
  });
  opts.log(`Git server for ${opts.repoURL} (branches ${opts.branches.join(', ')}) on ${opts.listen.ip}:${opts.listen.port}`);
  return {
    host: url.hostname,
    url: opts.repoURL,
    publish,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
