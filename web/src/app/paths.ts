/** The application's URLs (French, as users share them). */
export const PATHS = {
  signIn: '/connexion',
  passwordChange: '/mot-de-passe',
  overview: '/',
  administration: '/administration',
  notAllowed: '/non-autorise',
} as const;

/** `/connexion?next=/x%3Fy`: the sign-in page, coming back to where the person was. */
export function signInUrl(next?: string): string {
  return next && next !== '/' ? `${PATHS.signIn}?next=${encodeURIComponent(next)}` : PATHS.signIn;
}
