import type { BusinessRule } from '../errors.js';
import { AMENDMENT_KEEPS_KIND_AND_DELEGATOR } from './amendment-keeps-kind-and-delegator.js';
import { AT_LEAST_ONE_POWER } from './at-least-one-power.js';
import {
  CONSULTATION_CLOSES_AFTER_DEADLINE,
  CONSULTATION_DUE_AFTER_REQUEST,
  CONSULTATION_NAMES_BODIES,
  EXAMINATION_NOT_READY_HAS_REASONS,
  OPINION_FROM_A_CONSULTED_BODY,
} from './consultation.js';
import { COUNCIL_APPROVAL_PRECEDES_ISSUANCE } from './council-approval-precedes-issuance.js';
import { COUNCIL_MAJORITY_OF_ALL_DELEGATES, COUNCIL_QUORUM } from './council-majority-of-all-delegates.js';
import { COUNCIL_VOTE_COUNTS_VALID } from './council-vote-counts-valid.js';
import { DELEGATOR_DIFFERS_FROM_DELEGATE } from './delegator-differs-from-delegate.js';
import { EFFECTIVE_NOT_BEFORE_SIGNING } from './effective-not-before-signing.js';
import { EFFECTIVE_WITHIN_PERIOD } from './effective-within-period.js';
import { EVALUATION_AGAINST_CONDITIONS } from './evaluation-against-conditions.js';
import { EVALUATION_FOLLOW_UP_MATCHES } from './evaluation-follow-up.js';
import { EVALUATION_ONCE_A_YEAR } from './evaluation-once-a-year.js';
import { EXPIRES_AFTER_PERIOD_END } from './expires-after-period-end.js';
import { LEGAL_BASIS_CITED } from './legal-basis-cited.js';
import { PERIOD_ENDS_AFTER_START } from './period-ends-after-start.js';
import { PROPOSING_BODY_ACTS_ON_ITS_PROPOSAL } from './proposing-body-acts-on-its-proposal.js';
import { REASSIGN_NAMES_A_BODY_OF_THE_DECISION, REASSIGN_TO_ANOTHER_BODY } from './reassign.js';
import { REJECTION_HAS_REASONS } from './rejection-has-reasons.js';
import { REPORT_FILED_ONCE } from './report-filed-once.js';
import { REPORT_PERIOD_FORMAT } from './report-period-format.js';
import { RESOURCES_ARE_WHOLE_NUMBERS } from './resources-are-whole-numbers.js';
import { RESOURCES_GO_WITH_DECENTRALISATION } from './resources-go-with-decentralisation.js';
import { REVISION_REQUEST_HAS_REASONS } from './revision-request-has-reasons.js';
import { UY_QUYEN_HAS_CONDITIONS } from './uy-quyen-has-conditions.js';
import { UY_QUYEN_HAS_PERIOD } from './uy-quyen-has-period.js';
import { WORKFLOW_MATCHES_KIND } from './workflow-matches-kind.js';

export * from './amendment-keeps-kind-and-delegator.js';
export * from './at-least-one-power.js';
export * from './consultation.js';
export * from './council-approval-precedes-issuance.js';
export * from './council-majority-of-all-delegates.js';
export * from './council-vote-counts-valid.js';
export * from './delegator-differs-from-delegate.js';
export * from './effective-not-before-signing.js';
export * from './effective-within-period.js';
export * from './evaluation-against-conditions.js';
export * from './evaluation-follow-up.js';
export * from './evaluation-once-a-year.js';
export * from './expires-after-period-end.js';
export * from './legal-basis-cited.js';
export * from './period-ends-after-start.js';
export * from './proposing-body-acts-on-its-proposal.js';
export * from './reassign.js';
export * from './rejection-has-reasons.js';
export * from './report-filed-once.js';
export * from './report-period-format.js';
export * from './resources-are-whole-numbers.js';
export * from './resources-go-with-decentralisation.js';
export * from './revision-request-has-reasons.js';
export * from './uy-quyen-has-conditions.js';
export * from './uy-quyen-has-period.js';
export * from './workflow-matches-kind.js';
export type { RuleViolation } from './violation.js';

/** Every named rule, e.g. for a catalogue page or for findings that cite a rule by id. */
export const RULES: readonly BusinessRule[] = [
  WORKFLOW_MATCHES_KIND,
  PROPOSING_BODY_ACTS_ON_ITS_PROPOSAL,
  DELEGATOR_DIFFERS_FROM_DELEGATE,
  AT_LEAST_ONE_POWER,
  UY_QUYEN_HAS_PERIOD,
  UY_QUYEN_HAS_CONDITIONS,
  PERIOD_ENDS_AFTER_START,
  RESOURCES_ARE_WHOLE_NUMBERS,
  RESOURCES_GO_WITH_DECENTRALISATION,
  LEGAL_BASIS_CITED,
  REVISION_REQUEST_HAS_REASONS,
  REJECTION_HAS_REASONS,
  COUNCIL_VOTE_COUNTS_VALID,
  COUNCIL_MAJORITY_OF_ALL_DELEGATES,
  COUNCIL_APPROVAL_PRECEDES_ISSUANCE,
  EFFECTIVE_NOT_BEFORE_SIGNING,
  EFFECTIVE_WITHIN_PERIOD,
  AMENDMENT_KEEPS_KIND_AND_DELEGATOR,
  EXPIRES_AFTER_PERIOD_END,
  REPORT_PERIOD_FORMAT,
  REPORT_FILED_ONCE,
  EVALUATION_ONCE_A_YEAR,
  EVALUATION_AGAINST_CONDITIONS,
  EVALUATION_FOLLOW_UP_MATCHES,
  REASSIGN_NAMES_A_BODY_OF_THE_DECISION,
  REASSIGN_TO_ANOTHER_BODY,
  COUNCIL_QUORUM,
  CONSULTATION_NAMES_BODIES,
  CONSULTATION_DUE_AFTER_REQUEST,
  OPINION_FROM_A_CONSULTED_BODY,
  CONSULTATION_CLOSES_AFTER_DEADLINE,
  EXAMINATION_NOT_READY_HAS_REASONS,
];

/** A rule by id, for code that stored only the id. */
export function findRule(id: string): BusinessRule | undefined {
  return RULES.find((r) => r.id === id);
}
