import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, uuidPipe } from '../common/http/api-problems.decorator.js';
import type { AuthenticatedUser } from '../common/http/request-context.js';
import { AuthService } from './auth.service.js';
import { CurrentUser, Public, Roles } from './decorators.js';
import { CreateUserDto, LoginDto, LoginResponseDto, UserDto } from './dto/auth.dto.js';
import { LoginThrottlerGuard } from './login-throttler.guard.js';
import { UsersService } from './users.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiProblems(400, 401, 429)
  login(@Body() credentials: LoginDto): Promise<LoginResponseDto> {
    return this.auth.login(credentials);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(401)
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
  @Roles('admin')
  @ApiCreatedResponse({ type: UserDto })
  @ApiProblems(400, 401, 403, 409)
  create(@Body() input: CreateUserDto): Promise<UserDto> {
    return this.users.create(input);
  }

  @Post(':id/sessions/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'End every session of a user (admin, or the user themselves): their tokens stop working at once.' })
  @ApiOkResponse({ description: '{ userId, sessionVersion }' })
  @ApiProblems(400, 401, 404)
  revokeSessions(@CurrentUser() actor: AuthenticatedUser, @Param('id', uuidPipe()) id: string) {
    return this.users.revokeSessions(actor, id);
  }
}
