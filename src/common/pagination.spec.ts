import { ValidationFailedError } from './errors/domain-error.js';
import { decodeCursor, encodeCursor, pageFrom } from './pagination.js';

describe('pagination', () => {
  it('round-trips a cursor position', () => {
    const position = { sortValue: '2026-01-01T00:00:00.000Z', id: 'b8f7' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    '',
    'not-base64-json',
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('[1]').toString('base64url'),
  ])('refuses the unreadable cursor %p', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(ValidationFailedError);
  });

  it('gives a next cursor only when there are more rows than the limit', () => {
    const rows = [1, 2, 3].map((n) => ({ id: `id-${n}`, n }));
    const full = pageFrom(
      rows,
      2,
      (row) => ({ sortValue: row.n, id: row.id }),
      (row) => row.n,
    );
    expect(full.items).toEqual([1, 2]);
    expect(decodeCursor(full.nextCursor!)).toEqual({ sortValue: 2, id: 'id-2' });
    const last = pageFrom(
      rows,
      3,
      (row) => ({ sortValue: row.n, id: row.id }),
      (row) => row.n,
    );
    expect(last).toEqual({ items: [1, 2, 3], nextCursor: null });
  });
});
