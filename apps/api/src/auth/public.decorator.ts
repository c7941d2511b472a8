import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@app/delegation';

export const IS_PUBLIC = 'phancap:public';
/** Marks a route that needs no bearer token (login, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The authenticated user as the domain sees an actor: id, role, body. Set by AuthGuard. */
export interface AuthenticatedUser extends Actor {
  username: string;
  displayName: string;
  /** The province of the user's body: the user sees nothing of another province. */
  provinceId: string;
}

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthenticatedUser => ctx.switchToHttp().getRequest().user,
);
