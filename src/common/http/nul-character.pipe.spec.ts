import { ValidationFailedError } from '../errors/domain-error.js';
import { fieldsWithNul, RejectNulCharactersPipe } from './nul-character.pipe.js';

describe(RejectNulCharactersPipe.name, () => {
  const pipe = new RejectNulCharactersPipe();

  it('names every field whose text holds a NUL, in bodies, lists and free-form keys', () => {
    const body = {
      name: 'nul\u0000byte',
      ok: 'fine',
      postings: [{ description: 'a' }, { description: '\u0000' }],
      metadata: { 'k\u0000': 1 },
    };
    expect(fieldsWithNul(body)).toEqual(['metadata.k\\u0000', 'name', 'postings.1.description']);
    try {
      pipe.transform(body, { type: 'body' });
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationFailedError);
      expect(
        (error as ValidationFailedError).fieldErrors.map((field) => [field.field, field.code]),
      ).toEqual([
        ['metadata.k\\u0000', 'noNulCharacter'],
        ['name', 'noNulCharacter'],
        ['postings.1.description', 'noNulCharacter'],
      ]);
    }
  });

  it('checks query strings and route parameters, and lets everything else through unchanged', () => {
    expect(() => pipe.transform({ search: 'koffie\u0000' }, { type: 'query' })).toThrow(
      ValidationFailedError,
    );
    expect(() => pipe.transform('abc\u0000', { type: 'param', data: 'id' })).toThrow(
      ValidationFailedError,
    );
    const clean = { name: 'Buurtcentrum Malberg', list: [1, true, null, { deep: 'ok' }] };
    expect(pipe.transform(clean, { type: 'body' })).toBe(clean);
    expect(pipe.transform('\u0000', { type: 'custom' })).toBe('\u0000');
  });

  it('walks a deeply nested body without overflowing the stack', () => {
    let nested: unknown = 'bottom\u0000';
    for (let depth = 0; depth < 200_000; depth += 1) nested = [nested];
    expect(fieldsWithNul(nested)).toHaveLength(1);
  });
});
