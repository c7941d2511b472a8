import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';

const NOT_THE_APP = /^\/(api|health|docs|admin)(\/|$)/;

/**
 * Serves the staff web application (apps/web, built by `npm run build:web` into dist/web) at the
 * same address as the API, so one start command opens the whole product. Paths the API owns are
 * left to it; every other GET answers the single-page app, whose router takes over.
 */
export function serveWebApp(app: NestExpressApplication, dir = process.env.WEB_DIR ?? resolve(process.cwd(), 'dist/web')): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  // The API's own paths never look for a file: a stat per API request costs more than the request.
  const files = express.static(dir, { index: false, maxAge: '1h' });
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) =>
    NOT_THE_APP.test(req.path) ? next() : files(req, res, next));
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.method !== 'GET' || NOT_THE_APP.test(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
