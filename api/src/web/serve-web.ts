import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Paths owned by the server; everything else under GET is the single-page web application. */
const SERVER_PATHS = /^\/(graphql|healthz|readyz|auth|ingest|xapi|api|reports)(\/|$|\?)/;

/**
 * Serves the built web application (`web/dist`) at `/`, with the SPA fallback so that a shared
 * URL such as `/territoires/70` opens the application. Source maps (`*.map`) are never served.
 */
export function serveWeb(app: NestExpressApplication, webDist: string): void {
  const index = path.join(webDist, 'index.html');
  // Source maps would hand out the application's sources: the build makes none, and none is served.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path.endsWith('.map')) res.status(404).type('text/plain').send('Not found.');
    else next();
  });
  app.useStaticAssets(webDist, { index: false, maxAge: '1h', immutable: false });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (SERVER_PATHS.test(req.path)) return next();
    if (!fs.existsSync(index)) {
      res
        .status(503)
        .type('text/plain')
        .send(`The web application is not built (${index} is missing): run "npm start" or "npm run build:web".`);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
