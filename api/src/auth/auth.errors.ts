/** Typed failures of authentication; mapped once to HTTP statuses and GraphQL codes. */
export enum AuthErrorCode {
  InvalidCredentials = 'INVALID_CREDENTIALS',
  LockedOut = 'LOCKED_OUT',
  Unauthenticated = 'UNAUTHENTICATED',
  CsrfMismatch = 'CSRF_MISMATCH',
  Forbidden = 'FORBIDDEN',
  PasswordChangeRequired = 'PASSWORD_CHANGE_REQUIRED',
  InvalidPassword = 'INVALID_PASSWORD',
  InvalidInput = 'BAD_USER_INPUT',
  RateLimited = 'RATE_LIMITED',
}

export class AuthException extends Error {
  constructor(
    readonly code: AuthErrorCode,
    message: string,
    /** Seconds the caller should wait (lockout, rate limit). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AuthException';
  }

  get httpStatus(): number {
    switch (this.code) {
      case AuthErrorCode.InvalidCredentials:
      case AuthErrorCode.Unauthenticated:
        return 401;
      case AuthErrorCode.LockedOut:
      case AuthErrorCode.RateLimited:
        return 429;
      case AuthErrorCode.InvalidPassword:
      case AuthErrorCode.InvalidInput:
        return 400;
      default:
        return 403;
    }
  }
}
