import type { WorkflowDefinition } from './definition.js';

/**
 * The stages of several workflows in one order that keeps each workflow's own order: a stage one
 * workflow has and another lacks goes right after the stage before it in its own workflow (so the
 * phân cấp's "Thẩm định pháp lý" comes before "Đã thẩm định", and the ủy quyền's "Hết hiệu lực" after
 * "Đã thu hồi"). A board's columns and a chart's bars follow it.
 */
export function mergedStageOrder(workflows: ReadonlyArray<Pick<WorkflowDefinition, 'stages'>>): string[] {
  const order: string[] = [];
  for (const w of workflows) {
    let previous: string | undefined;
    for (const stage of Object.keys(w.stages)) {
      if (!order.includes(stage)) order.splice(previous === undefined ? 0 : order.indexOf(previous) + 1, 0, stage);
      previous = stage;
    }
  }
  return order;
}
