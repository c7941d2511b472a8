import type { Decided, DomainEvent, EventMeta } from './decider.js';
import { ConcurrencyConflictError, ExpectedVersionMismatchError, SequenceClaimLostError, WrongExpectedVersionError } from './errors.js';
import type { EventStore } from './event-store.js';
import { rowWrites, type RowWrite, type TableProjection } from './projections/table-projection.js';
import type { CommandRef, EventMetadata, Intent, SequenceClaim, StoredEvent } from './types.js';

/** One event of a folded stream, with the state it left the stream in. */
export interface FoldedEvent<E, S> {
  event: E;
  meta: EventMeta;
  state: S;
}

/** A stream as folded: its state, its version and its events (with their metadata and states). */
export interface StreamView<E, S> {
  streamId: string;
  version: number;
  state: S;
  events: ReadonlyArray<FoldedEvent<E, S>>;
}

/**
 * Everything the pipeline needs to know about one kind of stream: how to fold it, how its events are
 * stored, and its inline read models (with the reference data they read, loaded before the
 * transaction begins: nothing inside an append transaction waits on anything else).
 */
export interface StreamSpec<E extends DomainEvent, S, Ctx = void> {
  streamType: string;
  initialState: (streamId: string) => S;
  evolve: (state: S, event: E, meta: EventMeta) => S;
  schemaVersion: (type: E['type']) => number;
  projections?: ReadonlyArray<TableProjection<StreamView<E, S>, Ctx>>;
  context?: (view: StreamView<E, S>) => Ctx | Promise<Ctx>;
  /** The work the new events ask for (pure): recorded with them, carried out by the dispatcher. */
  intents?: (before: StreamView<E, S>, after: StreamView<E, S>, added: E[], ctx: Ctx) => Intent[];
}

export interface CommandEnvelope<C, S> {
  streamId: string;
  command: C;
  /** The version the client saw (If-Match): a stream at another version answers 412, never retried. */
  expectedVersion?: number;
  /** The client's idempotency key: a repeat answers with the first result and writes nothing. */
  commandId?: string;
  /** For the idempotency ledger: the command's type and a hash of its payload. */
  commandType: string;
  payloadHash: string;
  metadata: EventMetadata;
  /**
   * The stream is new by construction (a fresh random id): decide on the empty state without reading
   * it first. Should it exist after all, the append fails on its version and the stream is read.
   */
  assumeNew?: boolean;
  /**
   * Runs on the loaded state before deciding (may look things up; nothing is open yet): throws to stop,
   * e.g. when the caller may not see the stream.
   */
  authorize?: (state: S) => Promise<void> | void;
  /** What the command answers (stored with a keyed command, so that a repeat answers the same). */
  result?: (state: S, version: number) => unknown;
  /**
   * Runs before each decision (after authorize; may look things up): completes the command with what
   * only the database knows at that moment, e.g. the next number of a gap-free sequence, which the
   * append then claims. A claim lost to another append runs it again, with the number after.
   */
  prepare?: (command: C, state: S) => Promise<{ command: C; claim?: SequenceClaim }>;
}

export type CommandOutcome<S, R> =
  | { ok: true; streamId: string; version: number; state: S; events: StoredEvent[]; duplicate: boolean; result: unknown }
  | { ok: false; refusal: R };

const MAX_ATTEMPTS = 5;
/** Numbers of a sequence lost in a row to other appends (each loss means another append went through). */
const MAX_CLAIMS = 200;

/**
 * The one command path of every context: load (cached), fold, decide, append at the version it
 * decided on, with the rows the inline projections change written by the same statement (one round
 * trip, no transaction held open); on a lost race, load again and decide again — unless the client
 * named the version it expected.
 */
export class CommandPipeline<E extends DomainEvent, S, Ctx = void> {
  private readonly cache = new Map<string, StreamView<E, S>>();

  constructor(
    readonly store: EventStore,
    readonly spec: StreamSpec<E, S, Ctx>,
    private readonly options: { cacheSize?: number; toEvent?: (e: StoredEvent) => E } = {},
  ) {}

  /**
   * The stream at its head: one query for what was appended since the cached view (none, mostly), so
   * a long stream is not read and folded again for every command. Events never change, so a cached
   * prefix is always right.
   */
  async load(streamId: string): Promise<StreamView<E, S>> {
    const cached = this.cache.get(streamId);
    const newer = await this.store.readStream(streamId, cached ? { fromVersion: cached.version + 1 } : {});
    const view = newer.length || !cached ? this.extend(cached ?? this.empty(streamId), newer) : cached;
    if (view.version > 0) this.remember(view);
    return view;
  }

  /** The stream as it was at a version or an instant (events with occurredAt ≤ it, in version order). */
  async loadAsOf(streamId: string, asOf: { toVersion?: number; toInstant?: string }): Promise<StreamView<E, S>> {
    return this.asOf(await this.load(streamId), asOf);
  }

  /** A view folded again up to a version or an instant; no I/O. */
  asOf(head: StreamView<E, S>, asOf: { toVersion?: number; toInstant?: string }): StreamView<E, S> {
    const { streamId } = head;
    if (asOf.toVersion === undefined && asOf.toInstant === undefined) return head;
    const until = asOf.toInstant === undefined ? undefined : Date.parse(asOf.toInstant);
    const kept = head.events.filter((e) => (asOf.toVersion === undefined || e.meta.version <= asOf.toVersion)
      && (until === undefined || Date.parse(e.meta.occurredAt) <= until));
    return this.fold(streamId, kept);
  }

