import {
  Body,
  Controller,
  Delete,
  Get,
  Param,
  Post,
  Put,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../common/http/endpoint.decorator.js';
import { CurrentUser } from '../common/http/access.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { PageOf } from '../common/pagination.js';
import {
  BlockPassDto,
  IssuePassDto,
  ListPassesQueryDto,
  PassDto,
  PassNumberParameterDto,
  QrQueryDto,
  SetPinDto,
} from './dto/passes.dto.js';
import { PassesService } from './passes.service.js';

const PassPageDto = PageOf(PassDto);

@ApiTags('passes')
@ApiBearerAuth()
@Controller('passes')
export class PassesController {
  constructor(private readonly passes: PassesService) {}

  @Post()
  @Endpoint({
    access: ['admin', 'treasurer', 'volunteer'],
    summary:
      'Issue a voordeelpas (admin, treasurer, or a volunteer for themselves); one active pass per volunteer.',
    created: PassDto,
    problems: [400, 401, 403, 404, 409],
  })
  issue(@CurrentUser() actor: AuthenticatedUser, @Body() input: IssuePassDto) {
    return this.passes.issue(actor, input.volunteerId);
  }

  @Get()
  @Endpoint({
    access: ['admin', 'treasurer', 'volunteer'],
    summary: 'Passes: a volunteer’s own, or (admin, treasurer) all or one volunteer’s.',
    ok: PassPageDto,
    problems: [400, 401, 403],
  })
  list(@CurrentUser() actor: AuthenticatedUser, @Query() query: ListPassesQueryDto) {
    return this.passes.list(actor, query);
  }

  @Get(':number')
  @Endpoint({
    access: ['admin', 'treasurer', 'volunteer'],
    summary: 'A pass by its number (its volunteer, admin, treasurer).',
    ok: PassDto,
    problems: [400, 401, 403, 404],
  })
  get(@CurrentUser() actor: AuthenticatedUser, @Param() parameters: PassNumberParameterDto) {
    return this.passes.get(actor, parameters.number);
  }

  @Get(':number/qr')
  @Endpoint({
    access: ['admin', 'treasurer', 'volunteer'],
    summary:
      'The pass number as a QR code (PNG or SVG) for the phone or a print (its volunteer, admin, treasurer).',
    problems: [400, 401, 403, 404],
  })
  @ApiProduces('image/png', 'image/svg+xml')
  @ApiOkResponse({
    description:
      'The QR code holds the 12-digit pass number, as a scanner at the counter types it.',
    content: {
      'image/png': { schema: { type: 'string', format: 'binary' } },
      'image/svg+xml': { schema: { type: 'string' } },
    },
  })
  async qr(
    @CurrentUser() actor: AuthenticatedUser,
    @Param() parameters: PassNumberParameterDto,
    @Query() query: QrQueryDto,
  ) {
    const code = await this.passes.qrCode(actor, parameters.number, query.format ?? 'png');
    const extension = code.contentType === 'image/png' ? 'png' : 'svg';
    return new StreamableFile(code.body, {
      type: code.contentType,
      disposition: `inline; filename="voordeelpas-${code.number}.${extension}"`,
    });
  }

  @Post(':number/block')
  @Endpoint({
    access: ['admin', 'treasurer', 'volunteer'],
    summary:
      'Block a pass, e.g. when lost (its volunteer, admin, treasurer); then issue a new one. The balance stays with the volunteer.',
    ok: PassDto,
    problems: [400, 401, 403, 404],
  })
  block(
    @CurrentUser() actor: AuthenticatedUser,
    @Param() parameters: PassNumberParameterDto,
    @Body() input: BlockPassDto,
  ) {
    return this.passes.block(actor, parameters.number, input.reason ?? 'lost');
  }

  @Put(':number/pin')
  @Endpoint({
    access: ['volunteer'],
    summary:
      'Set or change the pass’s PIN (its volunteer). From then on redemptions need it; five wrong in a row block the pass.',
    noContent: 'The PIN is set; it is never shown again.',
    problems: [400, 401, 403, 404, 422],
  })
  async setPin(
    @CurrentUser() actor: AuthenticatedUser,
    @Param() parameters: PassNumberParameterDto,
    @Body() input: SetPinDto,
  ): Promise<void> {
    await this.passes.setPin(actor, parameters.number, input.pin);
  }

  @Delete(':number/pin')
  @Endpoint({
    access: ['volunteer'],
    summary: 'Remove the pass’s PIN (its volunteer).',
    noContent: true,
    problems: [400, 401, 403, 404, 422],
  })
  async removePin(
    @CurrentUser() actor: AuthenticatedUser,
    @Param() parameters: PassNumberParameterDto,
  ): Promise<void> {
    await this.passes.removePin(actor, parameters.number);
  }
}
