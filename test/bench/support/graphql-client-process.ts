import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BrowserSession } from '../../support/browser-session';
import { REPO_ROOT } from '../../support/product-process';

/**
 * The bench's dashboard client, in a process of its own: a browser does not share the server's
 * event loop, so its requests, response parsing and garbage are not charged to the server. Times
 * are taken in the client, from sending the request to the parsed answer.
 */
export interface GraphqlAnswer<T> {
  elapsed: number;
  status: number;
  body: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

interface Request {
  id: number;
  query: string;
  variables: Record<string, unknown>;
}

export interface GraphqlClient {
  graphql<T>(query: string, variables: Record<string, unknown>): Promise<GraphqlAnswer<T>>;
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
    graphql<T>(query: string, variables: Record<string, unknown>) {
      const id = next++;
      return new Promise<GraphqlAnswer<T>>((resolve) => {
        pending.set(id, (a) => {
          pending.delete(id);
          resolve(a as GraphqlAnswer<T>);
        });
        child.send({ id, query, variables } satisfies Request);
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
  process.on('message', (r: Request) => {
    const t = performance.now();
    session.graphql(r.query, r.variables).then(
      (res) => process.send?.({ id: r.id, answer: { elapsed: performance.now() - t, status: res.status, body: res.body } }),
      (err: Error) => process.send?.({ id: r.id, answer: { elapsed: performance.now() - t, status: 0, body: { errors: [{ message: err.message }] } } }),
    );
  });
  process.send?.({ ready: true });
}

if (process.env.BENCH_CLIENT && process.send) void serve();
