import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { type FieldError, ValidationFailedError } from '../errors/domain-error.js';

const NUL = '\u0000';
/** How many refused fields one answer names at most. */
const NUL_FIELDS_LISTED_MAX = 20;

/**
 * Refuses any text with the NUL character (U+0000) in a body, query or route parameter, keys of
 * free-form objects included, with 400 VALIDATION_FAILED naming the fields. PostgreSQL cannot store
 * it in text (it answered "invalid byte sequence", a 500; the fuzz test found it), and no name,
 * description or search ever needs it. The walk is iterative: a deeply nested body must not
 * overflow the stack.
 */
@Injectable()
export class RejectNulCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query' && metadata.type !== 'param')
      return value;
    const fields = fieldsWithNul(
      value,
      metadata.type === 'param' ? (metadata.data ?? 'param') : '',
    );
    if (fields.length > 0)
      throw new ValidationFailedError(
        fields.map((field) => ({ field, code: 'noNulCharacter' }) satisfies FieldError),
      );
    return value;
  }
}

export function fieldsWithNul(root: unknown, rootPath = ''): string[] {
  const found: string[] = [];
  const pending: Array<{ value: unknown; path: string }> = [{ value: root, path: rootPath }];
  while (pending.length > 0 && found.length < NUL_FIELDS_LISTED_MAX) {
    const { value, path } = pending.pop()!;
    if (typeof value === 'string') {
      if (value.includes(NUL)) found.push(path || '(value)');
    } else if (Array.isArray(value)) {
      value.forEach((item, index) =>
        pending.push({ value: item, path: joinPath(path, String(index)) }),
      );
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes(NUL)) found.push(joinPath(path, key.replaceAll(NUL, '\\u0000')));
        else pending.push({ value: item, path: joinPath(path, key) });
      }
    }
  }
  return found.sort();
}

function joinPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
