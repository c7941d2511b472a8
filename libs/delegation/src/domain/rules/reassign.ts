import type { BusinessRule } from '../errors.js';
import type { ProposalContent } from '../types.js';
import { type RuleViolation, violation } from './violation.js';

const SOURCE = 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 51 và 54 (sắp xếp tổ chức, chuyển tiếp)';

/** A re-assignment moves the delegation away from a body the decision names. */
export const REASSIGN_NAMES_A_BODY_OF_THE_DECISION: BusinessRule = {
  id: 'reassign-names-a-body-of-the-decision',
  version: 1,
  source: SOURCE,
  message: {
    vi: 'Cơ quan cần giao lại phải là cơ quan giao hoặc cơ quan nhận phân cấp, ủy quyền trong quyết định.',
    en: 'The body to re-assign from must be the delegator or the delegate of the decision.',
  },
};

/** A re-assignment goes to another body: to the same one nothing would move. */
export const REASSIGN_TO_ANOTHER_BODY: BusinessRule = {
  id: 'reassign-to-another-body',
  version: 1,
  source: SOURCE,
  message: {
    vi: 'Cơ quan kế thừa phải khác cơ quan cần giao lại.',
    en: 'The successor body must differ from the body re-assigned from.',
  },
};

export function checkReassignNamesABodyOfTheDecision(c: ProposalContent, fromBodyId: string): RuleViolation | undefined {
  if (c.delegateBodyId === fromBodyId || c.delegatorBodyId === fromBodyId) return undefined;
  return violation(REASSIGN_NAMES_A_BODY_OF_THE_DECISION, 'fromBodyId');
}

export function checkReassignToAnotherBody(fromBodyId: string, toBodyId: string): RuleViolation | undefined {
  return fromBodyId === toBodyId ? violation(REASSIGN_TO_ANOTHER_BODY, 'toBodyId') : undefined;
}
