import type { StreamView, TableProjection } from '@app/event-store';
import type { BodyEvent } from '../domain/events.js';
import { bodyVersionsOf, type BodyState } from '../domain/state.js';

export type BodyStreamView = StreamView<BodyEvent, BodyState>;

/** A body's history: one row per distinct set of attributes over [valid_from, valid_to). */
export const bodyVersionsProjection: TableProjection<BodyStreamView> = {
  name: 'body_versions',
  version: 1,
  table: 'body_versions',
  key: ['body_id', 'valid_from'],
  columns: ['body_id', 'valid_from', 'valid_to', 'name_vi', 'name_en', 'level', 'type', 'parent_id', 'province_id', 'territory', 'status', 'successor_id'],
  canHandle: () => true,
  rows: ({ state, events }) =>
    state.exists
      ? bodyVersionsOf(events.map((e) => e.event)).map((v) => ({
          body_id: state.id, valid_from: v.validFrom, valid_to: v.validTo, name_vi: v.nameVi, name_en: v.nameEn, level: v.level, type: v.type,
          parent_id: v.parentId, province_id: v.provinceId, territory: v.territory, status: v.status, successor_id: v.successorId,
        }))
      : [],
};

/**
 * The current view of each body, which the checks, the access scopes and the lists read. Other
 * tables reference it (a body's parent, users, powers), so a rebuild upserts it instead of truncating,
 * and leaves the columns it does not project (the head of the body) alone.
 */
export const bodiesProjection: TableProjection<BodyStreamView> = {
  name: 'bodies',
  version: 1,
  table: 'bodies',
  key: ['id'],
  columns: ['id', 'name_vi', 'name_en', 'level', 'type', 'parent_id', 'province_id', 'territory', 'status', 'ended_on', 'successor_id'],
  canHandle: () => true,
  rebuild: 'upsert',
  rows: ({ state }) => {
    const c = state.current;
    if (!state.exists || !c) return [];
    return [{
      id: state.id, name_vi: c.nameVi, name_en: c.nameEn, level: c.level, type: c.type, parent_id: c.parentId, province_id: c.provinceId,
      territory: c.territory, status: state.status, ended_on: state.endedOn ?? null, successor_id: state.successorId ?? null,
    }];
  },
};

export const BODY_PROJECTIONS = [bodiesProjection, bodyVersionsProjection];
