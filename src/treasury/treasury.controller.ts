import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Endpoint } from '../common/http/endpoint.decorator.js';
import { Roles } from '../common/http/access.js';
import { uuidPipe } from '../common/http/api-problems.decorator.js';
import { ClosedPeriodDto } from '../ledger/dto/ledger.dto.js';
import {
  AccountPeriodStatementDto,
  ExportQueryDto,
  MonthlyStatementQueryDto,
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
  @Endpoint({
    summary:
      'Every balance by party kind and system account, the total (always 0), circulation and pending holds; now or as of a date.',
    ok: TrialBalanceDto,
    problems: [400, 401, 403],
  })
  trialBalance(@Query() query: TrialBalanceQueryDto) {
    return this.treasury.trialBalance(query.asOf);
  }

  @Get('periods')
  @Endpoint({
    summary:
      'The closed months (YYYY-MM), oldest first, with when and by whom each was closed; every other month is open.',
    ok: [ClosedPeriodDto],
    problems: [401, 403],
  })
  closedPeriods(): Promise<ClosedPeriodDto[]> {
    return this.treasury.closedPeriods();
  }

  @Get('statements')
  @Endpoint({
    summary:
      'The monthly statement of every account as CSV: opening balance, money in, money out and closing balance in the month.',
    ok: 'The CSV file.',
    problems: [400, 401, 403],
  })
  @ApiProduces('text/csv')
  async monthlyStatements(
    @Query() query: MonthlyStatementQueryDto,
    @Res({ passthrough: true }) response: FastifyReply,
  ) {
    const csv = await this.treasury.monthlyStatementCsv(query.period);
    response
      .header('Content-Disposition', attachment(`steerkes-statements-${query.period}.csv`))
      .type('text/csv; charset=utf-8');
    return csv;
  }

  @Get('statements/:accountId')
  @Endpoint({
    summary: 'One account in one month: opening balance, movements, closing balance (JSON or CSV).',
    ok: AccountPeriodStatementDto,
    problems: [400, 401, 403, 404],
  })
  @ApiProduces('application/json', 'text/csv')
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
  @Endpoint({
    summary:
      'The journal, or one month of it, as CSV, an hledger journal or a Beancount file, with balance assertions at every closed period’s end.',
    ok: 'The export file.',
    problems: [400, 401, 403],
  })
  @ApiProduces('text/csv', 'text/plain')
  async export(@Query() query: ExportQueryDto, @Res({ passthrough: true }) response: FastifyReply) {
    const content = EXPORT_CONTENT[query.format];
    const file = query.period ? `steerkes-${query.period}` : 'steerkes';
    const journal = await this.treasury.exportJournal(query.format, query.period);
    response
      .header('Content-Disposition', attachment(`${file}.${content.extension}`))
      .type(content.type);
    return journal;
  }
}
