import { SetMetadata } from '@nestjs/common';
import type { Role } from './roles';

/**
 * Every resolver method and route declares who may call it; the global AuthGuard denies what
 * declares nothing, and a test enumerates the resolvers to keep it so.
 */
export const ACCESS_POLICY = 'ent:access-policy';
export type AccessPolicy = { kind: 'public' } | { kind: 'signed-in' } | { kind: 'roles'; roles: Role[] };

/** No session needed (health probes, sign-in, the web application, API-key routes). */
export const Public = () => SetMetadata(ACCESS_POLICY, { kind: 'public' } satisfies AccessPolicy);
/** Any signed-in user; what they see is then limited by their territorial scope. */
export const SignedIn = () => SetMetadata(ACCESS_POLICY, { kind: 'signed-in' } satisfies AccessPolicy);
/** Only these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS_POLICY, { kind: 'roles', roles } satisfies AccessPolicy);

/** Still allowed while the user must change a one-time password (me, change password, sign out). */
export const ALLOWED_BEFORE_PASSWORD_CHANGE = 'ent:allowed-before-password-change';
export const AllowedBeforePasswordChange = () => SetMetadata(ALLOWED_BEFORE_PASSWORD_CHANGE, true);
