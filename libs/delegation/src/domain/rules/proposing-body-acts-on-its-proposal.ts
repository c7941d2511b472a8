import type { CommandType } from '../commands.js';
import type { BusinessRule, Refusal } from '../errors.js';
import type { DecisionState } from '../state.js';
import type { Actor } from '../types.js';

/**
 * The commands by which a body works on its own proposal: edit the draft, consult on it and record the
 * answers (v2), submit it, answer a revision, withdraw it. Closing a consultation past its due date is
 * not among them: the worker (system) runs it.
 */
export const PROPOSAL_OWNER_COMMANDS: readonly CommandType[] = ['update-draft', 'request-consultation', 'record-opinion', 'submit', 'resubmit', 'withdraw'];

/**
 * A proposal is the proposing body's document: it drafts it, answers the Sở Nội vụ's revision requests
 * and may withdraw it. The receiving body (the delegate), whose proposers see the proposal too, may read
 * it but not act on it in the proposer's place.
 */
export const PROPOSING_BODY_ACTS_ON_ITS_PROPOSAL: BusinessRule = {
  id: 'proposing-body-acts-on-its-proposal',
  version: 2,
  source: 'Kế hoạch thực hiện Nghị quyết 04/NQ-CP (seed 001), phần III.1–2: cơ quan, đơn vị đề xuất nội dung phân cấp và chịu trách nhiệm về đề xuất của mình',
  message: {
    vi: 'Chỉ cơ quan đề xuất được sửa, lấy ý kiến, gửi, gửi lại hoặc rút đề xuất của mình; cơ quan nhận phân cấp, ủy quyền chỉ được xem.',
    en: 'Only the proposing body may edit, consult on, submit, resubmit or withdraw its proposal; the receiving body may only read it.',
  },
};

/** The refusal (403, naming the rule) when `actor` is not of the body that proposed the decision. */
export function checkProposingBodyActs(type: CommandType, actor: Pick<Actor, 'bodyId'>, state: DecisionState): Refusal | undefined {
  if (!PROPOSAL_OWNER_COMMANDS.includes(type) || actor.bodyId === state.proposerBodyId) return undefined;
  return {
    kind: 'body-not-allowed',
    command: type,
    stage: state.stage,
    bodyId: actor.bodyId,
    allowedBodyIds: [state.proposerBodyId],
    rule: PROPOSING_BODY_ACTS_ON_ITS_PROPOSAL,
  };
}
