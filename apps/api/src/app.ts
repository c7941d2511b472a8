import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { AppModule, type AppOptions } from './app.module.js';
import { normalizeNfc } from './common/validation.js';
import * as ActionDtos from './decisions/actions.dto.js';
import { mountQueueBoard } from './admin/queue-board.js';

/** Builds the HTTP app (used by main.ts and by the end-to-end tests). */
export async function createApp(options: AppOptions & { logger?: false } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bodyParser: false,
    logger: options.logger === false ? false : ['log', 'warn', 'error'],
  });
  const limit = process.env.BODY_LIMIT ?? '256kb';
  app.use(express.json({ limit, strict: true, type: ['application/json', 'application/*+json'] }));
  // Vietnamese typed on some systems arrives decomposed (NFD); everything is stored composed (NFC).
  app.use((req: express.Request, _res: express.Response, next: express.NextFunction) => {
    if (req.body) req.body = normalizeNfc(req.body);
    next();
  });
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.enableShutdownHooks();

  mountQueueBoard(app);

  const doc = new DocumentBuilder()
    .setTitle('phancap API')
    .setDescription(
      'Phân cấp, ủy quyền: event-sourced delegation decisions. Errors are RFC 9457 problem documents ' +
        '(application/problem+json) with Vietnamese and English texts; Accept-Language: en picks English.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, doc, { extraModels: Object.values(ActionDtos) });
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