  async handle<C, R>(decide: (command: C, state: S) => Decided<E, R>, env: CommandEnvelope<C, S>): Promise<CommandOutcome<S, R>> {
    const ref: CommandRef | undefined = env.commandId ? { id: env.commandId, type: env.commandType, payloadHash: env.payloadHash } : undefined;
    if (ref) {
      const first = await this.store.findProcessedCommand(ref, env.streamId);
      if (first) return this.repeated(env.streamId, first.toVersion, first.events, first.result);
    }
    let lostClaims = 0;
    for (let attempt = 1; ; attempt++) {
      const view = attempt === 1 && env.assumeNew ? this.empty(env.streamId) : await this.load(env.streamId);
      if (env.expectedVersion !== undefined && view.version !== env.expectedVersion) {
        throw new ExpectedVersionMismatchError(env.streamId, env.expectedVersion, view.version);
      }
      if (env.authorize && view.version > 0) await env.authorize(view.state);
      const prepared = env.prepare ? await env.prepare(env.command, view.state) : { command: env.command };
      const decided = decide(prepared.command, view.state);
      if (!decided.ok) return decided;
      if (decided.events.length === 0) {
        return { ok: true, streamId: env.streamId, version: view.version, state: view.state, events: [], duplicate: false, result: env.result?.(view.state, view.version) ?? null };
      }
      const after = this.extend(view, decided.events.map((event, i) => ({ event, meta: { version: view.version + i + 1, occurredAt: env.metadata.occurredAt } })));
      const ctx = await this.context(after);
      try {
        const appended = await this.store.append({
          streamId: env.streamId,
          streamType: this.spec.streamType,
          expectedVersion: view.version,
          events: decided.events.map((e) => ({ type: e.type, schemaVersion: this.spec.schemaVersion(e.type), data: e.data })),
          metadata: env.metadata,
          command: ref,
          result: env.result?.(after.state, after.version),
          writes: this.writes(view, after, decided.events, ctx),
          intents: this.spec.intents?.(view, after, decided.events, ctx),
          claim: prepared.claim,
        });
        if (appended.duplicate) return this.repeated(env.streamId, appended.toVersion, appended.events, appended.result);
        this.remember(after);
        return { ok: true, streamId: env.streamId, version: after.version, state: after.state, events: appended.events, duplicate: false, result: appended.result };
      } catch (e) {
        if (e instanceof SequenceClaimLostError) {
          // The stream did not change (no attempt is spent, a new stream stays unread): take the next number.
          if (++lostClaims >= MAX_CLAIMS) throw new ConcurrencyConflictError(env.streamId, attempt + lostClaims);
          attempt--;
          continue;
        }
        if (!(e instanceof WrongExpectedVersionError)) throw e;
        this.cache.delete(env.streamId);
        if (env.expectedVersion !== undefined) throw new ExpectedVersionMismatchError(env.streamId, env.expectedVersion, e.actualVersion);
        if (attempt >= MAX_ATTEMPTS) throw new ConcurrencyConflictError(env.streamId, attempt);
      }
    }
  }

  /** The rows every inline projection holds for a view (e.g. to rebuild or compare a table). */
  async rowsOf(view: StreamView<E, S>): Promise<Map<TableProjection<StreamView<E, S>, Ctx>, ReturnType<TableProjection<StreamView<E, S>, Ctx>['rows']>>> {
    const ctx = await this.context(view);
    return new Map((this.spec.projections ?? []).map((p) => [p, p.rows(view, ctx)]));
  }

  fold(streamId: string, events: ReadonlyArray<{ event: E; meta: EventMeta }>): StreamView<E, S> {
    return this.extend(this.empty(streamId), events);
  }

  toEvent(e: StoredEvent): { event: E; meta: EventMeta } {
    const event = this.options.toEvent ? this.options.toEvent(e) : ({ type: e.type, data: e.data } as E);
    return { event, meta: { version: e.streamVersion, occurredAt: e.occurredAt } };
  }

  forget(streamId?: string): void {
    if (streamId === undefined) this.cache.clear();
    else this.cache.delete(streamId);
  }

  /** The rows each inline projection changes, to be written by the append's own statement. */
  private writes(before: StreamView<E, S>, after: StreamView<E, S>, added: E[], ctx: Ctx): RowWrite[] {
    return (this.spec.projections ?? [])
      .filter((p) => added.some((e) => p.canHandle(e.type)))
      .flatMap((p) => rowWrites(p, before.version === 0 ? [] : p.rows(before, ctx), p.rows(after, ctx)));
  }

  private async context(view: StreamView<E, S>): Promise<Ctx> {
    return (this.spec.context ? await this.spec.context(view) : undefined) as Ctx;
  }

  private async repeated(streamId: string, version: number, events: StoredEvent[], result: unknown): Promise<CommandOutcome<S, never>> {
    const head = await this.load(streamId);
    return { ok: true, streamId, version, state: head.state, events, duplicate: true, result };
  }

  private empty(streamId: string): StreamView<E, S> {
    return { streamId, version: 0, state: this.spec.initialState(streamId), events: [] };
  }

  private extend(view: StreamView<E, S>, added: ReadonlyArray<StoredEvent | { event: E; meta: EventMeta }>): StreamView<E, S> {
    let { state, version } = view;
    const events = [...view.events];
    for (const a of added) {
      const { event, meta } = 'event' in a ? a : this.toEvent(a);
      state = this.spec.evolve(state, event, meta);
      version = meta.version;
      events.push({ event, meta, state });
    }
    return { streamId: view.streamId, version, state, events };
  }

  private remember(view: StreamView<E, S>): void {
    this.cache.delete(view.streamId);
    this.cache.set(view.streamId, view);
    const max = this.options.cacheSize ?? 2000;
    while (this.cache.size > max) this.cache.delete(this.cache.keys().next().value as string);
  }
}
