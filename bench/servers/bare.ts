import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Body, Controller, Get, Inject, Module, NotFoundException, Param, Post, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { FloorProposal } from './floor-proposal.dto.js';

/*
 * The floor for the HTTP figures: a bare NestJS 12 app on the same platform (Express) and in the same
 * process setup as phancap's API, doing the least a real endpoint must: a GET that runs one query by
 * primary key and returns the row as JSON, and a POST validated by a class-validator DTO of the same
 * size (ValidationPipe with phancap's options) that runs one INSERT. No authentication, no CQRS, no
 * event store: what is left is the framework, the driver and PostgreSQL.
 */

const POOL = Symbol('pg pool');

@Controller('floor')
class FloorController {
  constructor(@Inject(POOL) private readonly pool: pg.Pool) {}

  @Get(':id')
  async get(@Param('id') id: string) {
    const { rows } = await this.pool.query('SELECT * FROM decision_list WHERE id = $1', [id]);
    if (!rows[0]) throw new NotFoundException();
    return rows[0];
  }

  @Post()
  async create(@Body() body: FloorProposal) {
    const id = randomUUID();
    await this.pool.query('INSERT INTO bench_floor_proposals (id, body) VALUES ($1, $2::jsonb)', [id, JSON.stringify(body)]);
    return { decisionId: id, version: 1, stage: 'draft' };
  }
}

// The same pool size as phancap's TypeORM pool (libs/operator/src/database/data-source-options.ts).
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

@Module({ controllers: [FloorController], providers: [{ provide: POOL, useValue: pool }] })
class FloorModule {}

try {
  const app = await NestFactory.create(FloorModule, { logger: false });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: false }));
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  process.send?.({ type: 'listening', port });
  const stop = () => void app.close().then(() => pool.end()).finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
} catch (e) {
  process.send?.({ type: 'error', message: (e as Error).stack ?? String(e) });
  process.exit(1);
}
