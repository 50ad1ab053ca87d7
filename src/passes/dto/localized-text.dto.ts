import { ApiProperty } from '@nestjs/swagger';

/** A text in Dutch and English, as answered (the inputs validate their own lengths). */
export class LocalizedTextDto {
  @ApiProperty({ example: 'Kop koffie met vlaai' }) nl: string;
  @ApiProperty({ example: 'Coffee with Limburg pie' }) en: string;
}
