import './auth.error-codes.js';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { APP_CONFIGURATION } from '../config/config.module.js';
import type { AppConfiguration } from '../config/configuration.js';
import { AuditModule } from '../audit/audit.module.js';
import { PartiesModule } from '../parties/parties.module.js';
import { AuthController, UsersController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { JwtAuthGuard, RolesGuard } from './guards.js';
import { JwtStrategy, jwtKey } from './jwt.strategy.js';
import { LoginThrottlerGuard } from './login-throttler.guard.js';
import { SessionsService } from './sessions.service.js';
import { UsersService } from './users.service.js';
import { UserPrivacy } from './user-privacy.service.js';

@Module({
  imports: [
    PassportModule,
    AuditModule,
    PartiesModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIGURATION],
      useFactory: (configuration: AppConfiguration) => ({
        secret: jwtKey(configuration.jwt.secret),
      }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    AuthService,
    SessionsService,
    UsersService,
    UserPrivacy,
    JwtStrategy,
    LoginThrottlerGuard,
    // Order matters: authenticate first, then check the role.
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [UsersService, UserPrivacy],
})
export class AuthModule {}
