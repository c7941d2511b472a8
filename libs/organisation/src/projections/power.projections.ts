import type { StreamView, TableProjection } from '@app/event-store';
import type { PowerEvent } from '../domain/power-events.js';
import { powerVersionsOf, type PowerState } from '../domain/power-state.js';

export type PowerStreamView = StreamView<PowerEvent, PowerState>;

/** A power's versions, one per event of its stream, each over [valid_from, valid_to). */
export const powerVersionsProjection: TableProjection<PowerStreamView> = {
  name: 'power_versions',
  version: 1,
  table: 'power_versions',
  key: ['power_id', 'version'],
  columns: ['power_id', 'version', 'valid_from', 'valid_to', 'code', 'title_vi', 'title_en', 'sector', 'legal_holder_body_id', 'legal_source', 'delegable', 'procedure_codes', 'retired'],
  canHandle: () => true,
  rows: ({ state, events }) =>
    state.exists
      ? powerVersionsOf(events.map((e) => e.event)).map((v) => ({
          power_id: state.id, version: v.version, valid_from: v.validFrom, valid_to: v.validTo, code: v.code, title_vi: v.titleVi, title_en: v.titleEn,
          sector: v.sector, legal_holder_body_id: v.legalHolderBodyId, legal_source: v.legalSource, delegable: v.delegable,
          procedure_codes: v.procedureCodes, retired: v.retired,
        }))
      : [],
};

/** The catalogue as it is now: what proposals, the checks and the registry read. */
export const powersProjection: TableProjection<PowerStreamView> = {
  name: 'powers',
  version: 1,
  table: 'powers',
  key: ['id'],
  columns: ['id', 'code', 'title_vi', 'title_en', 'sector', 'legal_holder_body_id', 'legal_source', 'delegable', 'procedure_codes', 'version', 'retired'],
  canHandle: () => true,
  rows: ({ state }) => {
    const c = state.current;
    if (!state.exists || !c) return [];
    return [{
      id: state.id, code: c.code, title_vi: c.titleVi, title_en: c.titleEn, sector: c.sector, legal_holder_body_id: c.legalHolderBodyId,
      legal_source: c.legalSource, delegable: c.delegable, procedure_codes: c.procedureCodes, version: state.version, retired: state.retired,
    }];
  },
};

export const POWER_PROJECTIONS = [powersProjection, powerVersionsProjection];
