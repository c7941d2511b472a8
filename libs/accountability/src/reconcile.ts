// Reconciling findings is the decision decider's own work (the `record-findings` command), so that the
// decision stream has one writer; the accountability rules' tests reach it here too.
export { CONDITION_FIXED, DECISION_ENDED, reconcileFindings } from '@app/delegation';
