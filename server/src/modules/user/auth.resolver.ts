import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Public } from '../../common/auth';
import type { RequestContext } from '../../common/context';
import { BadInputError } from '../../common/errors';
import { logger } from '../../common/logger';
import { Role } from '../../common/roles';
import { SESSION_ABSOLUTE_MS, login, logout, sessionCookieName } from './auth.service';
import { unlockAccount } from './login-throttle';
import { User } from './user.entity';

@Resolver()
export class AuthResolver {
  @Public()
  @Mutation(() => User, { description: 'Signs in and sets the HttpOnly session cookie.' })
  async login(
    @Arg('username', () => String) username: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: RequestContext,
  ): Promise<User> {
    if (username.length > 100)
      throw BadInputError.of('username', 'maxLength', 'is too long', { max: 100 });
    if (password.length > 1000)
      throw BadInputError.of('password', 'maxLength', 'is too long', { max: 1000 });
    const { token, user } = await login(ctx.db, username, password, ctx.sessionId, {
      address: ctx.req?.ip ?? null,
      requestId: ctx.requestId,
    });
    // Secure cookies use the __Host- name: Secure, Path=/ and no Domain are what it requires.
    ctx.res?.cookie(sessionCookieName(ctx.secureCookies), token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.secureCookies,
      path: '/',
      maxAge: SESSION_ABSOLUTE_MS,
    });
    return user;
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Ends the session and clears the cookie.' })
  async logout(@Ctx() ctx: RequestContext): Promise<boolean> {
    await logout(ctx.db, ctx.sessionId);
    ctx.res?.clearCookie(sessionCookieName(ctx.secureCookies), {
      path: '/',
      secure: ctx.secureCookies,
      httpOnly: true,
      sameSite: 'lax',
    });
    return true;
  }

  @Public()
  @Query(() => User, { nullable: true, description: 'The signed-in user, or null.' })
  async me(@Ctx() ctx: RequestContext): Promise<User | null> {
    if (!ctx.user) return null;
    // Row-level security lets every signed-in user read their own account, and only that one.
    return ctx.db.getRepository(User).findOneBy({ id: ctx.user.id });
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => Boolean, {
    description:
      'Lifts the sign-in lock of an account after too many failed attempts (true when one was cleared).',
  })
  async unlockLogin(
    @Arg('username', () => String) username: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    if (username.length > 100)
      throw BadInputError.of('username', 'maxLength', 'is too long', { max: 100 });
    const cleared = await unlockAccount(ctx.db, username);
    logger.info('sign-in unlocked', {
      requestId: ctx.requestId,
      username,
      by: ctx.user?.username,
      cleared,
    });
    return cleared;
  }
}
