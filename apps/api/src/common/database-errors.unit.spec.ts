import { describe, expect, it } from '@jest/globals';
import { isDatabaseUnavailable } from './database-errors.js';

const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', coded('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', coded('ECONNRESET')],
    ['an admin shutdown (pg_terminate_backend)', coded('57P01', 'terminating connection due to administrator command')],
    ['a server starting up', coded('57P03', 'the database system is starting up')],
    ['a connection exception (08006)', coded('08006')],
    ['too many connections', coded('53300')],
    ['the pool timing out', new Error('timeout exceeded when trying to connect')],
    ['a connection that died', new Error('Connection terminated unexpectedly')],
    ['TypeORM without a connection', Object.assign(new Error('x'), { name: 'ConnectionIsNotSetError' })],
    ['a released query runner', Object.assign(new Error('x'), { name: 'QueryRunnerAlreadyReleasedError' })],
    ['wrapped by TypeORM', Object.assign(new Error('Query failed'), { name: 'QueryFailedError', driverError: coded('57P01') })],
    ['one address of many refused', Object.assign(new AggregateError([coded('ECONNREFUSED')], ''), {})],
    ['as the cause', new Error('outer', { cause: coded('ECONNREFUSED') })],
  ])('%s → true', (_name, e) => expect(isDatabaseUnavailable(e)).toBe(true));

  it.each([
    ['a unique violation', coded('23505', 'duplicate key value violates unique constraint')],
    ['a serialization failure', coded('40001')],
    ['a bad value', coded('22P02', 'invalid input syntax for type uuid')],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['not an error', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('%s → false', (_name, e) => expect(isDatabaseUnavailable(e)).toBe(false));

  it('survives an error that wraps itself', () => {
    const e: Error & { cause?: unknown } = new Error('loop');
    e.cause = e;
    expect(isDatabaseUnavailable(e)).toBe(false);
  });
});
