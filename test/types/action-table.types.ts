// Compile-time checks of the typed edge (apps/api/src/decisions/action-table.ts), run by `npm run
// typecheck`: each `@ts-expect-error` below fails the typecheck if the mistake it marks ever compiles.
import type { Command, CommandType } from '@app/delegation';
import * as A from '../../apps/api/src/decisions/actions.dto.js';

type DataOf<K extends CommandType> = Extract<Command, { type: K }>['data'];
type Action<K extends CommandType> = { request: new () => object; toCommand: (body: never) => DataOf<K>; summary: string };
const action = <B extends object, D>(request: new () => B, toCommand: (body: B) => D) => ({ request, toCommand, summary: '' });

export const drifts = {
  // A body field of the wrong type for its command does not compile.
  // @ts-expect-error opinion must be 'favourable' | 'unfavourable'
  appraise: action(A.AppraiseRequest, (b) => ({ ...b, opinion: 'maybe' as const })) satisfies Action<'appraise'>,
  // A command missing a field its data requires does not compile.
  // @ts-expect-error reasons are required by request-revision
  revision: action(A.EmptyRequest, () => ({})) satisfies Action<'request-revision'>,
  // A DTO whose field drifts from the command's (a number where the command takes a string) does not compile.
  // @ts-expect-error documentNumber is a string
  issue: action(A.IssueRequest, (b) => ({ ...b, documentNumber: 12 })) satisfies Action<'issue'>,
  // The right ones do.
  ok: action(A.IssueRequest, (b) => ({ ...b })) satisfies Action<'issue'>,
};
