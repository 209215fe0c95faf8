import type { NextFunction, Request, Response } from 'express';

/** Deepest nesting of arrays and objects a JSON body may have; GraphQL inputs need far less. */
export const MAX_JSON_DEPTH = 32;

/** Depth of nested arrays and objects, measured without recursion (the body may be 5,000 deep). */
export function jsonDepthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Refuses a parsed JSON body nested deeper than MAX_JSON_DEPTH with a 400 (a GraphQL error on
 * /graphql), before anything walks it: validation, the audit log and GraphQL all recurse.
 */
export function refuseDeepJson(req: Request, res: Response, next: NextFunction): void {
  if (!jsonDepthExceeds(req.body, MAX_JSON_DEPTH)) return next();
  const message = `The request body is nested too deeply: at most ${MAX_JSON_DEPTH} levels of arrays and objects.`;
  res.status(400);
  if (req.path === '/graphql') res.json({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] });
  else res.json({ error: 'BAD_USER_INPUT', message });
}
