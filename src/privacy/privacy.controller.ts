import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../common/http/endpoint.decorator.js';
import { CurrentUser } from '../common/http/access.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import {
  CorrectProfileDto,
  ErasureDto,
  EraseMyDataDto,
  PersonalDataExportDto,
  ProfileDto,
} from './dto/privacy.dto.js';
import { PrivacyService } from './privacy.service.js';

/** A volunteer's own data (AVG/GDPR): export, correction, erasure. Always the caller's own. */
@ApiTags('privacy')
@ApiBearerAuth()
@Controller('me')
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @Get('data')
  @Endpoint({
    access: ['volunteer'],
    summary:
      'Download everything Steerkes holds about you (JSON): profile, passes, claims, redemptions, ledger entries of your account, login sessions, audit events about you.',
    ok: PersonalDataExportDto,
    problems: [401, 403],
  })
  exportData(@CurrentUser() actor: AuthenticatedUser) {
    return this.privacy.exportData(actor);
  }

  @Patch('profile')
  @Endpoint({
    access: ['volunteer'],
    summary: 'Correct your name and e-mail address (audited).',
    ok: ProfileDto,
    problems: [400, 401, 403, 409],
  })
  correct(@CurrentUser() actor: AuthenticatedUser, @Body() input: CorrectProfileDto) {
    return this.privacy.correct(actor, input);
  }

  @Post('erasure')
  @Endpoint({
    access: ['volunteer'],
    summary:
      'Erase your personal data: name, e-mail and birth date are pseudonymised, your login ends and your pass is blocked. The bookkeeping (ledger entries, claims, redemptions) is kept for the fiscal retention period. Refused while your account holds Steerkes.',
    ok: ErasureDto,
    problems: [400, 401, 403, 409],
  })
  erase(@CurrentUser() actor: AuthenticatedUser, @Body() _input: EraseMyDataDto) {
    return this.privacy.erase(actor);
  }
}
