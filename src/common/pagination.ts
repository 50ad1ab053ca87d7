import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ValidationFailedError } from './errors/domain-error.js';

export const PAGE_SIZE_DEFAULT = 20;
export const PAGE_SIZE_MAX = 100;
const CURSOR_LENGTH_MAX = 500;

/** `?limit=&cursor=` of every list endpoint. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_SIZE_MAX, default: PAGE_SIZE_DEFAULT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_SIZE_MAX)
  limit?: number;

  @ApiPropertyOptional({
    description: 'The nextCursor of the previous page; omit for the first page.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(CURSOR_LENGTH_MAX)
  cursor?: string;
}

export interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}

/** Where the previous page ended: the sort value and id of its last row. */
export interface CursorPosition {
  sortValue: string | number;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.sortValue, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [sortValue, id] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    ) as unknown[];
    if (
      (typeof sortValue === 'string' || typeof sortValue === 'number') &&
      typeof id === 'string'
    ) {
      return { sortValue, id };
    }
  } catch {
    // fall through: a cursor we cannot read is the caller's mistake, not ours
  }
  throw new ValidationFailedError([{ field: 'cursor', code: 'INVALID_CURSOR' }]);
}

/** Builds a page from rows fetched with `limit + 1`: the extra row only says there is more. */
export function pageFrom<Row, Item>(
  rows: Row[],
  limit: number,
  positionOf: (row: Row) => CursorPosition,
  toItem: (row: Row) => Item,
): Page<Item> {
  const pageRows = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  return {
    items: pageRows.map(toItem),
    nextCursor: hasMore ? encodeCursor(positionOf(pageRows[pageRows.length - 1])) : null,
  };
}

/**
 * Keyset pagination on (sortColumn, id), ascending: stable while rows are added, and as fast on
 * the thousandth page as on the first (no OFFSET).
 */
export function paginateQuery<Entity extends ObjectLiteral>(
  query: SelectQueryBuilder<Entity>,
  options: { sortColumn: string; idColumn: string; page: PageQueryDto },
): { query: SelectQueryBuilder<Entity>; limit: number } {
  const limit = options.page.limit ?? PAGE_SIZE_DEFAULT;
  if (options.page.cursor) {
    const position = decodeCursor(options.page.cursor);
    query.andWhere(
      `(${options.sortColumn} > :cursorSortValue OR (${options.sortColumn} = :cursorSortValue AND ${options.idColumn} > :cursorId))`,
      { cursorSortValue: position.sortValue, cursorId: position.id },
    );
  }
  query
    .orderBy(options.sortColumn, 'ASC')
    .addOrderBy(options.idColumn, 'ASC')
    .take(limit + 1);
  return { query, limit };
}

/** OpenAPI shape of a page of `item`, one named class per item type. */
export function PageOf<Item>(item: new () => Item) {
  class PageOfItem implements Page<Item> {
    @ApiProperty({ type: [item] })
    items: Item[];

    @ApiProperty({
      type: String,
      nullable: true,
      description: 'Pass as ?cursor= for the next page; null on the last page.',
    })
    nextCursor: string | null;
  }
  Object.defineProperty(PageOfItem, 'name', { value: `${item.name.replace(/Dto$/, '')}PageDto` });
  return PageOfItem;
}
