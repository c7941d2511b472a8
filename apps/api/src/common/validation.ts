import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { problems, type FieldError } from '@app/kernel';
import { textError } from './hostile-input.js';

/** Vietnamese reasons for class-validator constraints; `{n}` takes the first number of the English text. */
const VI: Record<string, string> = {
  whitelistValidation: 'trường không được phép (không có trong mô tả API)',
  isDefined: 'bắt buộc phải có',
  isNotEmpty: 'không được để trống',
  isString: 'phải là chuỗi ký tự',
  isInt: 'phải là số nguyên',
  isNumber: 'phải là số',
  isBoolean: 'phải là true hoặc false',
  isIn: 'không thuộc các giá trị cho phép',
  isEnum: 'không thuộc các giá trị cho phép',
  min: 'phải lớn hơn hoặc bằng {n}',
  max: 'phải nhỏ hơn hoặc bằng {n}',
  minLength: 'phải dài ít nhất {n} ký tự',
  maxLength: 'không được dài quá {n} ký tự',
  arrayMinSize: 'phải có ít nhất {n} phần tử',
  arrayMaxSize: 'không được quá {n} phần tử',
  isArray: 'phải là một mảng',
  isObject: 'phải là một đối tượng',
  nestedValidation: 'phải là một đối tượng hợp lệ',
  isDateString: 'phải là ngày theo định dạng YYYY-MM-DD',
  isIso8601: 'phải là thời điểm theo ISO 8601',
  isUuid: 'phải là UUID',
  matches: 'sai định dạng',
  isLocalDate: 'phải là ngày hợp lệ theo định dạng YYYY-MM-DD',
  isHexadecimal: 'phải là chuỗi thập lục phân',
};

function viReason(constraint: string, en: string): string {
  const template = VI[constraint];
  if (!template) return en;
  const n = /-?\d+(\.\d+)?/.exec(en.replace(/^\S+\s/, ''))?.[0] ?? '';
  return template.replace('{n}', n);
}

/** Flattens nested class-validator errors into one entry per bad field, named by its path. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    // A decorator of ours gives its Vietnamese text in `context.vi`; class-validator's own are translated here.
    const own = Object.entries(e.constraints ?? {}).map(([constraint, en]) => ({
      field,
      constraint,
      reason: { en, vi: `${field}: ${(e.contexts?.[constraint] as { vi?: string } | undefined)?.vi ?? viReason(constraint, en)}` },
    }));
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}

/**
 * class-validator on every body and query, and, for a path parameter (which only the router names),
 * the check the query and body got from screenRequest: no NUL, no lone surrogate.
 */
export class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'param' && typeof value === 'string') {
      const bad = textError(metadata.data ?? 'path', value);
      if (bad) throw problems.validation([bad]);
    }
    return super.transform(value, metadata);
  }
}

export const validationPipe = new ApiValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  stopAtFirstError: false,
  exceptionFactory: (errors) => problems.validation(flattenValidationErrors(errors)),
});
