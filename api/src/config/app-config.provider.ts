/** Injection token of the validated `AppConfig` (see @ent/config). */
export const APP_CONFIG = Symbol('APP_CONFIG');
