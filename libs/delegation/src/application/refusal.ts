import type { Refusal } from '../domain/errors.js';
import { ProblemException } from '@app/kernel';

/** Turns the domain's named refusal into the HTTP problem the API contract promises. */
export function refusalToProblem(r: Refusal): ProblemException {
  switch (r.kind) {
    case 'decision-not-found':
      return new ProblemException(404, 'not-found', { vi: 'Không tìm thấy', en: 'Not found' }, {
        vi: 'Không có hồ sơ quyết định với mã này.', en: 'No decision has this id.',
      });
    case 'decision-already-exists':
      return new ProblemException(409, 'already-exists', { vi: 'Đã tồn tại', en: 'Already exists' }, {
        vi: 'Hồ sơ quyết định với mã này đã tồn tại.', en: 'A decision with this id already exists.',
      });
    case 'command-not-allowed-in-stage':
      return new ProblemException(409, 'command-not-allowed-in-stage', { vi: 'Thao tác không hợp lệ ở bước này', en: 'Command not allowed in this stage' }, {
        vi: `Không thể "${r.command}" khi hồ sơ ở bước "${r.stage}"; được phép ở: ${r.allowedStages.join(', ') || '—'}.`,
        en: `"${r.command}" cannot run while the decision is in stage "${r.stage}"; it runs in: ${r.allowedStages.join(', ') || '—'}.`,
      }, { command: r.command, stage: r.stage, allowedStages: r.allowedStages });
    case 'role-not-allowed':
      return new ProblemException(403, 'role-not-allowed', { vi: 'Vai trò không được phép', en: 'Role not allowed' }, {
        vi: `Vai trò "${r.role}" không được "${r.command}" ở bước "${r.stage}"; vai trò được phép: ${r.allowedRoles.join(', ')}.`,
        en: `Role "${r.role}" may not "${r.command}" in stage "${r.stage}"; allowed roles: ${r.allowedRoles.join(', ')}.`,
      }, { command: r.command, stage: r.stage, role: r.role, allowedRoles: r.allowedRoles });
    case 'body-not-allowed':
      return new ProblemException(403, 'body-not-allowed', { vi: 'Cơ quan không được phép', en: 'Body not allowed' }, {
        vi: `${r.rule.message.vi} Cơ quan "${r.bodyId}" không được "${r.command}" hồ sơ này; cơ quan được phép: ${r.allowedBodyIds.join(', ')}.`,
        en: `${r.rule.message.en} Body "${r.bodyId}" may not "${r.command}" this decision; allowed bodies: ${r.allowedBodyIds.join(', ')}.`,
      }, {
        command: r.command, stage: r.stage, bodyId: r.bodyId, allowedBodyIds: r.allowedBodyIds,
        rule: { id: r.rule.id, version: r.rule.version, source: r.rule.source, message: r.rule.message },
      });
    case 'rule-violated':
      return new ProblemException(422, 'rule-violated', { vi: 'Vi phạm quy tắc nghiệp vụ', en: 'Business rule violated' }, {
        vi: r.detail?.vi ?? r.rule.message.vi,
        en: r.detail?.en ?? r.rule.message.en,
      }, {
        rule: { id: r.rule.id, version: r.rule.version, source: r.rule.source, message: r.rule.message },
        ...(r.field ? { field: r.field } : {}),
      });
  }
}
