import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Endpoint } from '../common/http/endpoint.decorator.js';
import { uuidPipe } from '../common/http/api-problems.decorator.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { APP_CONFIGURATION } from '../config/config.module.js';
import type { AppConfiguration } from '../config/configuration.js';
import { AuthService } from './auth.service.js';
import { CurrentUser, Public } from '../common/http/access.js';
import {
  ChangeOwnPasswordDto,
  ChangeRoleDto,
  CompletePasswordResetDto,
  CreateUserDto,
  LoginDto,
  ListUsersQueryDto,
  LoginResponseDto,
  PasswordResetDto,
  UserDto,
} from './dto/auth.dto.js';
import { LoginThrottlerGuard } from './login-throttler.guard.js';
import {
  clearRefreshCookie,
  REFRESH_COOKIE_NAME,
  RefreshTokenCookie,
  setRefreshCookie,
} from './refresh-cookie.js';
import { UsersService } from './users.service.js';
import { PageOf } from '../common/pagination.js';

const UserPageDto = PageOf(UserDto);

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    @Inject(APP_CONFIGURATION) private readonly configuration: AppConfiguration,
  ) {}

  @Post('login')
  @Endpoint({
    access: 'public',
    summary: `Logs in: answers a short-lived access token and sets the refresh cookie ${REFRESH_COOKIE_NAME} (httpOnly, SameSite=Strict, Path=/api/v1/auth) of a new session.`,
    ok: LoginResponseDto,
    problems: [400, 401, 429],
  })
  @UseGuards(LoginThrottlerGuard)
  async login(
    @Body() credentials: LoginDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponseDto> {
    const grant = await this.auth.login(credentials);
    setRefreshCookie(reply, grant.refreshToken, this.configuration.sessions.secureCookie);
    return grant.body;
  }

  @Post('refresh')
  @Endpoint({
    access: 'public',
    summary:
      'No body: the refresh cookie. Answers a new access token as login does and rotates the cookie; a cookie that was already used ends its session.',
    ok: LoginResponseDto,
    problems: [401],
  })
  @ApiCookieAuth(REFRESH_COOKIE_NAME)
  async refresh(
    @RefreshTokenCookie() refreshToken: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponseDto> {
    const grant = await this.auth.refresh(refreshToken);
    setRefreshCookie(reply, grant.refreshToken, this.configuration.sessions.secureCookie);
    return grant.body;
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Ends the session of the refresh cookie and clears the cookie; without a cookie there is nothing to end (204 all the same).',
  })
  @ApiNoContentResponse()
  @ApiCookieAuth(REFRESH_COOKIE_NAME)
  async logout(
    @RefreshTokenCookie() refreshToken: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(refreshToken);
    clearRefreshCookie(reply, this.configuration.sessions.secureCookie);
  }

  @Post('password')
  @Endpoint({
    summary:
      'Changes your own password, given the current one. Every session of yours ends, this one too: log in again.',
    noContent: true,
    problems: [400, 401],
  })
  @ApiBearerAuth()
  changeOwnPassword(
    @CurrentUser() actor: AuthenticatedUser,
    @Body() input: ChangeOwnPasswordDto,
  ): Promise<void> {
    return this.users.changeOwnPassword(actor, input);
  }

  @Post('password-reset')
  @Endpoint({
    access: 'public',
    summary:
      'Sets a new password with the one-time code an administrator made (POST /users/{id}/password-reset): once, within a day. Throttled as logins are.',
    noContent: true,
    problems: [400, 429],
  })
  @UseGuards(LoginThrottlerGuard)
  completePasswordReset(@Body() input: CompletePasswordResetDto): Promise<void> {
    return this.users.completePasswordReset(input);
  }

  @Get('me')
  @Endpoint({ ok: UserDto, problems: [401] })
  @ApiBearerAuth()
  me(@CurrentUser() actor: AuthenticatedUser): Promise<UserDto> {
    return this.auth.me(actor);
  }
}

@ApiTags('parties')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Endpoint({ access: ['admin'], created: UserDto, problems: [400, 401, 403, 409] })
  create(@CurrentUser() actor: AuthenticatedUser, @Body() input: CreateUserDto): Promise<UserDto> {
    return this.users.create(input, { actor });
  }

  @Get()
  @Endpoint({
    access: ['admin'],
    summary: 'Every user, oldest first (admin): ?role and ?partyId narrow the list.',
    problems: [400, 401, 403],
  })
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() query: ListUsersQueryDto) {
    return this.users.list(query);
  }

  @Post(':id/disable')
  @Endpoint({
    access: ['admin'],
    summary:
      'Disables a user (not yourself): they cannot log in, and their sessions end at once. Audited.',
    ok: UserDto,
    problems: [400, 401, 403, 404, 409],
  })
  disable(@CurrentUser() actor: AuthenticatedUser, @Param('id', uuidPipe()) id: string) {
    return this.users.disable(actor, id);
  }

  @Post(':id/enable')
  @Endpoint({
    access: ['admin'],
    summary: 'Enables a disabled user again. Audited.',
    ok: UserDto,
    problems: [400, 401, 403, 404, 409],
  })
  enable(@CurrentUser() actor: AuthenticatedUser, @Param('id', uuidPipe()) id: string) {
    return this.users.enable(actor, id);
  }

  @Put(':id/role')
  @Endpoint({
    access: ['admin'],
    summary:
      "Changes a user's role (not your own) and the party they act for; their sessions end. Audited.",
    ok: UserDto,
    problems: [400, 401, 403, 404, 409],
  })
  changeRole(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('id', uuidPipe()) id: string,
    @Body() input: ChangeRoleDto,
  ) {
    return this.users.changeRole(actor, id, input);
  }

  @Post(':id/password-reset')
  @Endpoint({
    access: ['admin'],
    summary:
      "Starts a password reset: answers a one-time code (valid a day, kept only as a hash) to hand to the user, who sets a new password with it. The user's sessions end. Audited.",
    ok: PasswordResetDto,
    problems: [400, 401, 403, 404],
  })
  startPasswordReset(@CurrentUser() actor: AuthenticatedUser, @Param('id', uuidPipe()) id: string) {
    return this.users.startPasswordReset(actor, id);
  }

  @Post(':id/sessions/revoke')
  @Endpoint({
    summary:
      'End every session of a user (admin, or the user themselves): their tokens stop working at once.',
    ok: '{ userId, sessionVersion }',
    problems: [400, 401, 404],
  })
  revokeSessions(@CurrentUser() actor: AuthenticatedUser, @Param('id', uuidPipe()) id: string) {
    return this.users.revokeSessions(actor, id);
  }
}
