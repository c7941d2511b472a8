import { describe, expect, it } from '@jest/globals';
import { listWorkflows } from './registry.js';
import { mergedStageOrder } from './stage-order.js';

describe('mergedStageOrder', () => {
  it('keeps each workflow\'s order: legal appraisal before appraised, expired after revoked', () => {
    const order = mergedStageOrder(listWorkflows());
    expect(order).toEqual([
      'draft', 'in-consultation', 'consulted', 'submitted', 'in-appraisal', 'revision-requested', 'legal-appraisal', 'appraised', 'in-examination', 'awaiting-council', 'approved',
      'issued', 'rejected', 'withdrawn', 'revoked', 'expired',
    ]);
    for (const w of listWorkflows()) {
      const own = Object.keys(w.stages);
      expect(order.filter((s) => own.includes(s))).toEqual(own);
    }
  });

  it('puts a stage only one workflow has right after its predecessor there', () => {
    expect(mergedStageOrder([{ stages: { a: {}, c: {} } }, { stages: { a: {}, b: {}, c: {} } }] as never)).toEqual(['a', 'b', 'c']);
    expect(mergedStageOrder([{ stages: { b: {} } }, { stages: { a: {}, b: {} } }] as never)).toEqual(['a', 'b']);
  });
});
