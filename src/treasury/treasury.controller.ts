import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/decorators.js';
import { ApiProblems, uuidPipe } from '../common/http/api-problems.decorator.js';
import {
  AccountPeriodStatementDto,
  ExportQueryDto,
  StatementPeriodQueryDto,
  TrialBalanceDto,
  TrialBalanceQueryDto,
} from './dto/treasury.dto.js';
import { TreasuryService } from './treasury.service.js';

const EXPORT_CONTENT: Record<string, { type: string; extension: string }> = {
  csv: { type: 'text/csv; charset=utf-8', extension: 'csv' },
  hledger: { type: 'text/plain; charset=utf-8', extension: 'journal' },
  beancount: { type: 'text/plain; charset=utf-8', extension: 'beancount' },
};

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Content-Disposition for a download, as Express's res.attachment() wrote it for these ASCII names. */
function attachment(filename: string): string {
  return TOKEN.test(filename)
    ? `attachment; filename=${filename}`
    : `attachment; filename="${filename.replace(/[\\"]/g, '\\$&')}"`;
}

@ApiTags('treasury')
@ApiBearerAuth()
@Roles('treasurer', 'admin')
@Controller('treasury')
export class TreasuryController {
  constructor(private readonly treasury: TreasuryService) {}

  @Get('trial-balance')
  @ApiOperation({
    summary:
      'Every balance by party kind and system account, the total (always 0), circulation and pending holds; now or as of a date.',
  })
  @ApiOkResponse({ type: TrialBalanceDto })
  @ApiProblems(400, 401, 403)
  trialBalance(@Query() query: TrialBalanceQueryDto) {
    return this.treasury.trialBalance(query.asOf);
  }

  @Get('statements/:accountId')
  @ApiOperation({
    summary: 'One account in one month: opening balance, movements, closing balance (JSON or CSV).',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: AccountPeriodStatementDto })
  @ApiProblems(400, 401, 403, 404)
  async statement(
    @Param('accountId', uuidPipe('accountId')) accountId: string,
    @Query() query: StatementPeriodQueryDto,
    @Res({ passthrough: true }) response: FastifyReply,
  ) {
    const statement = await this.treasury.accountStatement(accountId, query.period);
    if (query.format !== 'csv') return statement;
    response
      .header(
        'Content-Disposition',
        attachment(`steerkes-${accountId.slice(0, 8)}-${query.period}.csv`),
      )
      .type('text/csv; charset=utf-8');
    return this.treasury.accountStatementCsv(statement);
  }

  @Get('export')
  @ApiOperation({
    summary:
      'The journal as CSV, an hledger journal or a Beancount file, with balance assertions at every closed period’s end.',
  })
  @ApiProduces('text/csv', 'text/plain')
  @ApiOkResponse({ description: 'The export file.' })
  @ApiProblems(400, 401, 403)
  async export(@Query() query: ExportQueryDto, @Res({ passthrough: true }) response: FastifyReply) {
    const content = EXPORT_CONTENT[query.format];
    response
      .header('Content-Disposition', attachment(`steerkes.${content.extension}`))
      .type(content.type);
    return this.treasury.exportJournal(query.format);
  }
}
