import { Injectable, type PipeTransform } from '@nestjs/common';
import { ValidationFailedError } from '../errors/domain-error.js';

/** For endpoints that take no body: any field sent is refused, as unknown fields are everywhere. */
@Injectable()
export class EmptyBodyPipe implements PipeTransform<unknown, undefined> {
  transform(value: unknown): undefined {
    if (value === undefined || value === null) return undefined;
    const fields = typeof value === 'object' ? Object.keys(value) : ['body'];
    if (fields.length > 0)
      throw new ValidationFailedError(
        fields.map((field) => ({ field, code: 'whitelistValidation' })),
      );
    return undefined;
  }
}
