import { describe, expect, it } from '@jest/globals';
import { EVENT_SCHEMA_VERSIONS } from './events.js';
import { upcast, UPCASTERS } from './upcasters.js';

describe('upcasters', () => {
  it('reads a stored v1 RevisionRequested JSON as v2 (reasons list)', () => {
    const stored = JSON.parse('{"round":2,"reason":"Bổ sung ý kiến của Sở Tài chính","note":"gấp"}');
    expect(upcast('RevisionRequested', 1, stored)).toEqual({
      schemaVersion: 2,
      data: { round: 2, reasons: ['Bổ sung ý kiến của Sở Tài chính'], note: 'gấp' },
    });
  });

  it('turns an empty v1 reason into an empty list rather than a blank reason', () => {
    expect(upcast('RevisionRequested', 1, { round: 1, reason: '' }).data).toEqual({ round: 1, reasons: [] });
  });

  it('reads a stored v1 EvaluationRecorded JSON as v2 (no condition results, no recommendation stated)', () => {
    const stored = JSON.parse('{"year":2025,"result":"effective","summary":"Đạt yêu cầu","recommendations":["Giữ nguyên"]}');
    expect(upcast('EvaluationRecorded', 1, stored)).toEqual({ schemaVersion: 2, data: stored });
  });

  it('leaves current data untouched', () => {
    const data = { round: 1, reasons: ['x'] };
    expect(upcast('RevisionRequested', 2, data)).toEqual({ schemaVersion: 2, data });
    expect(upcast('ProposalSubmitted', 1, {})).toEqual({ schemaVersion: 1, data: {} });
  });

  it('refuses unknown types, future schemas and missing steps', () => {
    expect(() => upcast('NoSuchEvent', 1, {})).toThrow(/Unknown event type/);
    expect(() => upcast('RevisionRequested', 3, {})).toThrow(/newer/);
    expect(() => upcast('DecisionIssued', 0, {})).toThrow(/No upcaster/);
  });

  it('has a step for every schema version below the current one', () => {
    for (const [type, current] of Object.entries(EVENT_SCHEMA_VERSIONS)) {
      for (let v = 1; v < current; v++) expect(typeof UPCASTERS[type]?.[v]).toBe('function');
    }
  });
});
