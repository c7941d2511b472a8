import type { Actor } from '@app/delegation';

/** The authenticated user as the domain sees an actor: id, role, body. Set by AuthGuard. */
export interface AuthenticatedUser extends Actor {
  username: string;
  displayName: string;
  /** The province of the user's body: the user sees nothing of another province. */
  provinceId: string;
}
