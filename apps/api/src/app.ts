import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ConfigService } from '@nestjs/config';
import express from 'express';
import helmet from 'helmet';
import { AppModule, type AppOptions } from './app.module.js';
import { screenRequest } from './common/hostile-input.js';
import { hardenHttpServer } from './common/http-server.js';
import { corsOrigins } from '@app/kernel';
import * as ActionDtos from './decisions/actions.dto.js';
import { mountQueueBoard } from './admin/queue-board.js';
import { serveWebApp } from './web-app.js';

/** Builds the HTTP app (used by main.ts and by the end-to-end tests). */
export async function createApp(options: AppOptions & { logger?: false } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bodyParser: false,
    logger: options.logger === false ? false : ['log', 'warn', 'error'],
  });
  // Security headers on every response. The API docs (/docs) and the queue dashboard load their own
  // scripts, styles and data: images from the same origin, which helmet's default policy allows.
  app.use(helmet({ crossOriginEmbedderPolicy: false }));
  // CORS is closed unless CORS_ORIGINS names the browser origins allowed to call the API.
  const origins = corsOrigins(app.get(ConfigService).get<string>('CORS_ORIGINS'));
  if (origins.length) {
    app.enableCors({
      origin: origins,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Accept-Language', 'If-Match', 'Idempotency-Key', 'X-Correlation-Id'],
      exposedHeaders: ['ETag', 'Location', 'Retry-After'],
      maxAge: 600,
    });
  }
  const config = app.get(ConfigService);
  // Slow or stalled clients (an unfinished body, headers sent a byte at a time) are cut off.
  hardenHttpServer(app.getHttpServer(), {
    requestTimeoutMs: Number(config.get('REQUEST_TIMEOUT_MS') ?? 30_000),
    headersTimeoutMs: Number(config.get('HEADERS_TIMEOUT_MS') ?? 10_000),
    keepAliveTimeoutMs: Number(config.get('KEEP_ALIVE_TIMEOUT_MS') ?? 5_000),
  });
  const limit = process.env.BODY_LIMIT ?? '256kb';
  app.use(express.json({ limit, strict: true, type: ['application/json', 'application/*+json'] }));
  // NUL, lone surrogates, prototype keys and deep nesting are refused (400) before anything reads them;
  // then every string of the body is stored in NFC.
  app.use(screenRequest);
  // API answers depend on who asks (scope, allowedActions): never let a shared or browser cache
  // answer one user with another's response, even when the ETag (the stream version) matches.
  app.use('/api', (_req: express.Request, res: express.Response, next: express.NextFunction) => {
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('Vary', 'Authorization, Accept-Language');
    next();
  });
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.enableShutdownHooks();

  mountQueueBoard(app);
  serveWebApp(app);

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
