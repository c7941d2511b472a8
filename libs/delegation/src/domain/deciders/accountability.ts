import type { FileReport, RecordEvaluation } from '../commands.js';
import { type DecisionResult, ok, refuse } from '../outcome.js';
import { checkEvaluatedConditions, checkEvaluationOnceAYear, checkReportFiledOnce, checkReportPeriodFormat } from '../rules/index.js';
import type { DecisionState } from '../state.js';

/** The delegate reports on a quarter of implementation; each quarter once. */
export function fileReport(cmd: FileReport, state: DecisionState): DecisionResult {
  const { period, summary, documents } = cmd.data;
  const v = checkReportPeriodFormat(period) ?? checkReportFiledOnce(state, period);
  if (v) return refuse(v);
  return ok({ type: 'ImplementationReportFiled', data: { period, summary, documents: documents ?? [] } });
}

/** Sở Nội vụ records the yearly evaluation; each year once. */
export function recordEvaluation(cmd: RecordEvaluation, state: DecisionState): DecisionResult {
  const { year, result, summary, recommendations, conditionResults, resourcesUsed, problems, recommendation } = cmd.data;
  const v = checkEvaluationOnceAYear(state, year) ?? checkEvaluatedConditions(state, conditionResults);
  if (v) return refuse(v);
  return ok({
    type: 'EvaluationRecorded',
    data: {
      year, result, summary, ...(recommendations !== undefined && { recommendations }),
      ...(conditionResults !== undefined && { conditionResults }), ...(resourcesUsed !== undefined && { resourcesUsed }),
      ...(problems !== undefined && { problems }), ...(recommendation !== undefined && { recommendation }),
    },
  });
}
