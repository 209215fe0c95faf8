import { fork, type ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BrowserSession } from '../../support/browser-session';
import { REPO_ROOT } from '../../support/product-process';

/**
 * The bench's dashboard client, in a process of its own: a browser does not share the server's
 * event loop, so its requests, response parsing and garbage are not charged to the server. Times
 * are taken in the client, from sending the request to the parsed answer. Requests go over one
 * kept-alive connection (as a browser's do), with node:http: `fetch` costs the client a
 * millisecond more per request, which is the client's, not the server's. The parsed body is sent
 * back to the bench only when asked for (its answer is checked once), so that carrying it between
 * the processes does not load the server's process between the timed requests either.
 */
export interface GraphqlAnswer<T> {
  elapsed: number;
  status: number;
  /** The whole body when asked for; else its errors only (`data` left out). */
  body: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

interface Request {
  id: number;
  query: string;
  variables: Record<string, unknown>;
  withData: boolean;
}

export interface GraphqlClient {
  graphql<T>(query: string, variables: Record<string, unknown>, options?: { withData?: boolean }): Promise<GraphqlAnswer<T>>;
  close(): void;
}

/** Starts the client process, signed in as `email` (rejects when the sign-in fails). */
export async function startGraphqlClient(baseUrl: string, email: string, password: string): Promise<GraphqlClient> {
  const child: ChildProcess = fork(path.join(REPO_ROOT, 'scripts/run-ts.js'), [path.relative(REPO_ROOT, __filename)], {
    env: { ...process.env, BENCH_CLIENT: JSON.stringify({ baseUrl, email, password }) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (answer: GraphqlAnswer<unknown>) => void>();
  let ready: () => void = () => undefined;
  let failed: (err: Error) => void = () => undefined;
  const started = new Promise<void>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });
  child.on('message', (m: { ready?: true; error?: string; id?: number; answer?: GraphqlAnswer<unknown> }) => {
    if (m.ready) ready();
    else if (m.error) failed(new Error(m.error));
    else if (m.id !== undefined && m.answer) pending.get(m.id)?.(m.answer);
  });
  child.on('exit', (code) => failed(new Error(`the bench's GraphQL client exited (${code})`)));
  await started;
  let next = 0;
  return {
    graphql<T>(query: string, variables: Record<string, unknown>, options: { withData?: boolean } = {}) {
      const id = next++;
      return new Promise<GraphqlAnswer<T>>((resolve) => {
        pending.set(id, (a) => {
          pending.delete(id);
          resolve(a as GraphqlAnswer<T>);
        });
        child.send({ id, query, variables, withData: options.withData ?? false } satisfies Request);
      });
    },
    close() {
      child.removeAllListeners('exit');
      child.kill();
    },
  };
}

/** The client process itself. */
async function serve(): Promise<void> {
  const { baseUrl, email, password } = JSON.parse(process.env.BENCH_CLIENT as string) as { baseUrl: string; email: string; password: string };
  const session = new BrowserSession(baseUrl);
  const login = await session.login(email, password);
  if (login.status !== 200) {
    process.send?.({ error: `sign-in failed: ${login.status} ${await login.text()}` });
    return;
  }
  const url = new URL('/graphql', baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const headers = { 'content-type': 'application/json', cookie: [...session.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': session.cookies.get('ent_csrf') ?? '' };
  const post = (body: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  process.on('message', (r: Request) => {
    const t = performance.now();
    post(JSON.stringify({ query: r.query, variables: r.variables })).then(
      ({ status, text }) => {
        const body = JSON.parse(text) as GraphqlAnswer<unknown>['body'];
        const elapsed = performance.now() - t;
        process.send?.({ id: r.id, answer: { elapsed, status, body: r.withData ? body : { errors: body.errors } } });
      },
      (err: Error) => process.send?.({ id: r.id, answer: { elapsed: performance.now() - t, status: 0, body: { errors: [{ message: err.message }] } } }),
    );
  });
  process.send?.({ ready: true });
}

if (process.env.BENCH_CLIENT && process.send) void serve();
