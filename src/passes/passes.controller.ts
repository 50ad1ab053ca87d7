import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators.js';
import { ApiProblems } from '../common/http/api-problems.decorator.js';
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
  @Roles('admin', 'treasurer', 'volunteer')
  @ApiOperation({
    summary:
      'Issue a voordeelpas (admin, treasurer, or a volunteer for themselves); one active pass per volunteer.',
  })
  @ApiCreatedResponse({ type: PassDto })
  @ApiProblems(400, 401, 403, 404, 409)
  issue(@CurrentUser() actor: AuthenticatedUser, @Body() input: IssuePassDto) {
    return this.passes.issue(actor, input.volunteerId);
  }

  @Get()
  @Roles('admin', 'treasurer', 'volunteer')
  @ApiOperation({
    summary: 'Passes: a volunteer’s own, or (admin, treasurer) all or one volunteer’s.',
  })
  @ApiOkResponse({ type: PassPageDto })
  @ApiProblems(400, 401, 403)
  list(@CurrentUser() actor: AuthenticatedUser, @Query() query: ListPassesQueryDto) {
    return this.passes.list(actor, query);
  }

  @Get(':number')
  @Roles('admin', 'treasurer', 'volunteer')
  @ApiOperation({ summary: 'A pass by its number (its volunteer, admin, treasurer).' })
  @ApiOkResponse({ type: PassDto })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentUser() actor: AuthenticatedUser, @Param() parameters: PassNumberParameterDto) {
    return this.passes.get(actor, parameters.number);
  }

  @Get(':number/qr')
  @Roles('admin', 'treasurer', 'volunteer')
  @ApiOperation({
    summary:
      'The pass number as a QR code (PNG or SVG) for the phone or a print (its volunteer, admin, treasurer).',
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
  @ApiProblems(400, 401, 403, 404)
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
  @HttpCode(200)
  @Roles('admin', 'treasurer', 'volunteer')
  @ApiOperation({
    summary:
      'Block a pass, e.g. when lost (its volunteer, admin, treasurer); then issue a new one. The balance stays with the volunteer.',
  })
  @ApiOkResponse({ type: PassDto })
  @ApiProblems(400, 401, 403, 404)
  block(
    @CurrentUser() actor: AuthenticatedUser,
    @Param() parameters: PassNumberParameterDto,
    @Body() input: BlockPassDto,
  ) {
    return this.passes.block(actor, parameters.number, input.reason ?? 'lost');
  }

  @Put(':number/pin')
  @HttpCode(204)
  @Roles('volunteer')
  @ApiOperation({
    summary:
      'Set or change the pass’s PIN (its volunteer). From then on redemptions need it; five wrong in a row block the pass.',
  })
  @ApiNoContentResponse({ description: 'The PIN is set; it is never shown again.' })
  @ApiProblems(400, 401, 403, 404, 422)
  async setPin(
    @CurrentUser() actor: AuthenticatedUser,
    @Param() parameters: PassNumberParameterDto,
    @Body() input: SetPinDto,
  ): Promise<void> {
    await this.passes.setPin(actor, parameters.number, input.pin);
  }

  @Delete(':number/pin')
  @HttpCode(204)
  @Roles('volunteer')
  @ApiOperation({ summary: 'Remove the pass’s PIN (its volunteer).' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404, 422)
  async removePin(
    @CurrentUser() actor: AuthenticatedUser,
    @Param() parameters: PassNumberParameterDto,
  ): Promise<void> {
    await this.passes.removePin(actor, parameters.number);
  }
}
