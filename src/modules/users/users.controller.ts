import { Body, Controller, Post, Req } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ActionResult } from '../../common/envelope/envelope.js';
import { ApiStatuses, ApiSuccess } from '../../common/openapi/api-statuses.decorator.js';
import { RouteName, SensitiveParams } from '../../common/routing/route.decorators.js';
import { toUserView } from '../accounts/account.views.js';
import type { SessionAuth } from '../auth/auth-context.js';
import { Authenticated, CurrentSession, Public } from '../auth/auth.decorators.js';
import { RateLimited } from '../auth/rate-limit.js';
import { clientInfoOf } from '../sessions/client-info.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { ChangePasswordDto } from './dto/change-password.dto.js';
import { RegisterUserDto } from './dto/register-user.dto.js';
import { UpdatePreferencesDto } from './dto/update-preferences.dto.js';
import { UsersService } from './users.service.js';
import { demoAccount } from '../../common/demo/demo-accounts.js';
import { TOKEN_EXAMPLE, USER_EXAMPLE } from '../accounts/account.examples.js';
import { IssuedSession } from '../sessions/session.responses.js';
import { PasswordChanged, UserData } from './user.responses.js';

@ApiTags('users')
@Controller('api/v1/users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
  ) {}

  @Post('register')
  @RouteName(
    'Users Register API',
    'Starts a registration: a user with no role and a `planoauth` session to finish it with (sensitive params). `users/client_register` then makes the user a client.',
  )
  @ApiSuccess(IssuedSession, { token: TOKEN_EXAMPLE, user: USER_EXAMPLE }, 'A planoauth session of the new user (no role yet), and the user.')
  @Public()
  @SensitiveParams(RegisterUserDto, {
    params: { email: 'new.user@plano.test', password: 'new-user-pass', first_name: 'Nina', last_name: 'Newuser' },
    effect: 'registers new.user@plano.test as a user with no role yet (a second try answers email-already-registered).',
  })
  @RateLimited('register')
  @ApiStatuses('missing-param', 'invalid-param', 'email-already-registered')
  async register(@Body() params: RegisterUserDto, @Req() request: Request) {
    const issued = await this.users.register(
      { email: params.email, password: params.password, firstName: params.first_name, lastName: params.last_name, phone: params.phone },
      clientInfoOf(request),
    );
    return new ActionResult({ token: issued.token, user: issued.user }, { session: issued.session });
  }

  @Post('update_preferences')
  @RouteName(
    'Users Update Preferences API',
    'Sets the caller\'s `remember_me` preference. Turning it on does not revive sessions that have already expired.',
  )
  // A Try-it-out default that is valid and harmless on the demo data.
  @ApiBody({ type: UpdatePreferencesDto, examples: { rememberMeOff: { summary: 'remember_me off (sessions expire after 7 days / 72 hours idle)', value: { remember_me: false } } } })
  @ApiSuccess(UserData, { user: USER_EXAMPLE }, 'The user with its preferences.')
  @Authenticated()
  @ApiStatuses('invalid-param')
  async updatePreferences(@Body() params: UpdatePreferencesDto, @CurrentSession() caller: SessionAuth) {
    const rememberMe = params.remember_me ?? caller.user.rememberMe;
    if (rememberMe !== caller.user.rememberMe) await this.sessions.setRememberMe(caller.user, rememberMe);
    return new ActionResult(
      { user: toUserView({ ...caller.user, rememberMe }) },
      { session: this.sessions.viewWithRememberMe(caller, rememberMe) },
    );
  }

  @Post('change_password')
  @RouteName(
    'Users Change Password API',
    'Changes the caller\'s password (sensitive params) and revokes every other session of the user; this one stays. Wrong guesses count against the sign-in rate limit. A user without a password (signed in by magic link) sets a first one without `current_password`.',
  )
  @ApiSuccess(PasswordChanged, { revoked_sessions: 2 }, "How many of the user's other sessions were revoked.")
  @Authenticated()
  @SensitiveParams(ChangePasswordDto, {
    params: { current_password: demoAccount('client').password, new_password: demoAccount('client').password },
    effect: `with a session of ${demoAccount('client').email}, keeps the password as it is (and signs out that user's other sessions).`,
  })
  @RateLimited('password')
  @ApiStatuses('missing-param', 'invalid-param', 'invalid-password')
  async changePassword(@Body() params: ChangePasswordDto, @CurrentSession() caller: SessionAuth) {
    return { revoked_sessions: await this.users.changePassword(caller, params.current_password, params.new_password) };
  }
}
