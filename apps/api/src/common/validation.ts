import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { problems, type FieldError } from '@app/kernel';

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
    const own = Object.entries(e.constraints ?? {}).map(([constraint, en]) => ({
      field,
      constraint,
      reason: { en, vi: `${field}: ${viReason(constraint, en)}` },
    }));
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}

export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  stopAtFirstError: false,
  exceptionFactory: (errors) => problems.validation(flattenValidationErrors(errors)),
});

/** Normalises every string in a parsed JSON value to Unicode NFC (Vietnamese typed in NFD is common). */
export function normalizeNfc<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(normalizeNfc) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.normalize('NFC'), normalizeNfc(v)])) as T;
  }
  return value;
}
